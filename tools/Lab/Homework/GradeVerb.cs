using System.Globalization;
using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary><c>lab grade</c>: grades a class's submissions of one assignment.</summary>
public sealed class GradeVerb : IVerb
{
    public string Name => "grade";

    public string Summary => "grade submitted homework notebooks against their solution (JSON, CSV gradebook, feedback)";

    public string Usage => """
        lab grade <solution.ipynb> <submission.ipynb | folder>... [options]

        Grades each submission in a fresh bubblewrap sandbox: the student's answer cells (found by grade id, else by
        position between the locked cells) go into the exercise's structure; edited or deleted locked cells are
        reported by checksum and the originals used; answer cells that use reflection, files, processes, the homework
        checks or the library code of their own part are rejected with the reason. The hidden tests run after every
        cell of the student's; a part earns its points times the fraction of check cases that pass (each check of the
        part weighing the same; signed results only). Written answers are left for hand grading with their rubric.
        Submissions are found as <folder>/<student>.ipynb or <folder>/<student>/<anything>.ipynb (of several
        notebooks in a student's folder, the one that matches the assignment is graded).

        Writes into the output folder: <student>.json (every part, with reasons), <student>.feedback.md (for the
        student), <student>.executed.ipynb (the graded run), gradebook.csv (the class) and manual-grading.md (every
        written answer with its rubric's criteria to tick), whatever happens.

          --out <folder>           output folder (default: grades/<assignment>)
          --cell-timeout <s>       per-cell time limit (default: 120)
          --total-timeout <s>      per-submission time limit (default: 600)
          --memory <MB>            managed-memory limit of each submission's process (default: 1024)

        Every submission runs in a bubblewrap sandbox (Debian/Ubuntu: apt-get install bubblewrap); see the README's
        threat model.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        line.AllowOnly("out", "cell-timeout", "total-timeout", "memory");
        if (!Sandbox.SandboxTool.Available)
        {
            Console.Error.WriteLine("lab grade: " + Sandbox.SandboxTool.MissingMessage);
            return 2;
        }
        if (line.Positional.Count < 2)
            throw new UsageException("give the solution notebook and at least one submission (file or folder).");
        var solutionPath = line.Positional[0];
        Grader grader;
        try
        {
            grader = new Grader(solutionPath, new GradingLimits
            {
                CellTimeout = TimeSpan.FromSeconds(line.GetDouble("cell-timeout", 120, 1, 86_400)),
                TotalTimeout = TimeSpan.FromSeconds(line.GetDouble("total-timeout", 600, 1, 864_000)),
                MemoryMegabytes = (int)line.GetDouble("memory", 1024, 128, 65_536),
            });
        }
        catch (Exception e) when (e is NotebookFormatException or FormatException)
        {
            Console.Error.WriteLine($"lab grade: the solution notebook is not usable: {e.Message}");
            return 2;
        }

        var submissions = FindSubmissions(line.Positional.Skip(1));
        if (submissions.Count == 0)
            throw new UsageException($"no .ipynb submissions in {string.Join(", ", line.Positional.Skip(1))}.");
        var outFolder = Path.GetFullPath(line.Get("out") ?? Path.Combine("grades", grader.Assignment));
        var grades = await GradeAllAsync(grader, submissions, outFolder, message => Console.WriteLine(message));
        Console.WriteLine($"\nGradebook: {Path.Combine(outFolder, "gradebook.csv")} ({grades.Count} submission(s))");
        return 0;
    }

    /// <summary>
    /// Grades every submission (one at a time: each already runs in its own sandboxed process) and writes all reports.
    /// A batch never stops: whatever goes wrong with one student becomes that student's reason, and the gradebook is
    /// always written.
    /// </summary>
    public static async Task<List<StudentGrade>> GradeAllAsync(Grader grader, IReadOnlyList<(string Student, string Path)> submissions,
        string outFolder, Action<string>? log = null) =>
        await GradeAllAsync(grader, submissions.Select(s => (s.Student, (IReadOnlyList<string>)[s.Path])).ToList(), outFolder, log);

    /// <param name="afterEach">Called with each student's id once their reports are written (for tests and progress).</param>
    public static async Task<List<StudentGrade>> GradeAllAsync(Grader grader, IReadOnlyList<(string Student, IReadOnlyList<string> Paths)> submissions,
        string outFolder, Action<string>? log = null, Action<string>? afterEach = null)
    {
        Directory.CreateDirectory(outFolder);
        var grades = new List<StudentGrade>();
        try
        {
            foreach (var (student, paths) in submissions)
            {
                var grade = await grader.GradeAsync(student, paths, outFolder);
                grades.Add(grade);
                try
                {
                    await File.WriteAllTextAsync(Path.Combine(outFolder, $"{student}.json"), GradeReports.ToJson(grade));
                    await File.WriteAllTextAsync(Path.Combine(outFolder, $"{student}.feedback.md"), GradeReports.Feedback(grade));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log?.Invoke($"{student}: the reports could not be written ({e.Message})");
                }
                afterEach?.Invoke(student);
                var flags = grade.Issues.Count > 0 ? $"; {grade.Issues.Count} cell issue(s)" : "";
                log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"{student,-24} {grade.Score,5:0.##} / {grade.MaxScore:0.##}  ({grade.Seconds:0.0} s{flags}{(grade.NotebookError is null ? "" : "; " + grade.NotebookError)})"));
            }
        }
        finally
        {
            await File.WriteAllTextAsync(Path.Combine(outFolder, "gradebook.csv"), GradeReports.Gradebook(grades, grader.Parts));
            await File.WriteAllTextAsync(Path.Combine(outFolder, "manual-grading.md"), GradeReports.ManualGradingSheet(grades, grader.Parts));
        }
        return grades;
    }

    /// <summary>
    /// Student id and candidate notebooks of every submission: a file is its own student; in a folder, each notebook is
    /// a student, and each subfolder is a student with all of its notebooks as candidates (the grader picks the one that
    /// matches the assignment). Editor leftovers (<c>.ipynb_checkpoints</c>, macOS <c>._*</c> files, hidden files) are ignored.
    /// </summary>
    public static List<(string Student, IReadOnlyList<string> Paths)> FindSubmissions(IEnumerable<string> inputs)
    {
        var found = new List<(string, IReadOnlyList<string>)>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                found.Add((Path.GetFileNameWithoutExtension(input), [Path.GetFullPath(input)]));
                continue;
            }
            if (!Directory.Exists(input))
                throw new UsageException($"'{input}' is neither a file nor a folder.");
            foreach (var file in Notebooks(input))
                found.Add((Path.GetFileNameWithoutExtension(file), [file]));
            foreach (var folder in Directory.EnumerateDirectories(input).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                var notebooks = Notebooks(folder).ToList();
                if (notebooks.Count > 0)
                    found.Add((Path.GetFileName(folder), notebooks));
            }
        }
        // Two submissions with the same name would overwrite each other's reports.
        return found.GroupBy(f => f.Item1).SelectMany(g => g.Select((f, i) => i == 0 ? f : ($"{f.Item1}-{i + 1}", f.Item2))).ToList();
    }

    private static IEnumerable<string> Notebooks(string folder) =>
        Directory.EnumerateFiles(folder, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).Select(Path.GetFullPath);
}
