using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Checking;

/// <summary>
/// The course's notebook-file convention: what VS Code Polyglot Notebooks writes for a C# notebook (so the file opens
/// with the right kernel), and no committed outputs.
/// </summary>
public static class NotebookConvention
{
    /// <summary>Every way <paramref name="path"/> breaks the convention; empty when it follows it.</summary>
    public static List<string> Check(string path)
    {
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(path);
        }
        catch (NotebookFormatException e)
        {
            return [e.Problem];
        }
        return Check(notebook);
    }

    public static List<string> Check(Notebook notebook)
    {
        var problems = new List<string>();
        var minor = notebook.Root["nbformat_minor"];
        if (minor is null || minor.GetValueKind() != System.Text.Json.JsonValueKind.Number || minor.GetValue<int>() < 4)
            problems.Add($"nbformat_minor is {minor?.ToJsonString() ?? "missing"}; the course uses nbformat 4.4 or later");

        var metadata = notebook.Root["metadata"] as JsonObject;
        Expect(problems, metadata, "metadata.kernelspec.display_name", ".NET (C#)");
        Expect(problems, metadata, "metadata.kernelspec.language", "C#");
        Expect(problems, metadata, "metadata.kernelspec.name", ".net-csharp");
        Expect(problems, metadata, "metadata.language_info.name", "C#");
        Expect(problems, metadata, "metadata.polyglot_notebook.kernelInfo.defaultKernelName", "csharp");
        var items = Walk(metadata, "polyglot_notebook.kernelInfo.items") as JsonArray;
        if (items is null || !items.OfType<JsonObject>().Any(i => (string?)i["name"] == "csharp"))
            problems.Add("metadata.polyglot_notebook.kernelInfo.items must list the kernel {\"name\": \"csharp\"}");

        foreach (var cell in notebook.Cells)
        {
            var where = $"cell {cell.Number} ({cell.FirstLine})";
            var expected = cell.Kind switch { CellKind.Code => "csharp", CellKind.Markdown => "markdown", _ => null };
            if (expected is null)
            {
                problems.Add($"{where}: cell_type '{(string?)cell.Json["cell_type"]}' is not used by the course (code or markdown)");
                continue;
            }
            var kernel = cell.PolyglotKernelName;
            if (kernel != expected)
                problems.Add($"{where}: metadata.polyglot_notebook.kernelName is {Show(kernel)}; expected \"{expected}\"");
            var language = (string?)Walk(cell.Metadata, "dotnet_interactive.language");
            if (language != expected)
                problems.Add($"{where}: metadata.dotnet_interactive.language is {Show(language)}; expected \"{expected}\"");
            if (cell.Kind == CellKind.Code)
            {
                if (cell.Outputs is { Count: > 0 } outputs)
                    problems.Add($"{where}: has {outputs.Count} output(s); commit notebooks without outputs");
                if (cell.Json["execution_count"] is JsonValue count && count.GetValueKind() != System.Text.Json.JsonValueKind.Null)
                    problems.Add($"{where}: execution_count is {count.ToJsonString()}; commit notebooks unexecuted (null)");
            }
        }
        return problems;
    }

    private static void Expect(List<string> problems, JsonObject? metadata, string path, string expected)
    {
        var actual = Walk(metadata, path["metadata.".Length..]);
        var text = actual is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)value : null;
        if (text != expected)
            problems.Add($"{path} is {(actual is null ? "missing" : actual.ToJsonString())}; expected \"{expected}\"");
    }

    private static JsonNode? Walk(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
            node = (node as JsonObject)?[part];
        return node;
    }

    private static string Show(string? value) => value is null ? "missing" : $"\"{value}\"";
}
