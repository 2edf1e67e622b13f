using System.Text.Json;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Verbs;

namespace RegularizationLab.Lab.Tests;

/// <summary>`lab run` on one notebook keeps what earlier runs wrote into the same output folder.</summary>
public sealed class RunVerbTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    [Fact]
    public async Task A_single_notebook_run_merges_into_run_summary_and_keeps_the_course_sites_other_pages()
    {
        var output = Path.Combine(_notebooks.Folder, "out");
        // An earlier course run left an executed lecture and its summary entry.
        var earlier = _notebooks.Write("out/notebooks/00-intro.ipynb", "1");
        await RunVerb.RunAllAsync([_notebooks.WriteRaw("a/01-broken.ipynb", "{")], output, new RunnerOptions(), jobs: 1);

        // Now one other notebook is run with --html (it fails to load, so no kernel is needed).
        var exitCode = await new RunVerb().RunAsync([_notebooks.WriteRaw("b/02-broken.ipynb", "{ \"cells\": "), "--out", output, "--html"]);

        Assert.Equal(1, exitCode);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run-summary.json")));
        var listed = summary.RootElement.EnumerateArray().Select(e => Path.GetFileName(e.GetProperty("notebook").GetString())).ToList();
        Assert.Equal(["01-broken.ipynb", "02-broken.ipynb"], listed);
        var index = File.ReadAllText(Path.Combine(output, "site", "index.html"));
        Assert.Contains("notebooks/00-intro.html", index); // the page from the earlier run is still in the index
        Assert.True(File.Exists(earlier));
    }
}
