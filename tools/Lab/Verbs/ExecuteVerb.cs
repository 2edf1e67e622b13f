using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Verbs;

/// <summary>
/// <c>lab __execute</c>: the child-process side of <see cref="IsolatedNotebookRunner"/>. Runs one notebook in the hosted
/// kernel with the notebook's folder as working directory, writes the executed copy and a JSON result, reports
/// progress on standard output, and exits hard after a timed-out cell (which stops its thread).
/// </summary>
public sealed class ExecuteVerb : IVerb
{
    public string Name => "__execute";

    public string Summary => "(internal) run one notebook in this process for a parent `lab` process";

    public string Usage => "lab __execute <notebook> --executed <path> --result <path> [--cell-timeout s] [--total-timeout s] [--continue-on-error] [--base-dir dir]";

    public bool Hidden => true;

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args, "continue-on-error");
        line.AllowOnly("executed", "result", "cell-timeout", "total-timeout", "continue-on-error", "base-dir");
        if (line.Positional.Count != 1)
            throw new UsageException("give exactly one notebook.");
        var notebook = Path.GetFullPath(line.Positional[0]);
        var executedPath = Path.GetFullPath(line.Get("executed") ?? throw new UsageException("--executed is required."));
        var resultPath = Path.GetFullPath(line.Get("result") ?? throw new UsageException("--result is required."));

        // The kernel redirects Console while a cell runs; messages to the parent go to the real standard output.
        var parent = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        void Tell(string message)
        {
            lock (parent) parent.WriteLine(message);
        }
        var options = new RunnerOptions
        {
            CellTimeout = TimeSpan.FromSeconds(line.GetDouble("cell-timeout", RunnerOptions.DefaultCellTimeout.TotalSeconds, 0.1, 86_400)),
            TotalTimeout = line.Get("total-timeout") is null ? null : TimeSpan.FromSeconds(line.GetDouble("total-timeout", 0, 0.1, 864_000)),
            ContinueOnError = line.Has("continue-on-error"),
            BaseDirectory = line.Get("base-dir"),
            Progress = message => Tell(IsolatedNotebookRunner.ProgressPrefix + message),
            Log = Tell,
        };

        // The kernel's working directory is the notebook's folder: relative file paths in cells resolve from there.
        var baseDirectory = options.BaseDirectory ?? Path.GetDirectoryName(notebook)!;
        if (Directory.Exists(baseDirectory))
            Environment.CurrentDirectory = baseDirectory;

        var runner = new NotebookRunner(options);
        var result = await runner.RunAsync(notebook, executedPath);
        await File.WriteAllTextAsync(resultPath, result.ToJson());

        var code = result.Succeeded ? 0 : runner.Abandoned ? 3 : 1;
        if (runner.Abandoned)
            Environment.Exit(code); // The timed-out cell's thread is still running; only ending the process stops it.
        return code;
    }
}
