using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Runs a notebook top to bottom in a fresh C# kernel inside this process ("Run All") and writes the executed copy.
/// The notebook is read and written with the kernel's own notebook format library, so its Polyglot metadata stays as
/// VS Code writes it. A cell that exceeds its time limit is reported and the session abandoned, but its thread cannot
/// be stopped from inside the process: callers use <see cref="IsolatedNotebookRunner"/>, which runs this class in a
/// child process that ends after a timeout.
/// </summary>
public sealed class NotebookRunner(RunnerOptions options)
{
    public RunnerOptions Options { get; } = options;

    /// <summary>True after a cell timed out: its code may still be running in this process.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>The kernels a course notebook names: C# (the one lab hosts) and Markdown.</summary>
    public static KernelInfoCollection KernelInfos { get; } = new()
    {
        new KernelInfo("csharp", "C#", ["c#", "C#"]),
        new KernelInfo("markdown", "Markdown", ["md"]),
    };

    static NotebookRunner() => KernelInfos.DefaultKernelName = "csharp";

    /// <summary>Runs <paramref name="notebookPath"/>; the executed copy goes to <paramref name="executedPath"/>.</summary>
    public async Task<NotebookRunResult> RunAsync(string notebookPath, string executedPath)
    {
        InteractiveDocument document;
        try
        {
            // Read once: the grader hands the notebook over on /dev/stdin, which cannot be read twice.
            var json = await File.ReadAllTextAsync(notebookPath).ConfigureAwait(false);
            Notebooks.Notebook.Parse(json, notebookPath); // nbformat 4 with cells, or a message that says what is wrong
            document = Notebook.Parse(json, KernelInfos);
        }
        catch (Notebooks.NotebookFormatException e)
        {
            return new NotebookRunResult { NotebookPath = notebookPath, LoadError = e.Message };
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return new NotebookRunResult { NotebookPath = notebookPath, LoadError = $"{notebookPath}: the notebook cannot be read: {e.Message}" };
        }

        var result = new NotebookRunResult { NotebookPath = notebookPath };
        using var session = new KernelSession(message =>
        {
            result.Log.Add(message);
            Options.Log?.Invoke(message);
        });
        await session.StartAsync().ConfigureAwait(false);
        var total = Stopwatch.StartNew();
        var deadline = Options.TotalTimeout is { } budget ? DateTime.UtcNow + budget : (DateTime?)null;

        var executionCount = 0;
        var stopped = false;
        foreach (var (cell, number) in document.Elements.Select((e, i) => (e, i + 1)))
        {
            if (cell.KernelName == "markdown")
                continue;
            var cellResult = new CellResult { Number = number, FirstLine = FirstLine(cell.Contents) };
            result.Cells.Add(cellResult);
            cell.Outputs.Clear();
            if (stopped)
            {
                cellResult.Status = CellStatus.NotRun;
                Record(cell, cellResult);
                continue;
            }

            Options.Progress?.Invoke($"cell {number} start");
            var (limit, totalLimitApplies) = Limit(deadline);
            var watch = Stopwatch.StartNew();
            var cpuBefore = ProcessCpu();
            var outcome = cell.KernelName is "csharp" or null
                ? await session.SubmitAsync(cell.Contents, number, limit).ConfigureAwait(false)
                : OtherKernel(cell.KernelName);
            cellResult.Seconds = watch.Elapsed.TotalSeconds;
            cellResult.CpuSeconds = (ProcessCpu() - cpuBefore).TotalSeconds;
            cellResult.Status = outcome.Status;
            cellResult.Error = outcome.Status == CellStatus.TimedOut ? TimeoutMessage(totalLimitApplies) : outcome.Error;
            cell.Outputs.AddRange(outcome.Outputs);
            if (outcome.Status == CellStatus.TimedOut)
                cell.Outputs.Add(new ErrorElement(cellResult.Error!, "Timeout", []));
            cell.ExecutionOrder = ++executionCount;
            foreach (var value in cell.Outputs.OfType<ReturnValueElement>())
                value.ExecutionOrder = executionCount;
            Record(cell, cellResult);
            Options.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"cell {number} {cellResult.Status.ToString().ToLowerInvariant()} {cellResult.Seconds:F2}s"
                + $" (CPU {cellResult.CpuSeconds:F2}s)"));

            Abandoned |= outcome.Status == CellStatus.TimedOut;
            stopped = Abandoned || (outcome.Status == CellStatus.Failed && !Options.ContinueOnError);
        }

        result.TotalSeconds = total.Elapsed.TotalSeconds;
        document.Metadata["lab"] = new Dictionary<string, object>
        {
            ["runner"] = "lab run (hosts the .NET Interactive C# kernel)",
            ["executed_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["total_seconds"] = Math.Round(result.TotalSeconds, 3),
            ["total_cpu_seconds"] = Math.Round(result.TotalCpuSeconds, 3),
            ["succeeded"] = result.Succeeded,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(executedPath))!);
        await File.WriteAllTextAsync(executedPath, Notebook.ToJupyterJson(document)).ConfigureAwait(false);
        result.ExecutedPath = executedPath;
        return result;
    }

    /// <summary>The cell's limit, or less when the notebook's total budget runs out first.</summary>
    private (TimeSpan Limit, bool TotalLimitApplies) Limit(DateTime? deadline)
    {
        if (deadline is { } end && end - DateTime.UtcNow < Options.CellTimeout)
            return (end - DateTime.UtcNow > TimeSpan.Zero ? end - DateTime.UtcNow : TimeSpan.Zero, true);
        return (Options.CellTimeout, false);
    }

    private string TimeoutMessage(bool totalLimitApplies) => totalLimitApplies
        ? $"the notebook used up its total time limit of {Options.TotalTimeout!.Value.TotalSeconds:0.#} s in this cell, so the runner stopped it here."
        : $"the cell did not finish within the time limit of {Options.CellTimeout.TotalSeconds:0.#} s, so the runner stopped the notebook here. "
          + "Is there a loop that never ends? If the work is genuine, raise the limit with --cell-timeout.";

    private static CellOutcome OtherKernel(string kernelName)
    {
        var message = $"this cell runs in the '{kernelName}' kernel; lab hosts the C# kernel only.";
        return new CellOutcome(CellStatus.Failed, message, [new ErrorElement(message, "Kernel not supported", [])]);
    }

    private static void Record(InteractiveDocumentElement cell, CellResult result)
    {
        cell.Metadata ??= new Dictionary<string, object>();
        cell.Metadata["lab"] = new Dictionary<string, object>
        {
            ["status"] = result.Status.ToString().ToLowerInvariant(),
            ["wall_seconds"] = Math.Round(result.Seconds, 4),
            ["cpu_seconds"] = Math.Round(result.CpuSeconds, 4),
        };
    }

    /// <summary>The kernel runs in this process, so its CPU time is this process's, summed over threads.</summary>
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string FirstLine(string source) =>
        source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty cell)";
}
