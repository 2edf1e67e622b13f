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

        Grades each submission in its own process: the student's answer cells go into the solution notebook, whose
        locked and test cells (with the hidden tests) replace whatever the submission holds; edited or deleted locked
        cells are reported by checksum. A test cell earns its points when every check in it passes. Submissions are
        found as <folder>/<student>.ipynb or <folder>/<student>/<anything>.ipynb.

        Writes into the output folder: <student>.json (every part, with reasons), <student>.feedback.md (for the
        student), <student>.executed.ipynb (the graded run), and gradebook.csv (the class).

          --out <folder>           output folder (default: grades/<assignment>)
          --cell-timeout <s>       per-cell time limit (default: 120)
          --total-timeout <s>      per-submission time limit (default: 600)
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        line.AllowOnly("out", "cell-timeout", "total-timeout");
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

    /// <summary>Grades every submission (one at a time: each already runs in its own process) and writes all reports.</summary>
    public static async Task<List<StudentGrade>> GradeAllAsync(Grader grader, IReadOnlyList<(string Student, string Path)> submissions,
        string outFolder, Action<string>? log = null)
    {
        Directory.CreateDirectory(outFolder);
        var grades = new List<StudentGrade>();
        foreach (var (student, path) in submissions)
        {
            var grade = await grader.GradeAsync(student, path, outFolder);
            grades.Add(grade);
            await File.WriteAllTextAsync(Path.Combine(outFolder, $"{student}.json"), GradeReports.ToJson(grade));
            await File.WriteAllTextAsync(Path.Combine(outFolder, $"{student}.feedback.md"), GradeReports.Feedback(grade));
            var flags = grade.Issues.Count > 0 ? $"; {grade.Issues.Count} cell issue(s)" : "";
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{student,-24} {grade.Score,5:0.##} / {grade.MaxScore:0.##}  ({grade.Seconds:0.0} s{flags}{(grade.NotebookError is null ? "" : "; " + grade.NotebookError)})"));
        }
        await File.WriteAllTextAsync(Path.Combine(outFolder, "gradebook.csv"), GradeReports.Gradebook(grades, grader.Parts));
        return grades;
    }

    /// <summary>Student id and path of every submission: a file is its own name; a folder's notebooks are named by file or by subfolder.</summary>
    public static List<(string Student, string Path)> FindSubmissions(IEnumerable<string> inputs)
    {
        var found = new List<(string, string)>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                found.Add((Path.GetFileNameWithoutExtension(input), Path.GetFullPath(input)));
                continue;
            }
            if (!Directory.Exists(input))
                throw new UsageException($"'{input}' is neither a file nor a folder.");
            foreach (var file in Directory.EnumerateFiles(input, "*.ipynb").Order(StringComparer.Ordinal))
                found.Add((Path.GetFileNameWithoutExtension(file), Path.GetFullPath(file)));
            foreach (var folder in Directory.EnumerateDirectories(input).Order(StringComparer.Ordinal))
            {
                var notebook = Directory.EnumerateFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).FirstOrDefault();
                if (notebook is not null)
                    found.Add((Path.GetFileName(folder), Path.GetFullPath(notebook)));
            }
        }
        // Two submissions with the same name would overwrite each other's reports.
        return found.GroupBy(f => f.Item1).SelectMany(g => g.Select((f, i) => i == 0 ? f : ($"{f.Item1}-{i + 1}", f.Item2))).ToList();
    }
}
