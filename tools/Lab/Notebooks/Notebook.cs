using System.Text.Json;
using System.Text.Json.Nodes;

namespace RegularizationLab.Lab.Notebooks;

/// <summary>
/// An nbformat 4 notebook held as its JSON tree, so that metadata the tool does not know about survives a round trip.
/// </summary>
public sealed class Notebook
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1, // nbformat's own indentation, so executed copies diff cleanly against Jupyter's.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private Notebook(JsonObject root, string? path)
    {
        Root = root;
        Path = path;
        Cells = ((root["cells"] as JsonArray) ?? [])
            .Select((node, index) => new NotebookCell(node as JsonObject
                ?? throw new NotebookFormatException(path, $"cell {index + 1} is not a JSON object"), index))
            .ToList();
    }

    public JsonObject Root { get; }

    /// <summary>The file the notebook was read from (null when parsed from text).</summary>
    public string? Path { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    public static Notebook Load(string path)
    {
        if (!File.Exists(path))
            throw new NotebookFormatException(path, "the file does not exist");
        return Parse(File.ReadAllText(path), path);
    }

    public static Notebook Parse(string json, string? path = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path,
                $"it is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }

        if (node is not JsonObject root)
            throw new NotebookFormatException(path, "the top-level JSON value is not an object");
        if (root["cells"] is not JsonArray)
            throw new NotebookFormatException(path, "it has no \"cells\" array (is it an nbformat 4 notebook?)");
        var major = root["nbformat"]?.GetValueKind() == JsonValueKind.Number ? root["nbformat"]!.GetValue<int>() : 0;
        if (major != 4)
            throw new NotebookFormatException(path, $"nbformat is {root["nbformat"]?.ToJsonString() ?? "missing"}; only nbformat 4 is supported");
        return new Notebook(root, path);
    }

    /// <summary>A deep copy, e.g. to write outputs into without touching the source.</summary>
    public Notebook Clone(string? path = null) => new((JsonObject)Root.DeepClone(), path ?? Path);

    public string ToJson() => Root.ToJsonString(WriteOptions) + "\n";

    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson());
    }

    /// <summary>The notebook's title: its first Markdown heading, else the file name.</summary>
    public string Title
    {
        get
        {
            foreach (var cell in Cells.Where(c => c.Kind == CellKind.Markdown))
            {
                foreach (var line in cell.Source.Split('\n'))
                {
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith('#'))
                        return trimmed.TrimStart('#').Trim();
                }
            }
            return System.IO.Path.GetFileNameWithoutExtension(Path ?? "notebook");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
