using RegularizationLab.Lab.Homework.Analysis;
using System.Diagnostics;
using System.Security.Cryptography;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// Grades submissions of one assignment against its solution notebook. Each submission is read leniently
/// (<see cref="SubmissionReader"/>), its answers matched to the assignment's cells (<see cref="SubmissionMatcher"/>),
/// answer cells that use forbidden APIs replaced by the stub (<see cref="ForbiddenAnswerFinder"/>), and the rest run in
/// a fresh sandbox (<see cref="SandboxedRun"/>) with one evaluation cell per part after the student's cells, whose
/// results come back signed. Scores are computed here from those results alone (<see cref="PartScorer"/>, with
/// per-case <see cref="PartialCredit"/>), and a part is not charged for an earlier part's bug
/// (<see cref="EarlierBugRegrade"/>). Whatever happens — malformed JSON, missing cells, compile errors, timeouts, a
/// crashed or killed process — the result is a score with a reason.
/// </summary>
public sealed class Grader
{
    private readonly Notebook _solution;
    private readonly Notebook _exercise;
    private readonly AssignmentLayout _layout;
    private readonly ForbiddenAnswerFinder _forbidden;
    private readonly SandboxedRun _sandbox;
    private readonly PartScorer _scorer;

    public Grader(string solutionPath, GradingLimits? limits = null)
    {
        SolutionPath = Path.GetFullPath(solutionPath);
        _solution = Notebook.Load(SolutionPath);
        _exercise = ExerciseGenerator.Generate(_solution, Path.GetFileName(SolutionPath));
        var courseRoot = Path.GetDirectoryName(Path.GetDirectoryName(SolutionPath)!)!;
        Limits = limits ?? new GradingLimits();
        Parts = _solution.Cells.Select(NbgraderCell.Read).Where(m => m is { Grade: true }).Select(m => m!).ToList();
        _layout = new AssignmentLayout(_solution);
        _forbidden = new ForbiddenAnswerFinder(_layout, courseRoot);
        _sandbox = new SandboxedRun(courseRoot, Limits);
        _scorer = new PartScorer(_layout, Parts, Limits, Where);
    }

    public string SolutionPath { get; }

    public string Assignment => Path.GetFileNameWithoutExtension(SolutionPath);

    public GradingLimits Limits { get; }

    /// <summary>The graded cells of the assignment, in notebook order.</summary>
    public IReadOnlyList<NbgraderCell> Parts { get; }

    public double MaxAutograded => Parts.Where(p => p.IsAutogradedTest).Sum(p => p.Points);

    /// <summary>The rubric of a hand-graded part (empty for autograded parts).</summary>
    public IReadOnlyList<RubricItem> RubricOf(string gradeId) => _layout.RubricOf(gradeId);

    /// <summary>Grades the first of several candidate notebooks that belongs to this assignment (see <see cref="PickSubmission"/>).</summary>
    public async Task<StudentGrade> GradeAsync(string student, string submissionPath, string workFolder, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await GradeCoreAsync(student, submissionPath, workFolder, watch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A batch never stops: even a fault of the grader itself becomes this student's reason.
            return Failed(student, submissionPath, $"the grader could not grade this submission ({e.GetType().Name}: {e.Message}); please tell your instructor", [], watch);
        }
    }

    /// <summary>Grades one student whose folder holds several notebooks: the one that matches this assignment best.</summary>
    public async Task<StudentGrade> GradeAsync(string student, IReadOnlyList<string> candidates, string workFolder, CancellationToken cancellationToken = default)
    {
        if (candidates.Count == 1) return await GradeAsync(student, candidates[0], workFolder, cancellationToken).ConfigureAwait(false);
        var (chosen, note) = PickSubmission(candidates);
        var grade = await GradeAsync(student, chosen, workFolder, cancellationToken).ConfigureAwait(false);
        return grade with { Issues = [new CellIssue("(notebook)", "several notebooks", note), .. grade.Issues] };
    }

    /// <summary>Of several notebooks, the one in which most of the assignment's cells are found, and a note saying so.</summary>
    public (string Path, string Note) PickSubmission(IReadOnlyList<string> candidates)
    {
        var scored = candidates.Select(path =>
        {
            var read = SubmissionReader.Read(path);
            int score = read.Notebook is null ? -1 : SubmissionMatcher.Match(_exercise, read.Notebook).Recognised;
            return (Path: path, Score: score, Time: File.GetLastWriteTimeUtc(path));
        }).OrderByDescending(c => c.Score).ThenByDescending(c => c.Time).ToList();
        var chosen = scored[0];
        var others = string.Join(", ", scored.Skip(1).Select(c => $"'{Path.GetFileName(c.Path)}'"));
        return (chosen.Path, $"the folder holds {candidates.Count} notebooks; '{Path.GetFileName(chosen.Path)}' was graded because it matches {Assignment} best ({chosen.Score} of its cells found); not graded: {others}");
    }

