using System.Text.Json.Nodes;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Tests;

/// <summary>Builds small notebooks (with the course's Polyglot metadata) in a fresh temporary folder.</summary>
public sealed class TestNotebooks : IDisposable
{
    public TestNotebooks()
    {
        Folder = Path.Combine(Path.GetTempPath(), "lab-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>The repository root (holds RegularizationLab.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// The first cell of every lecture, pointing at this repository: the chart packages, the course library and
    /// lib/Charts.csx (which uses the library's types, so it is loaded after Course.dll).
    /// </summary>
    public static string ChartsSetupCell { get; } =
        $"#r \"nuget: Plotly.NET.Interactive, 5.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.13.0\"\n" +
        $"#r \"{RepoFile("bin", "course", "Course.dll")}\"\n#load \"{RepoFile("lib", "Charts.csx")}\"";

    private static string RepoFile(params string[] parts) =>
        Path.Combine([RepoRoot, .. parts]).Replace("\\", "/");

    /// <summary>Writes a notebook whose code cells are <paramref name="codeCells"/>, preceded by a Markdown title cell.</summary>
    public string Write(string relativePath, params string[] codeCells)
    {
        var cells = new JsonArray { MarkdownCell("# Test notebook") };
        foreach (var code in codeCells)
            cells.Add(CodeCell(code));
        return WriteRaw(relativePath, Document(cells).ToJsonString());
    }

    public string WriteRaw(string relativePath, string text)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static JsonObject Document(JsonArray cells) => new()
    {
        ["cells"] = cells,
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "C#" },
            ["polyglot_notebook"] = new JsonObject
            {
                ["kernelInfo"] = new JsonObject
                {
                    ["defaultKernelName"] = "csharp",
                    ["items"] = new JsonArray { new JsonObject { ["name"] = "csharp", ["aliases"] = new JsonArray() } },
                },
            },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 4,
    };

    public static JsonObject CodeCell(string code) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        },
        ["outputs"] = new JsonArray(),
        ["source"] = NbText.ToLines(code),
    };

    public static JsonObject MarkdownCell(string text) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "markdown" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "markdown" },
        },
        ["source"] = NbText.ToLines(text),
    };

    /// <summary>Runs a notebook the way `lab run` does: in its own child process.</summary>
    public async Task<NotebookRunResult> RunIsolatedAsync(string notebook, RunnerOptions? options = null)
    {
        var runner = new IsolatedNotebookRunner(options ?? new RunnerOptions());
        var executed = Path.Combine(Folder, "out", Path.GetFileName(notebook));
        return await runner.RunAsync(notebook, executed);
    }

    /// <summary>The outputs of the code cell with one-based number <paramref name="cellNumber"/> in an executed notebook.</summary>
    public static List<CellOutput> OutputsOf(NotebookRunResult result, int cellNumber)
    {
        Assert.NotNull(result.ExecutedPath);
        var notebook = Notebook.Load(result.ExecutedPath!);
        var cell = notebook.Cells[cellNumber - 1];
        return (cell.Outputs ?? []).OfType<JsonObject>().Select(CellOutput.FromJson).ToList();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RegularizationLab.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find RegularizationLab.slnx above " + AppContext.BaseDirectory);
    }
}
