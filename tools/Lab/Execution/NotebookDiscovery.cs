namespace RegularizationLab.Lab.Execution;

/// <summary>Expands command-line arguments (files and folders) into notebook paths, in course order.</summary>
public static class NotebookDiscovery
{
    public static List<string> Expand(IEnumerable<string> arguments)
    {
        var found = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                found.AddRange(Directory.EnumerateFiles(argument, "*.ipynb", SearchOption.AllDirectories)
                    .Where(p => !p.Contains(".ipynb_checkpoints", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(argument))
            {
                found.Add(argument);
            }
            else
            {
                throw new Cli.UsageException($"no such notebook or folder: {Path.GetFullPath(argument)}");
            }
        }
        return found.Distinct().ToList();
    }

    /// <summary>Where the executed copy of <paramref name="notebook"/> goes: its path relative to the current folder,
    /// under <paramref name="outputFolder"/> (or just its file name when it lies outside the current folder).</summary>
    public static string ExecutedPath(string notebook, string outputFolder)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(notebook));
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            relative = Path.GetFileName(notebook);
        return Path.Combine(outputFolder, relative);
    }
}
