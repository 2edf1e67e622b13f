using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

/// <summary>
/// Runs one lecture notebook through the course runner (in its own process, as CI does) and keeps the text its cells
/// printed and the HTML of its charts. The run goes through <see cref="NotebookRunCache"/>, so the Runner.Tests
/// "every notebook runs" test and these pin tests execute each notebook only once per content version.
/// Subclasses name the notebook.
/// </summary>
public abstract class PrintedNotebookFixture : IAsyncLifetime
{
    protected abstract string NotebookFile { get; }

    /// <summary>Runner options; a lecture with full-scale sweeps may allow a longer cell time on a shared machine.</summary>
    protected virtual RunnerOptions? Options => null;

    public NotebookRunResult Result { get; private set; } = null!;

    /// <summary>Everything the cells printed (standard output streams), in cell order.</summary>
    public string Printed { get; private set; } = "";

    /// <summary>The HTML of every rich output (the charts), in cell order.</summary>
    public IReadOnlyList<string> Html { get; private set; } = [];

    public async Task InitializeAsync()
    {
        string root = FindRepoRoot();
        string source = Path.Combine(root, "notebooks", NotebookFile);
        Result = await NotebookRunCache.RunAsync(source, Options, repositoryRoot: root);
        // The child process writes the executed copy; its outputs live there (nbformat JSON), not in the result.
        if (Result.ExecutedPath is { } executed && File.Exists(executed))
        {
            var outputs = JsonNode.Parse(await File.ReadAllTextAsync(executed))!["cells"]!.AsArray()
                .SelectMany(cell => cell!["outputs"]?.AsArray() ?? []).ToList();
            Printed = string.Join("\n", outputs.Where(o => (string?)o!["output_type"] == "stream").Select(o => Join(o!["text"])));
            Html = outputs.Select(o => o!["data"]?["text/html"]).Where(h => h is not null).Select(Join).ToList();
        }
    }

    // nbformat stores multi-line text as an array of lines (or, less often, one string).
    private static string Join(JsonNode? text) =>
        text is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)text ?? "";

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The groups of the single line matching <paramref name="pattern"/> (fails clearly otherwise).</summary>
    public GroupCollection Line(string pattern)
    {
        var matches = Lines(pattern);
        Assert.True(matches.Count == 1, $"expected one line matching /{pattern}/, found {matches.Count}. Printed text:\n{Printed}");
        return matches[0].Groups;
    }

    /// <summary>All matches of <paramref name="pattern"/> in the printed text (multiline mode).</summary>
    public IReadOnlyList<Match> Lines(string pattern) => Regex.Matches(Printed, pattern, RegexOptions.Multiline).ToList();

    public static double Number(Group group) => double.Parse(group.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The number printed on a line "<paramref name="label"/> = value" (fails clearly if there is none).</summary>
    public double Number(string label)
    {
        Match m = Regex.Match(Printed, "^" + Regex.Escape(label) + @"\s*=\s*([-+0-9.Ee]+)", RegexOptions.Multiline);
        Assert.True(m.Success, $"the notebook printed no line \"{label} = …\". Printed text:\n{Printed}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>No ✗ line, every cell ran, and at least <paramref name="minimumPasses"/> ✓ lines were printed.</summary>
    public void AssertAllChecksPass(int minimumPasses)
    {
        Assert.True(Result.Succeeded, Result.FailureReport);
        var failed = Lines(@"^✗.*$");
        Assert.True(failed.Count == 0, "failed checks:\n" + string.Join("\n", failed.Select(m => m.Value)));
        int passes = Lines(@"^✓").Count;
        Assert.True(passes >= minimumPasses, $"only {passes} ✓ lines were printed (expected at least {minimumPasses})");
    }

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RegularizationLab.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find RegularizationLab.slnx above " + AppContext.BaseDirectory);
    }
}