    private async Task<StudentGrade> GradeCoreAsync(string student, string submissionPath, string workFolder, Stopwatch watch, CancellationToken cancellationToken)
    {
        var read = SubmissionReader.Read(submissionPath);
        var repairs = read.Repairs.Select(r => new CellIssue("(file)", "repaired", r)).ToList();
        if (read.Notebook is null)
            return Failed(student, submissionPath, read.Problem ?? "the submission could not be read", repairs, watch);

        var matched = SubmissionMatcher.Match(_exercise, read.Notebook);
        if (matched.Recognised == 0)
        {
            var title = read.Notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Markdown)?.Source.Split('\n')[0].Trim();
            return Failed(student, submissionPath,
                $"none of the cells of {Assignment} were found in this notebook{(string.IsNullOrEmpty(title) ? "" : $" (it begins with “{Shorten(title, 60)}”)")}: was the right notebook handed in?",
                repairs, watch);
        }
        var issues = new List<CellIssue>([.. repairs, .. matched.Issues]);
        foreach (var (id, answer) in matched.Answers.Where(a => !a.Value.How.Contains("by its grade id", StringComparison.Ordinal)))
            issues.Add(new CellIssue(id, "matched", $"the answer was taken from {answer.How}"));

        // Answers and extra cells that use forbidden APIs never run: the stub runs in their place.
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var forbidden = Limits.CheckForbiddenApis
            ? _forbidden.Find(Assemble(matched, new HashSet<string>(), new HashSet<int>(), key), matched)
            : new Dictionary<string, ForbiddenUse>();
        var rejectedExtras = ForbiddenAnswerFinder.ExtraCells(forbidden);
        foreach (var number in rejectedExtras.Order())
            issues.Add(new CellIssue("(extra)", "rejected", $"cell {number} was not run: {forbidden["#" + number]}"));
        var assembled = Assemble(matched, ForbiddenAnswerFinder.AnswerCells(forbidden), rejectedExtras, key);
        var run = await RunAsync(assembled, key, cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(workFolder);
        string? executedPath = null;
        if (run.Executed is not null)
        {
            executedPath = Path.Combine(workFolder, $"{student}.executed.ipynb");
            await File.WriteAllTextAsync(executedPath, run.Executed, cancellationToken).ConfigureAwait(false);
        }
        if (run.Forged > 0)
            issues.Add(new CellIssue("(output)", "forged", $"the notebook printed {run.Forged} result line(s) the grader did not sign; they were ignored"));

        var parts = _scorer.Score(assembled, matched, forbidden, run);
        parts = await new EarlierBugRegrade(this, _layout, _scorer).ApplyAsync(parts, matched, forbidden, cancellationToken).ConfigureAwait(false);
        return new StudentGrade
        {
            Student = student, Assignment = Assignment, SubmissionPath = submissionPath,
            Score = Math.Round(parts.Sum(p => p.Points), 2), MaxScore = MaxAutograded,
            ManualPointsPending = parts.Where(p => p.Status == PartStatus.ManualGrading).Sum(p => p.MaxPoints),
            Parts = parts, Issues = issues, NotebookError = run.NotebookError,
            Seconds = watch.Elapsed.TotalSeconds, ExecutedPath = executedPath,
        };
    }

    /// <summary>The notebook to run for a matched submission, with the given answers and extra cells left out.</summary>
    internal AssembledSubmission Assemble(MatchedSubmission matched, IReadOnlySet<string> rejectedAnswers, IReadOnlySet<int> rejectedExtras, string key) =>
        SubmissionAssembler.Assemble(_solution, _exercise, matched, rejectedAnswers, rejectedExtras, key);

    internal Task<SandboxRun> RunAsync(AssembledSubmission assembled, string key, CancellationToken cancellationToken) =>
        _sandbox.RunAsync(assembled, key, cancellationToken);

    /// <summary>"Part 1 · The L2 penalty … , cell 5 ('l2_tests')" as the student sees it.</summary>
    private string Where(string gradeId, MatchedSubmission matched)
    {
        var heading = _layout.Heading(gradeId);
        var number = matched.CellNumber(gradeId) ?? (_exercise.Cells.FirstOrDefault(c => NbgraderCell.Read(c)!.GradeId == gradeId)?.Number);
        return $"{(heading.Length > 0 ? heading + ", " : "")}cell {number} ('{gradeId}')";
    }

    private StudentGrade Failed(string student, string submissionPath, string reason, IReadOnlyList<CellIssue> issues, Stopwatch watch) => new()
    {
        Student = student, Assignment = Assignment, SubmissionPath = submissionPath, MaxScore = MaxAutograded,
        ManualPointsPending = 0, NotebookError = reason, Issues = issues, Seconds = watch.Elapsed.TotalSeconds,
        Parts = Parts.Select(p => new PartGrade(p.GradeId, 0, p.Points, p.IsManuallyGraded ? PartStatus.ManualGrading : PartStatus.NotRun, reason, null,
            $"{_layout.Heading(p.GradeId)}, '{p.GradeId}'", p.IsManuallyGraded ? _layout.RubricOf(p.GradeId) : null)).ToList(),
    };

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
