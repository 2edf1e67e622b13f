using System.Text.Json;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>A submission as read: the notebook (null when nothing usable was found), why not, and what was repaired.</summary>
public sealed record ReadSubmission(Notebook? Notebook, string? Problem, IReadOnlyList<string> Repairs);

/// <summary>
/// Reads a submitted notebook leniently: whatever a student's editor (or an accident) produced, the result is a
/// notebook the grader can match, or a specific reason why there is none. Repairs are reported, never silent:
/// <c>nbformat</c> written as 4.0, an nbformat 3 file (its worksheet's cells are converted), sources that are not text,
/// cells that are not objects, missing metadata.
/// </summary>
public static class SubmissionReader
{
    public static ReadSubmission Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, $"the file could not be read ({e.GetType().Name})", []);
        }
        return Parse(text);
    }

    public static ReadSubmission Parse(string text)
    {
        var repairs = new List<string>();
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text.TrimStart('\uFEFF'));
        }
        catch (JsonException e)
        {
            return new(null, $"the file is not valid JSON (line {e.LineNumber + 1}): it may have been cut off or edited as text; open it in VS Code, save it again and hand it in anew", repairs);
        }
        if (node is not JsonObject root)
            return new(null, "the file is JSON but not a notebook (its top-level value is not an object)", repairs);

        if (root["cells"] is not JsonArray && root["worksheets"] is JsonArray worksheets)
        {
            root["cells"] = ConvertVersion3(worksheets);
            root.Remove("worksheets");
            repairs.Add("the notebook is in the old nbformat 3; its cells were converted to nbformat 4");
        }
        if (root["cells"] is not JsonArray rawCells)
            return new(null, "the file has no cells (no \"cells\" array): it is not a Jupyter notebook", repairs);

        bool integerFour = root["nbformat"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.ToJsonString() == "4";
        if (!integerFour && repairs.Count == 0)
            repairs.Add($"nbformat was {root["nbformat"]?.ToJsonString() ?? "missing"}; it was read as nbformat 4");
        root["nbformat"] = 4;
        if (root["nbformat_minor"] is not JsonValue minor || !minor.TryGetValue<int>(out _)) root["nbformat_minor"] = 5;
        if (root["metadata"] is not JsonObject) root["metadata"] = new JsonObject();

        var cells = new JsonArray();
        int position = 0;
        foreach (var item in rawCells.ToList())
        {
            position++;
            if (item is not JsonObject cell)
            {
                repairs.Add($"cell {position} is not a JSON object and was ignored");
                continue;
            }
            var copy = (JsonObject)cell.DeepClone();
            var type = copy["cell_type"] is JsonValue t && t.TryGetValue<string>(out var kind) ? kind : null;
            if (type is not ("code" or "markdown" or "raw"))
            {
                repairs.Add($"cell {position} has cell_type {copy["cell_type"]?.ToJsonString() ?? "missing"}; it was read as a raw cell");
                copy["cell_type"] = type = "raw";
            }
            copy["source"] = SourceText(copy["source"], position, repairs);
            if (copy["metadata"] is not JsonObject) copy["metadata"] = new JsonObject();
            if (type == "code")
            {
                copy["outputs"] = new JsonArray();
                copy["execution_count"] = null;
            }
            else
            {
                copy.Remove("outputs");
                copy.Remove("execution_count");
            }
            cells.Add(copy);
        }
        root["cells"] = cells;
        try
        {
            return new(Notebook.Parse(root.ToJsonString()), null, repairs);
        }
        catch (NotebookFormatException e)
        {
            return new(null, $"the notebook could not be read: {e.Message}", repairs);
        }
    }

    /// <summary>A cell's source as one string: nbformat allows a string or a list of strings; anything else is repaired.</summary>
    private static string SourceText(JsonNode? source, int position, List<string> repairs)
    {
        switch (source)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            case JsonArray lines when lines.All(l => l is JsonValue lv && lv.TryGetValue<string>(out _)):
                return string.Concat(lines.Select(l => l!.GetValue<string>()));
            case null:
                repairs.Add($"cell {position} has no source; it was read as empty");
                return "";
            case JsonArray mixed:
                repairs.Add($"cell {position}'s source is a list with entries that are not text; they were read as their JSON text");
                return string.Concat(mixed.Select(l => l is JsonValue lv && lv.TryGetValue<string>(out var s) ? s : l?.ToJsonString() ?? ""));
            default:
                repairs.Add($"cell {position}'s source is not text ({source.GetValueKind()}); it was read as empty");
                return "";
        }
    }

    /// <summary>nbformat 3 kept cells in worksheets, code in "input" and headings as their own cell type.</summary>
    private static JsonArray ConvertVersion3(JsonArray worksheets)
    {
        var cells = new JsonArray();
        foreach (var sheet in worksheets.OfType<JsonObject>())
        {
            foreach (var cell in (sheet["cells"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var type = (cell["cell_type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : "raw";
                var converted = new JsonObject { ["metadata"] = cell["metadata"]?.DeepClone() ?? new JsonObject() };
                if (type == "code")
                {
                    converted["cell_type"] = "code";
                    converted["source"] = cell["input"]?.DeepClone() ?? "";
                }
                else if (type == "heading")
                {
                    int level = cell["level"] is JsonValue l && l.TryGetValue<int>(out var n) ? n : 1;
                    converted["cell_type"] = "markdown";
                    converted["source"] = new string('#', Math.Clamp(level, 1, 6)) + " " + (cell["source"] is JsonArray a ? string.Concat(a.Select(x => x?.ToString())) : cell["source"]?.ToString());
                }
                else
                {
                    converted["cell_type"] = type;
                    converted["source"] = cell["source"]?.DeepClone() ?? "";
                }
                cells.Add(converted);
            }
        }
        return cells;
    }
}
