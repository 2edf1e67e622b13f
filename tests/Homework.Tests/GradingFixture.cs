using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Homework;
using RegularizationLab.Lab.Notebooks;

namespace Homework.Tests;

/// <summary>
/// Grades, once for the whole test class, the solutions, the generated exercises and a set of deliberately wrong
/// submissions that are built here from the solutions by text edits, and runs the exercises as a student would.
/// Everything runs through the real course tool: one child process per notebook.
/// </summary>
public sealed class GradingFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Repository.Root, "out", "homework-tests");

    public Dictionary<string, StudentGrade> Grades { get; } = [];

    public Dictionary<string, NotebookRunResult> StudentRuns { get; } = [];

    public Dictionary<string, Grader> Graders { get; } = [];

    /// <summary>How many submissions were handed to the grader (each must come back with a grade).</summary>
    public int SubmissionCount { get; private set; }

    public async Task InitializeAsync()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        var submissions = Path.Combine(Folder, "submissions");
        Directory.CreateDirectory(submissions);
        foreach (var assignment in Repository.Assignments)
            Graders[assignment] = new Grader(Repository.Solution(assignment));

        var jobs = new List<(string Key, string Assignment, string Path)>();
        string Write(string name, string text)
        {
            var path = Path.Combine(submissions, name + ".ipynb");
            File.WriteAllText(path, text);
            return path;
        }
        void Grade(string key, string assignment, string text) => jobs.Add((key, assignment, Write(key, text)));

        Grade("hw1-solution", "hw1-l1-l2", File.ReadAllText(Repository.Solution("hw1-l1-l2")));
        Grade("hw2-solution", "hw2-dropout", File.ReadAllText(Repository.Solution("hw2-dropout")));
        Grade("hw1-exercise", "hw1-l1-l2", File.ReadAllText(Repository.Exercise("hw1-l1-l2")));
        Grade("hw2-exercise", "hw2-dropout", File.ReadAllText(Repository.Exercise("hw2-dropout")));

        // A: a flipped sign (part 1), an off-by-one loop (part 3), and a wrong decay hidden by editing the locked test cell (part 2).
        Grade("hw1-mistakes", "hw1-l1-l2", Student("hw1-l1-l2", new()
        {
            ["l2_code"] = s => Replace(s, "gradient[i] = lambda * w[i];", "gradient[i] = -lambda * w[i];"),
            ["soft_threshold_code"] = s => Replace(s, "i < values.Length; i++", "i < values.Length - 1; i++"),
            ["weight_decay_code"] = s => Replace(s, "(1 - learningRate * decay) * w[i]", "(1 - decay) * w[i]"),
            ["weight_decay_tests"] = s => Replace(s, "Checks.WeightDecayStep(WeightDecayStep);", "// Checks.WeightDecayStep(WeightDecayStep);"),
        }));
        // B: an infinite loop in the training loop (part 4), and a deleted test cell (part 3, whose answer is right).
        Grade("hw1-loop-and-deleted-cell", "hw1-l1-l2", Student("hw1-l1-l2", new()
        {
            ["proximal_code"] = s => Replace(s, "step < steps; step++", "step < steps; "),
        }, delete: "soft_threshold_tests"));
        // C: the missing 1/(1−p) in both passes (parts 1 and 2), and a compile error (part 3).
        Grade("hw2-mistakes", "hw2-dropout", Student("hw2-dropout", new()
        {
            ["forward_code"] = s => Replace(s, "x.Data[i] * keep.Data[i] / (1 - p);", "x.Data[i] * keep.Data[i];"),
            ["backward_code"] = s => Replace(s, "delta.Data[i] * keep.Data[i] / (1 - p);", "delta.Data[i] * keep.Data[i];"),
            ["variance_code"] = s => Replace(s, "/ (1 - p);", "/ (1 - p)"),
        }));
        // F: hw5 — the gradient correction with α/4 instead of α/2 (part 1) and batch gradients summed, not averaged (part 4).
        Grade("hw5-solution", "hw5-implicit-regularization", File.ReadAllText(Repository.Solution("hw5-implicit-regularization")));
        Grade("hw5-exercise", "hw5-implicit-regularization", File.ReadAllText(Repository.Exercise("hw5-implicit-regularization")));
        Grade("hw5-mistakes", "hw5-implicit-regularization", Student("hw5-implicit-regularization", new()
        {
            ["modified_code"] = s => Replace(s, "result[i] = g[i] + alpha / 2 * hg;", "result[i] = g[i] + alpha / 4 * hg;"),
            ["batch_code"] = s => Replace(s, "batch[j] += exampleGradients[i][j] / batchSize;", "batch[j] += exampleGradients[i][j];"),
        }));
        // G: hw6 — a permutation instead of a bootstrap sample (part 1; part 2 uses it and is regraded with a correct one)
        // and swapped mixup weights in the targets (part 3).
        Grade("hw6-solution", "hw6-ensembles-and-augmentation", File.ReadAllText(Repository.Solution("hw6-ensembles-and-augmentation")));
        Grade("hw6-exercise", "hw6-ensembles-and-augmentation", File.ReadAllText(Repository.Exercise("hw6-ensembles-and-augmentation")));
        Grade("hw6-mistakes", "hw6-ensembles-and-augmentation", Student("hw6-ensembles-and-augmentation", new()
        {
            ["bootstrap_code"] = s => Replace(s, "indices[i] = rng.Next(n);", "indices[i] = i;"),
            ["mixup_code"] = s => Replace(s, "targets[i, labels[i]] += lambda; ", "targets[i, labels[i]] += 1 - lambda; ")
                .Replace("targets[i, labels[j]] += 1 - lambda;", "targets[i, labels[j]] += lambda;", StringComparison.Ordinal),
        }));
        // E: an endless loop at the top level of an extra cell: the per-cell limit stops the notebook there.
        jobs.Add(("hw1-endless-cell", "hw1-l1-l2", Write("hw1-endless-cell", WithExtraCellAfter("hw1-l1-l2", "l2_code", "while (true) { }"))));
        // D: a file cut off in the middle.
        var full = File.ReadAllText(Repository.Solution("hw1-l1-l2"));
        Grade("hw1-malformed", "hw1-l1-l2", full[..(full.Length / 2)]);

        // The early-stopping and calibration sets: solution, exercise, and typical mistakes in each.
        foreach (var (key, assignment) in new[] { ("hw3", "hw3-early-stopping"), ("hw4", "hw4-label-smoothing-calibration") })
        {
            Grade(key + "-solution", assignment, File.ReadAllText(Repository.Solution(assignment)));
            Grade(key + "-exercise", assignment, File.ReadAllText(Repository.Exercise(assignment)));
        }
        // F: a sum instead of a mean in the gradient (part 1), and a tie counted as an improvement (part 4).
        Grade("hw3-mistakes", "hw3-early-stopping", Student("hw3-early-stopping", new()
        {
            ["descent_code"] = s => Replace(s, "w[j] -= learningRate * gradient / n;", "w[j] -= learningRate * gradient;"),
            ["stopping_code"] = s => Replace(s, "if (losses[k] < losses[best]) best = k;", "if (losses[k] <= losses[best]) best = k;"),
        }));
        // G: exp without the max shift (part 1), the other convention's target in the gradient (part 2), 1/T (part 4).
        Grade("hw4-mistakes", "hw4-label-smoothing-calibration", Student("hw4-label-smoothing-calibration", new()
        {
            ["loss_code"] = s => Replace(s, "double max = logits.Max();", "double max = 0;"),
            ["gradient_code"] = s => Replace(s, "bool others = convention == LabelSmoothing.SpreadOverOtherClasses;",
                "bool others = convention != LabelSmoothing.SpreadOverOtherClasses;"),
            ["temperature_code"] = s => Replace(s, "return Math.Exp((low + high) / 2);", "return Math.Exp(-(low + high) / 2);"),
        }));
        SubmissionCount = jobs.Count;

        using var gate = new SemaphoreSlim(2); // two notebooks at a time on a 2-core machine
        async Task Limited(Func<Task> work)
        {
            await gate.WaitAsync();
            try { await work(); } finally { gate.Release(); }
        }
        var tasks = jobs.Select(job => Limited(async () =>
        {
            var grader = job.Key == "hw1-endless-cell" ? ShortCellLimit : Graders[job.Assignment];
            var grade = await grader.GradeAsync(job.Key, job.Path, Path.Combine(Folder, "graded"));
            lock (Grades) Grades[job.Key] = grade;
        })).ToList();
        // The exercises as a student runs them: top to bottom, stopping at the first error, as "Run All" does.
        foreach (var assignment in Repository.Assignments)
        {
            tasks.Add(Limited(async () =>
            {
                var runner = new IsolatedNotebookRunner(new RunnerOptions { CellTimeout = TimeSpan.FromSeconds(120) });
                var result = await runner.RunAsync(Repository.Exercise(assignment), Path.Combine(Folder, "student-runs", assignment + ".ipynb"));
                lock (StudentRuns) StudentRuns[assignment] = result;
            }));
        }
        await Task.WhenAll(tasks);

        // The reports an instructor gets, written as `lab grade` writes them (for a look after a test run).
        var reports = Path.Combine(Folder, "reports");
        Directory.CreateDirectory(reports);
        foreach (var grade in Grades.Values)
        {
            File.WriteAllText(Path.Combine(reports, grade.Student + ".json"), GradeReports.ToJson(grade));
            File.WriteAllText(Path.Combine(reports, grade.Student + ".feedback.md"), GradeReports.Feedback(grade));
        }
        foreach (var (assignment, grader) in Graders)
            File.WriteAllText(Path.Combine(reports, assignment + ".gradebook.csv"),
                GradeReports.Gradebook([.. Grades.Values.Where(g => g.Assignment == assignment)], grader.Parts));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The per-cell limit for the endless-cell submission: long enough for the setup cell on a busy machine.</summary>
    public static readonly TimeSpan ShortCellTimeout = TimeSpan.FromSeconds(40);

    private static readonly Grader ShortCellLimit = new(Repository.Solution("hw1-l1-l2"), new GradingLimits { CellTimeout = ShortCellTimeout });

    /// <summary>The solution's answers in the exercise, plus one extra code cell of the student's after the given cell.</summary>
    private static string WithExtraCellAfter(string assignment, string gradeId, string code)
    {
        var student = Notebook.Parse(Student(assignment, []));
        var anchor = student.Cells.First(c => NbgraderCell.Read(c)!.GradeId == gradeId);
        var extra = (System.Text.Json.Nodes.JsonObject)anchor.Json.DeepClone();
        extra["metadata"] = new System.Text.Json.Nodes.JsonObject();
        extra["source"] = code;
        ((System.Text.Json.Nodes.JsonArray)student.Root["cells"]!).Insert(anchor.Index + 1, extra);
        return student.ToJson();
    }

    /// <summary>A student's notebook: the exercise with the solution's answers filled in, then edited.</summary>
    private static string Student(string assignment, Dictionary<string, Func<string, string>> edits, string? delete = null)
    {
        var solution = Notebook.Load(Repository.Solution(assignment));
        var answers = solution.Cells.ToDictionary(c => NbgraderCell.Read(c)!.GradeId, c => HomeworkMarkers.StripMarkers(c.Source));
        var student = Notebook.Load(Repository.Exercise(assignment));
        foreach (var cell in student.Cells)
        {
            var meta = NbgraderCell.Read(cell)!;
            if (meta.Solution) cell.Source = answers[meta.GradeId];
            if (edits.TryGetValue(meta.GradeId, out var edit)) cell.Source = edit(cell.Source);
        }
        if (delete is not null)
            ((System.Text.Json.Nodes.JsonArray)student.Root["cells"]!).RemoveAt(student.Cells.First(c => NbgraderCell.Read(c)!.GradeId == delete).Index);
        return student.ToJson();
    }

    private static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"the test's edit did not apply: '{from}' is not in the cell");
}

[CollectionDefinition("Grading")]
public sealed class GradingCollection : ICollectionFixture<GradingFixture>, ICollectionFixture<AttackFixture>;
