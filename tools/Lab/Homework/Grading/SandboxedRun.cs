using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Homework.Sandbox;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>What one sandboxed run of an assembled submission produced.</summary>
/// <param name="Reports">The signed evaluation results by part (the only source of points).</param>
/// <param name="Forged">Result lines whose signature did not verify.</param>
/// <param name="Executed">The executed notebook with the run's key removed, or null.</param>
/// <param name="NotebookError">Why the notebook as a whole did not run to the end, or null.</param>
public sealed record SandboxRun(NotebookRunResult Result, IReadOnlyDictionary<string, EvaluationReport> Reports,
    int Forged, string? Executed, string? NotebookError, bool OutOfMemory);

/// <summary>
/// Runs one assembled submission in a fresh bubblewrap sandbox (<see cref="BubblewrapSandbox"/>) around the runner's
/// child process: the notebook reaches it on standard input and the signed results come back on its standard output.
/// </summary>
public sealed class SandboxedRun(string courseRoot, GradingLimits limits)
{
    public async Task<SandboxRun> RunAsync(AssembledSubmission assembled, string key, CancellationToken cancellationToken)
    {
        if (!SandboxTool.Available)
            throw new InvalidOperationException(SandboxTool.MissingMessage);
        var sandboxLimits = new SandboxLimits(limits.MemoryMegabytes, (int)Math.Ceiling(limits.TotalTimeout.TotalSeconds * 2));
        using var sandbox = new BubblewrapSandbox(courseRoot, assembled.Notebook.ToJson(), sandboxLimits);
        var lines = new List<string>();
        var runner = new IsolatedNotebookRunner(new RunnerOptions
        {
            CellTimeout = limits.CellTimeout,
            TotalTimeout = limits.TotalTimeout,
            ContinueOnError = true,
            BaseDirectory = BubblewrapSandbox.WorkingFolder,
            Sandbox = sandbox,
        })
        {
            Log = line => { lock (lines) lines.Add(line); },
        };

        NotebookRunResult result;
        bool totalTimeout;
        using (var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            total.CancelAfter(limits.TotalTimeout + TimeSpan.FromSeconds(30));
            // bwrap --die-with-parent kills the sandbox when the THREAD that started it ends (PR_SET_PDEATHSIG), and
            // thread-pool threads retire when idle: start it from a dedicated thread that waits for the whole run.
            var token = total.Token;
            result = await Task.Factory.StartNew(
                () => runner.RunAsync("/dev/stdin", Path.Combine(sandbox.ExchangeFolder, "executed.ipynb"), token).GetAwaiter().GetResult(),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            totalTimeout = total.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        }
        cancellationToken.ThrowIfCancellationRequested();

        var (reports, forged) = SignedResults.Read(lines, key);
        string? executed = null;
        if (result.ExecutedPath is { } path && File.Exists(path))
        {
            try { executed = Notebook.Parse(File.ReadAllText(path)).ToJson().Replace(key, "(the run's key, removed)", StringComparison.Ordinal); }
            catch (NotebookFormatException) { executed = null; }
        }
        bool outOfMemory;
        lock (lines) outOfMemory = lines.Any(l => l.Contains("OutOfMemory", StringComparison.Ordinal));
        return new SandboxRun(result, reports, forged, executed, NotebookError(result, totalTimeout, outOfMemory), outOfMemory);
    }

    private string? NotebookError(NotebookRunResult result, bool totalTimeout, bool outOfMemory) =>
        totalTimeout ? $"the notebook exceeded the total time limit of {limits.TotalTimeout.TotalSeconds:0} s and was stopped"
        : result.LoadError is null ? null
        : outOfMemory ? $"the notebook ran out of memory (the limit is {limits.MemoryMegabytes} MB) and was stopped"
        : result.LoadError.Contains("ended without a result", StringComparison.Ordinal)
            ? "the notebook process ended before the grader's checks ran (did a cell end the program or crash it?)"
        : "the notebook could not be run to the end: " + FeedbackText.Clean(result.LoadError.Replace("/dev/stdin: ", "", StringComparison.Ordinal));
}
