using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Verbs;

/// <summary><c>lab student</c>: the student edition of the lectures, without the instructor's answer keys.</summary>
public sealed class StudentVerb : IVerb
{
    public string Name => "student";

    public string Summary => "write the student edition of the lectures: every instructor answer block removed";

    public string Usage => """
        lab student [notebook|folder]... [--out <folder>]

        Copies the lecture notebooks (default: notebooks/ of the repository) into <folder> with every
        <details><summary>Answer (instructor)</summary> … </details> block removed from their Markdown cells;
        code cells, outputs and metadata are unchanged. The originals are never modified.
          --out <folder>   where the copies go (default: out/student)
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        line.AllowOnly("out");
        var targets = line.Positional.Count > 0 ? line.Positional : [Path.Combine(RepoPaths.Root, "notebooks")];
        var notebooks = NotebookDiscovery.Expand(targets);
        var outFolder = Path.GetFullPath(line.Get("out", Path.Combine("out", "student")));
        int problems = 0;
        foreach (var notebook in notebooks)
        {
            var target = Path.Combine(outFolder, Path.GetFileName(notebook));
            if (Path.GetFullPath(target) == Path.GetFullPath(notebook))
                throw new UsageException($"--out must not be the folder of the lectures themselves ({outFolder}).");
            try
            {
                var (json, removed) = StudentEdition.Make(File.ReadAllText(notebook), notebook);
                Directory.CreateDirectory(outFolder);
                File.WriteAllText(target, json);
                Console.WriteLine($"✓ {notebook} → {target} ({removed} answer block{(removed == 1 ? "" : "s")} removed)");
            }
            catch (NotebookFormatException e)
            {
                Console.Error.WriteLine($"✗ {e.Message}");
                problems++;
            }
        }
        Console.WriteLine($"{notebooks.Count - problems} of {notebooks.Count} notebook(s) written to {outFolder}.");
        return Task.FromResult(problems == 0 ? 0 : 1);
    }
}
