using System.Text.Json;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Rendering;

namespace RegularizationLab.Lab.Verbs;

/// <summary><c>lab run</c>: executes notebooks, each in its own process, and writes the executed copies.</summary>
public sealed class RunVerb : IVerb
{
    public string Name => "run";

    public string Summary => "run notebooks top to bottom (each in a fresh C# session) and write executed copies";

    public string Usage => """
        lab run <notebook|folder>... [options]

        Runs each notebook in its own process, as the C# kernel would ("Run All"), and writes the executed copy
        (with outputs and per-cell timings) under the output folder. Exit code 1 when any cell fails.

          --out <folder>          output folder (default: out)
          --cell-timeout <s>      per-cell time limit in seconds (default: 300)
          --jobs <n>              notebooks run at the same time (default: 1, so timings are not disturbed)
          --continue-on-error     keep running later cells after a failing one
          --html                  also render the HTML site into <out>/site
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args, "continue-on-error", "html");
        line.AllowOnly("out", "cell-timeout", "jobs", "continue-on-error", "html");
        if (line.Positional.Count == 0)
            throw new UsageException("name at least one notebook or folder.");
        var outputFolder = Path.GetFullPath(line.Get("out", "out"));
        var options = new RunnerOptions
        {
            CellTimeout = TimeSpan.FromSeconds(line.GetDouble("cell-timeout", RunnerOptions.DefaultCellTimeout.TotalSeconds, 0.1, 86_400)),
            ContinueOnError = line.Has("continue-on-error"),
        };
        var jobs = (int)line.GetDouble("jobs", 1, 1, 64);
        var notebooks = NotebookDiscovery.Expand(line.Positional);
        if (notebooks.Count == 0)
            throw new UsageException($"no .ipynb files in {string.Join(", ", line.Positional)}.");

        // Notebooks load bin/course/Course.dll: build it first when it is missing or older than lib/.
        if (!await CourseLibrary.EnsureBuiltAsync(RepoPaths.Root))
            return 1;
        var results = await RunAllAsync(notebooks, outputFolder, options, jobs);
        Console.WriteLine();
        Console.WriteLine(RunReport.Format(results));

        if (line.Has("html"))
        {
            // The site shows every executed notebook under <out>, so running one notebook updates its page and keeps
            // the rest of the course site (and its index) as it was.
            var executed = RepoPaths.NotebookFolders.Select(f => Path.Combine(outputFolder, f)).Where(Directory.Exists)
                .SelectMany(f => Directory.EnumerateFiles(f, "*.ipynb", SearchOption.AllDirectories))
                .Concat(results.Where(r => r.ExecutedPath is not null).Select(r => Path.GetFullPath(r.ExecutedPath!)))
                .Distinct();
            var rendered = SiteRenderer.Render(executed, Path.Combine(outputFolder, "site"));
            Console.WriteLine(rendered.Summary);
        }
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    /// <summary>Runs the notebooks (at most <paramref name="jobs"/> at once), printing one line per notebook, and
    /// writes <c>run-summary.json</c> into the output folder.</summary>
    public static async Task<List<NotebookRunResult>> RunAllAsync(IReadOnlyList<string> notebooks, string outputFolder, RunnerOptions options, int jobs)
    {
        Directory.CreateDirectory(outputFolder);
        var results = new NotebookRunResult[notebooks.Count];
        var printed = new HashSet<string>();
        using var gate = new SemaphoreSlim(jobs);
        var tasks = notebooks.Select(async (notebook, index) =>
        {
            await gate.WaitAsync();
            try
            {
                Console.WriteLine($"▶ {notebook}");
                var runner = new IsolatedNotebookRunner(options)
                {
                    Log = message =>
                    {
                        lock (printed)
                        {
                            if (printed.Add(message)) // A mapping note once per run, not once per notebook.
                                Console.WriteLine("  " + message);
                        }
                    },
                };
                var result = await runner.RunAsync(notebook, NotebookDiscovery.ExecutedPath(notebook, outputFolder));
                results[index] = result;
                var slowest = result.SlowestCell;
                var report = new List<string>
                {
                    result.Succeeded
                        ? Invariant.F($"✓ {notebook}: {result.TotalSeconds:F1} s") + (slowest is null ? "" : Invariant.F($", slowest cell {slowest.Number} ({slowest.Seconds:F1} s, CPU {slowest.CpuSeconds:F1} s)"))
                        : $"✗ {notebook}: {(result.LoadError is not null ? "could not run" : "failed")}",
                };
                report.AddRange(CheckLines.Summary(result.ExecutedPath).Select(l => "    " + l));
                if (result.ExecutedPath is not null)
                    report.Add($"    executed copy: {result.ExecutedPath}");
                lock (printed) Console.WriteLine(string.Join("\n", report));
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);

        var summaryPath = Path.Combine(outputFolder, "run-summary.json");
        var summary = PreviousSummary(summaryPath, results).Concat(results.Select(r => (JsonNode?)JsonSerializer.SerializeToNode(new
        {
            notebook = r.NotebookPath,
            executed = r.ExecutedPath,
            succeeded = r.Succeeded,
            total_seconds = Math.Round(r.TotalSeconds, 3),
            total_cpu_seconds = Math.Round(r.TotalCpuSeconds, 3),
            slowest_cell = r.SlowestCell is { } s ? new { number = s.Number, first_line = s.FirstLine, seconds = Math.Round(s.Seconds, 3),
                cpu_seconds = Math.Round(s.CpuSeconds, 3) } : null,
            failure = r.FailureReport,
            cells = r.Cells.Select(c => new { number = c.Number, status = c.Status.ToString(), seconds = Math.Round(c.Seconds, 3),
                cpu_seconds = Math.Round(c.CpuSeconds, 3), first_line = c.FirstLine }),
        })));
        await File.WriteAllTextAsync(summaryPath, new JsonArray([.. summary]).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return [.. results];
    }

    /// <summary>The entries of an earlier run-summary.json for notebooks this run did not run (they stay listed).</summary>
    private static IEnumerable<JsonNode?> PreviousSummary(string path, IEnumerable<NotebookRunResult> results)
    {
        var ran = results.Select(r => r.NotebookPath).ToHashSet(StringComparer.Ordinal);
        try
        {
            var previous = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonArray : null;
            return (previous ?? []).Where(e => e?["notebook"]?.GetValue<string>() is { } n && !ran.Contains(n)).Select(e => e!.DeepClone()).ToList();
        }
        catch (JsonException)
        {
            return []; // An unreadable summary is replaced.
        }
    }
}
