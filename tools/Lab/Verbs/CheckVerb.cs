using RegularizationLab.Lab.Checking;
using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Verbs;

/// <summary><c>lab check</c>: committed notebooks parse, carry the Polyglot metadata, and have no outputs.</summary>
public sealed class CheckVerb : IVerb
{
    public string Name => "check";

    public string Summary => "check that notebooks parse, have the Polyglot C# metadata and no outputs";

    public string Usage => """
        lab check [notebook|folder]...

        With no arguments checks notebooks/, solutions/ and exercises/ of the repository.
        Exit code 1 when any notebook breaks the convention (each problem is listed).
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        line.AllowOnly();
        var targets = line.Positional.Count > 0
            ? line.Positional
            : RepoPaths.NotebookFolders.Select(f => Path.Combine(RepoPaths.Root, f)).Where(Directory.Exists).ToList();
        var notebooks = NotebookDiscovery.Expand(targets);
        var bad = 0;
        foreach (var notebook in notebooks)
        {
            var problems = NotebookConvention.Check(notebook);
            if (problems.Count == 0)
                continue;
            bad++;
            Console.WriteLine($"✗ {notebook}");
            foreach (var problem in problems)
                Console.WriteLine($"    {problem}");
        }
        Console.WriteLine($"{notebooks.Count - bad} of {notebooks.Count} notebook(s) follow the convention.");
        return Task.FromResult(bad == 0 ? 0 : 1);
    }
}
