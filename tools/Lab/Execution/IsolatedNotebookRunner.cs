using System.Diagnostics;
using System.Globalization;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Runs each notebook in its own child process (<c>lab __execute</c>) so that a crash, a runaway cell or a notebook's
/// working directory cannot affect the caller. The child enforces the per-cell time limit and exits; the parent also
/// kills a child that reports no progress for longer than the limit (plus a grace period), e.g. one stuck in native code.
/// </summary>
public sealed class IsolatedNotebookRunner(RunnerOptions options)
{
    public const string ProgressPrefix = "@@lab ";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    public RunnerOptions Options { get; } = options;

    /// <summary>Receives the child's log lines (package mappings, progress), e.g. to show them in a console.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Runs <paramref name="notebookPath"/> and writes its executed copy to <paramref name="executedPath"/>.</summary>
    public async Task<NotebookRunResult> RunAsync(string notebookPath, string executedPath, CancellationToken cancellationToken = default)
    {
        var resultPath = Path.Combine(Options.Sandbox?.ExchangeFolder ?? Path.GetTempPath(), $"lab-result-{Guid.NewGuid():N}.json");
        var stderr = new List<string>();
        var lastProgress = "";
        var lastActivity = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();

        using var process = new Process { StartInfo = LabLauncher.StartInfo() };
        var arguments = process.StartInfo.ArgumentList;
        arguments.Add("__execute");
        arguments.Add(Path.GetFullPath(notebookPath));
        arguments.Add("--executed");
        arguments.Add(Path.GetFullPath(executedPath));
        arguments.Add("--result");
        arguments.Add(resultPath);
        arguments.Add("--cell-timeout");
        arguments.Add(Options.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        if (Options.ContinueOnError)
            arguments.Add("--continue-on-error");
        if (Options.TotalTimeout is { } totalLimit)
        {
            arguments.Add("--total-timeout");
            arguments.Add(totalLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        }
        if (Options.BaseDirectory is not null)
        {
            arguments.Add("--base-dir");
            arguments.Add(Path.GetFullPath(Options.BaseDirectory));
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr) lastActivity.Restart();
            if (e.Data.StartsWith(ProgressPrefix, StringComparison.Ordinal))
            {
                lastProgress = e.Data[ProgressPrefix.Length..];
                Options.Progress?.Invoke(lastProgress);
            }
            else
            {
                Log?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr) stderr.Add(e.Data);
            Log?.Invoke(e.Data);
        };

        Options.Sandbox?.Wrap(process.StartInfo); // sandbox hook (lab grade): see IChildSandbox
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (Options.Sandbox?.StandardInput is { } input) // sandbox hook: the notebook arrives on stdin, never on disk
        {
            try
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child ended before reading its input: reported below as a run without a result.
            }
        }

        var killedForSilence = false;
        while (!process.HasExited)
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)).ConfigureAwait(false);
            TimeSpan silent;
            lock (stderr) silent = lastActivity.Elapsed;
            var overBudget = Options.TotalTimeout is { } budget && total.Elapsed > budget + Grace;
            if (!process.HasExited && (silent > Options.CellTimeout + Grace || overBudget || cancellationToken.IsCancellationRequested))
            {
                killedForSilence = !cancellationToken.IsCancellationRequested;
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10)); // bounded: a grandchild may hold the output streams open
            }
        }
        // Drains the redirected streams, but never waits unbounded on a grandchild that inherited them.
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try { await process.WaitForExitAsync(drain.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { Log?.Invoke("(the child's output streams were still open 30 s after it ended; stopped reading them)"); }
        }

        try
        {
            if (File.Exists(resultPath))
            {
                NotebookRunResult? result = null;
                try
                {
                    result = NotebookRunResult.FromJson(await File.ReadAllTextAsync(resultPath, CancellationToken.None).ConfigureAwait(false));
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
                {
                    lock (stderr) stderr.Add("the child's result file is not readable: " + e.Message);
                }
                if (result is not null)
                {
                    result.ExecutedPath = File.Exists(executedPath) ? executedPath : null;
                    return result;
                }
            }
        }
        finally
        {
            File.Delete(resultPath);
        }

        string reason;
        lock (stderr)
        {
            var tail = string.Join("\n", stderr.TakeLast(15));
            reason = killedForSilence
                ? $"the notebook process reported nothing for {(Options.CellTimeout + Grace).TotalSeconds:0} s and was killed (last progress: {lastProgress})."
                : $"the notebook process ended without a result (exit code {process.ExitCode}; last progress: {(lastProgress.Length == 0 ? "none" : lastProgress)})."
                  + (tail.Length > 0 ? "\n" + tail : "");
        }
        return new NotebookRunResult { NotebookPath = notebookPath, LoadError = $"{notebookPath}: {reason}", TotalSeconds = total.Elapsed.TotalSeconds };
    }
}
