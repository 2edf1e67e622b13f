using System.Diagnostics;
using System.Text.Json;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Verbs;

namespace RegularizationLab.Lab.Tests;

/// <summary>What only a child process per notebook can give: hard time limits, the kernel's working directory,
/// and a batch that survives a broken notebook.</summary>
public sealed class IsolationTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    [Fact]
    public async Task A_runaway_cell_is_stopped_by_the_time_limit_with_a_clear_message()
    {
        var path = _notebooks.Write("loop.ipynb", "Console.WriteLine(\"started\");", "while (true) { }", "Console.WriteLine(\"never\");");
        var watch = Stopwatch.StartNew();
        var result = await _notebooks.RunIsolatedAsync(path, new RunnerOptions { CellTimeout = TimeSpan.FromSeconds(20) });
        watch.Stop();

        Assert.False(result.Succeeded);
        Assert.Equal(CellStatus.Ok, result.Cells[0].Status);
        var loop = result.Cells[1];
        Assert.Equal(CellStatus.TimedOut, loop.Status);
        Assert.Contains("did not finish within the time limit of 20 s", loop.Error);
        Assert.Equal(CellStatus.NotRun, result.Cells[2].Status);
        Assert.Contains("cell 3 `while (true) { }` timed out", result.FailureReport);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), $"the child took {watch.Elapsed} to stop");
        Assert.Equal("started\n", TestNotebooks.OutputsOf(result, 2).Single().Text); // The executed copy was still written.
    }

    [Fact]
    public async Task The_total_time_limit_stops_a_notebook_whose_cells_are_each_within_their_limit()
    {
        var path = _notebooks.Write("slow.ipynb", "System.Threading.Thread.Sleep(1000);", "System.Threading.Thread.Sleep(60_000);", "Console.WriteLine(\"never\");");
        var result = await _notebooks.RunIsolatedAsync(path, new RunnerOptions { CellTimeout = TimeSpan.FromSeconds(120), TotalTimeout = TimeSpan.FromSeconds(15) });
        Assert.Equal(CellStatus.TimedOut, result.Cells[1].Status);
        Assert.Contains("total time limit of 15 s", result.Cells[1].Error);
        Assert.Equal(CellStatus.NotRun, result.Cells[2].Status);
    }

    [Fact]
    public async Task Cells_run_with_the_notebook_folder_as_working_directory()
    {
        _notebooks.WriteRaw("lesson/data.txt", "shipped data");
        var path = _notebooks.Write("lesson/read.ipynb", "System.IO.File.ReadAllText(\"data.txt\")", "System.IO.Directory.GetCurrentDirectory()");
        var result = await _notebooks.RunIsolatedAsync(path);
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Equal("shipped data", TestNotebooks.OutputsOf(result, 2).Single().Data["text/plain"]);
        Assert.Equal(Path.Combine(_notebooks.Folder, "lesson"), TestNotebooks.OutputsOf(result, 3).Single().Data["text/plain"]);
    }

    [Fact]
    public async Task A_process_crash_is_reported_not_thrown()
    {
        var path = _notebooks.Write("crash.ipynb", "Environment.Exit(42);");
        var result = await _notebooks.RunIsolatedAsync(path);
        Assert.False(result.Succeeded);
        Assert.Contains("exit code 42", result.LoadError);
        Assert.Contains("cell 2 start", result.LoadError); // The last progress line says which cell it was.
    }

    [Fact]
    public async Task A_malformed_notebook_is_reported_and_the_other_notebooks_still_run()
    {
        var bad = _notebooks.WriteRaw("batch/01-broken.ipynb", "{ \"cells\": [ { \"cell_type\": \"code\", ");
        var good = _notebooks.Write("batch/02-fine.ipynb", "Console.WriteLine(\"fine\");");
        var output = Path.Combine(_notebooks.Folder, "out");

        var results = await RunVerb.RunAllAsync([bad, good], output, new RunnerOptions(), jobs: 2);

        Assert.Equal(2, results.Count);
        Assert.False(results[0].Succeeded);
        Assert.Contains("01-broken.ipynb: cannot read the notebook: it is not valid JSON", results[0].LoadError);
        Assert.True(results[1].Succeeded, results[1].FailureReport);
        var report = RunReport.Format(results);
        Assert.Contains("01-broken.ipynb", report);
        Assert.Contains("1 of 2 notebook(s) ran without errors", report);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run-summary.json")));
        Assert.Equal(2, summary.RootElement.GetArrayLength());
        Assert.False(summary.RootElement[0].GetProperty("succeeded").GetBoolean());
        Assert.True(summary.RootElement[1].GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task A_notebook_that_is_not_nbformat_4_is_a_clear_error()
    {
        var path = _notebooks.WriteRaw("old.ipynb", "{ \"nbformat\": 3, \"cells\": [] }");
        var result = await _notebooks.RunIsolatedAsync(path);
        Assert.Contains("only nbformat 4 is supported", result.LoadError);
    }

    [Fact]
    public async Task The_run_verb_exits_non_zero_when_a_cell_fails_and_zero_otherwise()
    {
        var good = _notebooks.Write("verb/good.ipynb", "1");
        var bad = _notebooks.Write("verb/bad.ipynb", "throw new Exception(\"x\");");
        var output = Path.Combine(_notebooks.Folder, "verb-out");
        Assert.Equal(0, await new RunVerb().RunAsync([good, "--out", output]));
        Assert.Equal(1, await new RunVerb().RunAsync([good, bad, "--out", output]));
        Assert.True(File.Exists(Path.Combine(output, "run-summary.json")));
    }
}
