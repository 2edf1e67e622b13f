using System.Security.Cryptography;
using System.Text;
using RegularizationLab.Lab.Cli;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Runs a repository notebook once for several test projects: the executed copy and result are stored under
/// <c>out/run-cache/</c>, keyed by a hash of everything the run depends on (the notebook, the built library in
/// bin/course, every file under lib/ and data/, the runner itself, and the options). Another process asking for the
/// same key waits for the first run and reuses it, so CI runs each notebook once although the runner's tests and the
/// notebook pin tests both need it. Any change to an input changes the key and runs the notebook again; runs that
/// timed out or crashed are not stored.
/// </summary>
public static class NotebookRunCache
{
    public static async Task<NotebookRunResult> RunAsync(string notebookPath, RunnerOptions? options = null, string? repositoryRoot = null)
    {
        options ??= new RunnerOptions();
        var root = repositoryRoot ?? RepoPaths.Root;
        var key = Key(Path.GetFullPath(notebookPath), root, options);
        var folder = Path.Combine(root, "out", "run-cache", key);
        Directory.CreateDirectory(folder);
        var executed = Path.Combine(folder, Path.GetFileName(notebookPath));
        var resultFile = Path.Combine(folder, "result.json");

        using var lease = await AcquireAsync(Path.Combine(folder, ".lock"));
        if (File.Exists(resultFile) && File.Exists(executed))
        {
            var cached = NotebookRunResult.FromJson(await File.ReadAllTextAsync(resultFile));
            cached.ExecutedPath = executed;
            return cached;
        }

        var result = await new IsolatedNotebookRunner(options).RunAsync(notebookPath, executed);
        var reusable = result.LoadError is null && result.Cells.All(c => c.Status != CellStatus.TimedOut);
        if (reusable)
            await File.WriteAllTextAsync(resultFile, result.ToJson());
        return result;
    }

    private static string Key(string notebook, string root, RunnerOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void AddText(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        void AddFile(string path)
        {
            AddText(Path.GetRelativePath(root, path));
            hash.AppendData(File.ReadAllBytes(path));
        }

        AddText(notebook);
        AddFile(notebook);
        AddFile(typeof(NotebookRunCache).Assembly.Location);
        AddText(options.CellTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddText(options.ContinueOnError.ToString());
        foreach (var folder in new[] { "lib", Path.Combine("bin", "course") })
        {
            var path = Path.Combine(root, folder);
            if (!Directory.Exists(path))
                continue;
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                AddFile(file);
        }
        var data = Path.Combine(root, "data");
        if (Directory.Exists(data))
        {
            // Data files are large and change rarely: their names, sizes and times stand for their contents.
            foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                AddText($"{Path.GetRelativePath(root, file)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..24].ToLowerInvariant();
    }

    /// <summary>An exclusive lock on a file, shared across processes; waits while another process holds it.</summary>
    private static async Task<IDisposable> AcquireAsync(string lockPath)
    {
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
