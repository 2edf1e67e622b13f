using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary><c>lab generate</c>: writes the student exercises from the solution notebooks (or checks they are current).</summary>
public sealed class GenerateVerb : IVerb
{
    public string Name => "generate";

    public string Summary => "make the student exercises from the solution notebooks (solutions/ → exercises/)";

    public string Usage => """
        lab generate [solution.ipynb ...] [--out <folder>] [--check]

        For each solution notebook (default: every .ipynb in solutions/), writes the exercise of the same name into the
        output folder (default: exercises/): solution blocks become stubs that throw NotImplementedException, written
        answers become "YOUR ANSWER HERE", hidden tests are removed, outputs cleared, and the checksums of the locked
        cells are recorded for the grader.

          --out <folder>   where the exercises go (default: exercises/ in the repository)
          --check          write nothing; exit 1 if any exercise is missing or differs from what would be generated
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args, "check");
        line.AllowOnly("out", "check");
        var root = RepoPaths.Root;
        var solutions = line.Positional.Count > 0
            ? line.Positional.Select(Path.GetFullPath).ToList()
            : Directory.EnumerateFiles(Path.Combine(root, "solutions"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (solutions.Count == 0)
            throw new UsageException("no solution notebooks found.");
        var outFolder = Path.GetFullPath(line.Get("out") ?? Path.Combine(root, "exercises"));

        int problems = 0;
        foreach (var solutionPath in solutions)
        {
            var target = ExerciseGenerator.ExercisePath(solutionPath, outFolder);
            string expected;
            try
            {
                expected = GenerateText(solutionPath, root);
            }
            catch (Exception e) when (e is FormatException or NotebookFormatException)
            {
                Console.Error.WriteLine($"✗ {solutionPath}: {e.Message}");
                problems++;
                continue;
            }

            if (line.Has("check"))
            {
                bool current = File.Exists(target) && File.ReadAllText(target) == expected;
                Console.WriteLine(current ? $"✓ {Relative(target, root)} is up to date"
                                          : $"✗ {Relative(target, root)} is {(File.Exists(target) ? "out of date" : "missing")}: run `lab generate`");
                if (!current) problems++;
            }
            else
            {
                Directory.CreateDirectory(outFolder);
                File.WriteAllText(target, expected);
                Console.WriteLine($"✓ {Relative(solutionPath, root)} → {Relative(target, root)}");
            }
        }
        return Task.FromResult(problems == 0 ? 0 : 1);
    }

    /// <summary>The exercise file's exact text for a solution notebook (what is committed under exercises/).</summary>
    public static string GenerateText(string solutionPath, string repositoryRoot)
    {
        var solution = Notebook.Load(solutionPath);
        var sourceName = Relative(Path.GetFullPath(solutionPath), repositoryRoot);
        return ExerciseGenerator.Generate(solution, sourceName).ToJson();
    }

    private static string Relative(string path, string root) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
