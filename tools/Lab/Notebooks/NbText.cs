using System.Text.Json.Nodes;

namespace RegularizationLab.Lab.Notebooks;

/// <summary>nbformat's multi-line strings: stored as a list of lines, each keeping its "\n".</summary>
public static class NbText
{
    public static JsonArray ToLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                array.Add(text[start..]);
                break;
            }
            array.Add(text[start..(end + 1)]);
            start = end + 1;
        }
        return array;
    }

    public static string FromNode(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l ?? "")),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };
}
