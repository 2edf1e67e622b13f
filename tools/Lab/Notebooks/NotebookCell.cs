using System.Text.Json.Nodes;

namespace RegularizationLab.Lab.Notebooks;

public enum CellKind { Code, Markdown, Raw }

/// <summary>One cell of a <see cref="Notebook"/>: a live view over its JSON object.</summary>
public sealed class NotebookCell(JsonObject json, int index)
{
    public JsonObject Json { get; } = json;

    /// <summary>Zero-based position in the notebook.</summary>
    public int Index { get; } = index;

    /// <summary>One-based position, as a person counts cells in the editor.</summary>
    public int Number => Index + 1;

    public CellKind Kind => (string?)Json["cell_type"] switch
    {
        "code" => CellKind.Code,
        "markdown" => CellKind.Markdown,
        _ => CellKind.Raw,
    };

    /// <summary>The cell text; nbformat allows a string or a list of lines.</summary>
    public string Source
    {
        get => Json["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => (string?)l ?? "")),
            JsonValue value => (string?)value ?? "",
            _ => "",
        };
        set => Json["source"] = NbText.ToLines(value);
    }

    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The Polyglot kernel name of the cell ("csharp", "markdown", …), if it records one.</summary>
    public string? PolyglotKernelName => (string?)(Metadata["polyglot_notebook"] as JsonObject)?["kernelName"];

    public JsonArray? Outputs => Json["outputs"] as JsonArray;

    /// <summary>The first non-blank line, for reports.</summary>
    public string FirstLine =>
        Source.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "(empty cell)";
}
