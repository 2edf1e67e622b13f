using System.Diagnostics;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Runs a notebook top to bottom in a fresh C# session inside this process and returns the executed copy with its
/// outputs and timings. A cell that exceeds the time limit is reported and the session abandoned, but its thread
/// cannot be stopped from inside the process: callers that need a hard stop (the <c>run</c> verb, a grader) use
/// <see cref="IsolatedNotebookRunner"/>, which runs this class in a child process.
/// </summary>
public sealed class NotebookRunner(RunnerOptions options)
{
    public RunnerOptions Options { get; } = options;

    private DateTime? _deadline;

    /// <summary>True after a cell timed out: its code may still be running in this process.</summary>
    public bool Abandoned { get; private set; }

    public async Task<NotebookRunResult> RunAsync(string notebookPath)
    {
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(notebookPath);
        }
        catch (NotebookFormatException e)
        {
            return new NotebookRunResult { NotebookPath = notebookPath, LoadError = e.Message };
        }
        return await RunAsync(notebook).ConfigureAwait(false);
    }

    public async Task<NotebookRunResult> RunAsync(Notebook source)
    {
        var path = source.Path ?? "notebook.ipynb";
        var baseDirectory = Path.GetFullPath(Options.BaseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
        var executed = source.Clone();
        var result = new NotebookRunResult { NotebookPath = path, Executed = executed };
        var total = Stopwatch.StartNew();

        var globals = new KernelGlobals();
        var session = new ScriptSession(baseDirectory, globals);
        var loadedPackages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await session.StartAsync().ConfigureAwait(false);

        var executionCount = 0;
        var stopped = false;
        _deadline = Options.TotalTimeout is { } budget ? DateTime.UtcNow + budget : null;
        var codeCells = executed.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        foreach (var cell in codeCells)
        {
            var cellResult = new CellResult { Number = cell.Number, FirstLine = cell.FirstLine };
            result.Cells.Add(cellResult);
            if (stopped)
            {
                cellResult.Status = CellStatus.NotRun;
                WriteCell(cell, cellResult, null);
                continue;
            }

            Options.Progress?.Invoke($"cell {cell.Number} start");
            var watch = Stopwatch.StartNew();
            await RunCellAsync(cell, cellResult, session, globals, loadedPackages, result.Log, baseDirectory).ConfigureAwait(false);
            cellResult.Seconds = watch.Elapsed.TotalSeconds;
            Options.Progress?.Invoke($"cell {cell.Number} {cellResult.Status.ToString().ToLowerInvariant()} {cellResult.Seconds:F2}s");

            WriteCell(cell, cellResult, ++executionCount);
            if (cellResult.Status == CellStatus.TimedOut)
            {
                Abandoned = true;
                stopped = true;
            }
            else if (cellResult.Status == CellStatus.Failed && !Options.ContinueOnError)
            {
                stopped = true;
            }
        }

        result.TotalSeconds = total.Elapsed.TotalSeconds;
        executed.Metadata["lab"] = new JsonObject
        {
            ["runner"] = "lab run (Roslyn scripting emulation of the .NET Interactive C# kernel)",
            ["executed_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["total_seconds"] = Math.Round(result.TotalSeconds, 3),
            ["succeeded"] = result.Succeeded,
        };
        return result;
    }

    private async Task RunCellAsync(NotebookCell cell, CellResult cellResult, ScriptSession session, KernelGlobals globals,
        HashSet<string> loadedPackages, List<string> log, string baseDirectory)
    {
        var kernelName = cell.PolyglotKernelName;
        if (kernelName is not null && !kernelName.Equals("csharp", StringComparison.OrdinalIgnoreCase)
                                   && !kernelName.Equals("markdown", StringComparison.OrdinalIgnoreCase))
        {
            Fail(cellResult, "Kernel not supported",
                $"this cell runs in the '{kernelName}' kernel; the runner emulates the C# kernel only.");
            return;
        }
        if (string.Equals(kernelName, "markdown", StringComparison.OrdinalIgnoreCase))
            return; // A code cell whose kernel is Markdown only shows text.

        var prepared = CellPreprocessor.Prepare(cell.Source, baseDirectory);
        log.AddRange(prepared.Notes);
        if (prepared.IsMarkdown)
            return;
        if (prepared.Errors.Count > 0)
        {
            Fail(cellResult, "Directive error", string.Join("\n", prepared.Errors));
            return;
        }

        var packageErrors = new List<string>();
        foreach (var request in prepared.Packages)
        {
            var resolution = NuGetPackageMap.Resolve(request.Id, request.Version);
            if (resolution.Error is not null)
            {
                packageErrors.Add($"line {request.Line}: {resolution.Error}");
                continue;
            }
            if (!loadedPackages.Add(request.Id))
                continue;
            session.AddReferences(resolution.AssemblyPaths);
            if (resolution.RegistersChartFormatter)
                PlotlySupport.RegisterChartFormatter();
            if (resolution.Note is not null)
            {
                log.Add(resolution.Note);
                ConsoleCapture.OriginalOut.WriteLine($"[lab] {resolution.Note}");
            }
        }
        if (packageErrors.Count > 0)
        {
            Fail(cellResult, "Package not available", string.Join("\n", packageErrors));
            return;
        }

        var sink = new OutputSink();
        globals.AttachTo(sink);
        var watch = Stopwatch.StartNew();

        var submissions = new List<string>();
        foreach (var import in prepared.Imports)
            submissions.AddRange(ImportedCode(import, baseDirectory));
        submissions.Add(prepared.Code);

        // The cell's limit, or less when the notebook's total budget runs out first.
        var limit = Options.CellTimeout;
        var totalLimitApplies = false;
        if (_deadline is { } deadline && deadline - DateTime.UtcNow < limit)
        {
            limit = deadline - DateTime.UtcNow;
            totalLimitApplies = true;
        }

        foreach (var code in submissions.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var remaining = limit - watch.Elapsed;
            var run = Task.Run(async () =>
            {
                using var capture = ConsoleCapture.RedirectTo(sink);
                return await session.SubmitAsync(code).ConfigureAwait(false);
            });
            var finished = await Task.WhenAny(run, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)).ConfigureAwait(false);
            if (finished != run)
            {
                cellResult.Outputs.AddRange(sink.Snapshot());
                Fail(cellResult, "Timeout", totalLimitApplies
                        ? $"the notebook used up its total time limit of {Options.TotalTimeout!.Value.TotalSeconds:0.#} s in this cell, so the runner stopped it here."
                        : $"the cell did not finish within the time limit of {Options.CellTimeout.TotalSeconds:0.#} s, so the runner stopped the notebook here. "
                          + "Is there a loop that never ends? If the work is genuine, raise the limit with --cell-timeout.",
                    CellStatus.TimedOut);
                return;
            }

            var outcome = await run.ConfigureAwait(false);
            if (outcome.CompileErrors.Count > 0)
            {
                cellResult.Outputs.AddRange(sink.Snapshot());
                Fail(cellResult, "Compilation error", string.Join("\n", outcome.CompileErrors));
                return;
            }
            if (outcome.Exception is not null)
            {
                cellResult.Outputs.AddRange(sink.Snapshot());
                var exception = outcome.Exception is AggregateException { InnerExceptions.Count: 1 } aggregate
                    ? aggregate.InnerExceptions[0]
                    : outcome.Exception;
                Fail(cellResult, exception.GetType().FullName ?? "Exception", exception.Message, CellStatus.Failed, ScriptStackTrace(exception));
                return;
            }
            if (outcome.HasValue && ReferenceEquals(code, submissions[^1]))
                sink.Add(CellOutput.Result(ValueFormatter.Format(outcome.Value)));
        }

        if (prepared.Time)
            sink.Add(CellOutput.Display(ValueFormatter.Format($"Wall time: {watch.Elapsed.TotalMilliseconds:F1}ms")));
        cellResult.Outputs.AddRange(sink.Snapshot());
        cellResult.Status = CellStatus.Ok;
    }

    /// <summary>The code <c>#!import</c> brings in: a notebook's C# cells, or a .cs/.csx file's text.</summary>
    private static IEnumerable<string> ImportedCode(string path, string baseDirectory)
    {
        if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            return [File.ReadAllText(path)];
        return Notebook.Load(path).Cells
            .Where(c => c.Kind == CellKind.Code && c.PolyglotKernelName is null or "csharp")
            .Select(c => CellPreprocessor.Prepare(c.Source, baseDirectory).Code);
    }

    private static void Fail(CellResult cell, string name, string message, CellStatus status = CellStatus.Failed, string? trace = null)
    {
        cell.Status = status;
        cell.Error = trace is null ? message : $"{name}: {message}\n{trace}";
        var traceback = new List<string> { $"{name}: {message}" };
        if (trace is not null)
            traceback.Add(trace);
        cell.Outputs.Add(CellOutput.Error(name, message, [.. traceback]));
    }

    /// <summary>The exception's stack without the scripting engine's own frames.</summary>
    private static string ScriptStackTrace(Exception exception)
    {
        var lines = (exception.StackTrace ?? "").Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal))
            .Where(l => l.Length > 0 && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal));
        return string.Join("\n", lines);
    }

    private static void WriteCell(NotebookCell cell, CellResult result, int? executionCount)
    {
        var outputs = new JsonArray();
        foreach (var output in result.Outputs)
            outputs.Add(output.ToJson(executionCount ?? 0));
        cell.Json["outputs"] = outputs;
        cell.Json["execution_count"] = executionCount;
        cell.Metadata["lab"] = new JsonObject
        {
            ["status"] = result.Status.ToString().ToLowerInvariant(),
            ["wall_seconds"] = Math.Round(result.Seconds, 4),
        };
    }
}
