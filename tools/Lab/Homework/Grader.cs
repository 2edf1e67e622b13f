using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Homework.Analysis;
using RegularizationLab.Lab.Homework.Sandbox;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>Limits for grading one submission.</summary>
public sealed record GradingLimits
{
    /// <summary>Per cell (the runner stops the notebook after a cell that exceeds it).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>For the whole notebook: the sandbox is killed after this long.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>The managed-heap limit of the submission's process, in MB.</summary>
    public int MemoryMegabytes { get; init; } = 1024;

    /// <summary>Reject answer cells that use forbidden APIs before they run (off only in tests of the sandbox itself).</summary>
    public bool CheckForbiddenApis { get; init; } = true;
}

/// <summary>
/// Grades submissions of one assignment against its solution notebook. Each submission runs in a fresh bubblewrap
/// sandbox (<see cref="BubblewrapSandbox"/>) around the runner's child process: the notebook reaches it on standard input,
/// the student's cells run first, then one evaluation cell per part runs the public checks and hidden tests and sends
/// their results as lines signed with a key that exists only in that run. Scores are computed here from those signed
/// results alone; the run's result file and its other output only explain failures. Answer cells that use forbidden
/// APIs (<see cref="AnswerCodeAnalyzer"/>) are replaced by the stub before the run. Whatever happens — malformed JSON,
/// missing cells, compile errors, timeouts, a crashed or killed process — the result is a score with a reason.
/// </summary>
public sealed class Grader
{
    private readonly Notebook _solution;
    private readonly Notebook _exercise;
    private readonly string _courseRoot;
    private readonly Dictionary<string, string> _headings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _answersOfPart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string, string)>> _partRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _modelAnswers = new(StringComparer.Ordinal);

    public Grader(string solutionPath, GradingLimits? limits = null)
    {
        SolutionPath = Path.GetFullPath(solutionPath);
        _solution = Notebook.Load(SolutionPath);
        _exercise = ExerciseGenerator.Generate(_solution, Path.GetFileName(SolutionPath));
        _courseRoot = Path.GetDirectoryName(Path.GetDirectoryName(SolutionPath)!)!;
        Limits = limits ?? new GradingLimits();
        Parts = _solution.Cells.Select(NbgraderCell.Read).Where(m => m is { Grade: true }).Select(m => m!).ToList();
        ReadLayout();
    }

    public string SolutionPath { get; }

    public string Assignment => Path.GetFileNameWithoutExtension(SolutionPath);

    public GradingLimits Limits { get; }

    /// <summary>The graded cells of the assignment, in notebook order.</summary>
    public IReadOnlyList<NbgraderCell> Parts { get; }

    public double MaxAutograded => Parts.Where(p => p.IsAutogradedTest).Sum(p => p.Points);

    /// <summary>Headings, the answer cells each test cell checks, and each answer cell's forbidden library APIs.</summary>
    private void ReadLayout()
    {
        string heading = "";
        var pending = new List<string>();
        foreach (var cell in _solution.Cells)
        {
            var meta = NbgraderCell.Read(cell)!;
            if (cell.Kind == CellKind.Markdown && cell.Source.TrimStart().StartsWith("## ", StringComparison.Ordinal))
                heading = cell.Source.TrimStart()[3..].Split('\n')[0].Trim();
            _headings[meta.GradeId] = heading;
            if (meta.Solution && cell.Kind == CellKind.Code)
            {
                pending.Add(meta.GradeId);
                var rules = (cell.Metadata[ExerciseGenerator.MetadataKey] as JsonObject)?["forbidden"] as JsonArray ?? [];
                _partRules[meta.GradeId] = [.. rules.Select(r => ((string)r!, "this is the course library's implementation of what this part asks you to write; write it yourself"))];
            }
            if (meta.Solution && cell.Kind == CellKind.Code)
                _modelAnswers[meta.GradeId] = HomeworkMarkers.StripMarkers(cell.Source);
            if (meta.IsAutogradedTest)
            {
                var uses = (cell.Metadata[ExerciseGenerator.MetadataKey] as JsonObject)?["uses"] as JsonArray ?? [];
                _uses[meta.GradeId] = [.. uses.Select(u => (string)u!)];
                SubmissionAssembler.CheckCalls(meta.GradeId, HomeworkMarkers.StripMarkers(cell.Source)); // authoring errors now, not per student
                _answersOfPart[meta.GradeId] = [.. pending];
                pending.Clear();
            }
        }
    }

    /// <summary>Grades the first of several candidate notebooks that belongs to this assignment (see <see cref="PickSubmission"/>).</summary>
    public async Task<StudentGrade> GradeAsync(string student, string submissionPath, string workFolder, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await GradeCoreAsync(student, submissionPath, workFolder, [], watch, cancellationToken).ConfigureAwait(false);
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

    private async Task<StudentGrade> GradeCoreAsync(string student, string submissionPath, string workFolder,
        IReadOnlyList<CellIssue> earlierIssues, Stopwatch watch, CancellationToken cancellationToken)
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
        var issues = new List<CellIssue>([.. earlierIssues, .. repairs, .. matched.Issues]);
        foreach (var (id, answer) in matched.Answers.Where(a => !a.Value.How.Contains("by its grade id", StringComparison.Ordinal)))
            issues.Add(new CellIssue(id, "matched", $"the answer was taken from {answer.How}"));

        // Answers and extra cells that use forbidden APIs never run: the stub runs in their place.
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var draft = SubmissionAssembler.Assemble(_solution, _exercise, matched, new HashSet<string>(), new HashSet<int>(), key);
        var forbidden = Limits.CheckForbiddenApis ? FindForbidden(draft, matched) : new Dictionary<string, ForbiddenUse>();
        var rejectedExtras = new HashSet<int>();
        foreach (var (where, use) in forbidden)
        {
            if (!where.StartsWith('#')) continue;
            int number = int.Parse(where[1..], System.Globalization.CultureInfo.InvariantCulture);
            rejectedExtras.Add(number);
            issues.Add(new CellIssue("(extra)", "rejected", $"cell {number} was not run: {use}"));
        }
        var assembled = SubmissionAssembler.Assemble(_solution, _exercise, matched,
            forbidden.Keys.Where(k => !k.StartsWith('#')).ToHashSet(StringComparer.Ordinal), rejectedExtras, key);

        if (!SandboxTool.Available)
            throw new InvalidOperationException(SandboxTool.MissingMessage);
        var run = await RunInSandboxAsync(assembled, key, cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(workFolder);
        string? executedPath = null;
        if (run.Executed is not null)
        {
            executedPath = Path.Combine(workFolder, $"{student}.executed.ipynb");
            await File.WriteAllTextAsync(executedPath, run.Executed, cancellationToken).ConfigureAwait(false);
        }
        if (run.Forged > 0)
            issues.Add(new CellIssue("(output)", "forged", $"the notebook printed {run.Forged} result line(s) the grader did not sign; they were ignored"));

        var parts = ScoreParts(assembled, matched, forbidden, run);
        parts = await RegradeWithoutEarlierBugsAsync(parts, matched, forbidden, cancellationToken).ConfigureAwait(false);
        return new StudentGrade
        {
            Student = student, Assignment = Assignment, SubmissionPath = submissionPath,
            Score = parts.Sum(p => p.Points), MaxScore = MaxAutograded,
            ManualPointsPending = parts.Where(p => p.Status == PartStatus.ManualGrading).Sum(p => p.MaxPoints),
            Parts = parts, Issues = issues, NotebookError = run.NotebookError,
            Seconds = watch.Elapsed.TotalSeconds, ExecutedPath = executedPath,
        };
    }

    /// <summary>
    /// A part is not charged for a bug in an earlier part it builds on (its test cell's <c>lab_homework.uses</c>): when it
    /// failed and an answer it uses belongs to a failed part, it is run again, in a fresh sandbox, with the model answer
    /// in place of that earlier answer only. If it then passes, it earns its points and the feedback says why.
    /// </summary>
    private async Task<List<PartGrade>> RegradeWithoutEarlierBugsAsync(List<PartGrade> parts, MatchedSubmission matched,
        IReadOnlyDictionary<string, ForbiddenUse> forbidden, CancellationToken cancellationToken)
    {
        var failedAnswers = parts.Where(p => p.Status is PartStatus.Failed or PartStatus.TimedOut)
            .SelectMany(p => _answersOfPart.GetValueOrDefault(p.GradeId) ?? []).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Status != PartStatus.Failed) continue;
            var own = _answersOfPart.GetValueOrDefault(part.GradeId) ?? [];
            var culprits = (_uses.GetValueOrDefault(part.GradeId) ?? []).Where(failedAnswers.Contains).Except(own).ToList();
            if (culprits.Count == 0 || own.Any(forbidden.ContainsKey) || own.Any(id => !matched.Answers.ContainsKey(id))) continue;

            var answers = matched.Answers.ToDictionary(StringComparer.Ordinal);
            foreach (var id in culprits)
                answers[id] = new MatchedAnswer(id, _modelAnswers[id], [], "the model answer, for this regrade only");
            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var rejected = forbidden.Keys.Where(k => !k.StartsWith('#') && !culprits.Contains(k)).ToHashSet(StringComparer.Ordinal);
            var rejectedExtras = forbidden.Keys.Where(k => k.StartsWith('#')).Select(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            var assembled = SubmissionAssembler.Assemble(_solution, _exercise, matched with { Answers = answers }, rejected, rejectedExtras, key);
            var rerun = await RunInSandboxAsync(assembled, key, cancellationToken).ConfigureAwait(false);
            if (rerun.Reports.TryGetValue(part.GradeId, out var report) && report.Error is null && report.Checks.Count > 0 && report.Checks.All(c => c.Passed))
            {
                var names = string.Join(", ", culprits.Select(c => $"'{c}'"));
                parts[i] = part with
                {
                    Points = part.MaxPoints, Status = PartStatus.Passed,
                    Reason = $"passes with a correct {names} in place of yours: this part's own code is right, and the bug in {names} "
                             + $"already cost its own part (with yours it failed: {part.Reason.Split('\n')[0]})",
                };
            }
        }
        return parts;
    }

    /// <summary>Forbidden uses by answer grade id, or by "#N" for the student's extra cell N.</summary>
    private Dictionary<string, ForbiddenUse> FindForbidden(AssembledSubmission draft, MatchedSubmission matched)
    {
        var cells = new List<AnalyzedCell>();
        var owners = new List<string?>();
        int firstEvaluation = draft.EvaluationCellIndex.Values.DefaultIfEmpty(draft.Notebook.Cells.Count).Min();
        for (int i = 0; i < firstEvaluation; i++)
        {
            var cell = draft.Notebook.Cells[i];
            string? owner = draft.ExtraCellNumberByIndex.TryGetValue(i, out var number) ? "#" + number
                : draft.GradeIdByCellIndex.TryGetValue(i, out var id) && matched.Answers.ContainsKey(id) && _partRules.ContainsKey(id) ? id : null;
            owners.Add(owner);
            cells.Add(new AnalyzedCell(cell.Kind == CellKind.Code ? cell.Source : "", owner is not null,
                owner is not null && _partRules.TryGetValue(owner, out var rules) ? rules : []));
        }
        var analyzer = new AnswerCodeAnalyzer(Path.Combine(_courseRoot, "bin", "course", "Course.dll"));
        var findings = analyzer.Analyze(cells);
        var result = new Dictionary<string, ForbiddenUse>(StringComparer.Ordinal);
        for (int i = 0; i < findings.Count; i++)
            if (findings[i] is { } use && owners[i] is { } owner)
                result[owner] = use;
        return result;
    }

    private sealed record SandboxRun(NotebookRunResult Result, IReadOnlyDictionary<string, EvaluationReport> Reports,
        int Forged, string? Executed, string? NotebookError, bool OutOfMemory);

    private async Task<SandboxRun> RunInSandboxAsync(AssembledSubmission assembled, string key, CancellationToken cancellationToken)
    {
        var limits = new SandboxLimits(Limits.MemoryMegabytes, (int)Math.Ceiling(Limits.TotalTimeout.TotalSeconds * 2));
        using var sandbox = new BubblewrapSandbox(_courseRoot, assembled.Notebook.ToJson(), limits);
        var lines = new List<string>();
        var runner = new IsolatedNotebookRunner(new RunnerOptions
        {
            CellTimeout = Limits.CellTimeout,
            TotalTimeout = Limits.TotalTimeout,
            ContinueOnError = true,
            BaseDirectory = BubblewrapSandbox.WorkingFolder,
            Sandbox = sandbox,
        })
        {
            Log = line => { lock (lines) lines.Add(line); },
        };

        NotebookRunResult result;
        bool totalTimeout;
        using (var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            total.CancelAfter(Limits.TotalTimeout + TimeSpan.FromSeconds(30));
            // bwrap --die-with-parent kills the sandbox when the THREAD that started it ends (PR_SET_PDEATHSIG), and
            // thread-pool threads retire when idle: start it from a dedicated thread that waits for the whole run.
            var token = total.Token;
            result = await Task.Factory.StartNew(
                () => runner.RunAsync("/dev/stdin", Path.Combine(sandbox.ExchangeFolder, "executed.ipynb"), token).GetAwaiter().GetResult(),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            totalTimeout = total.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        }
        cancellationToken.ThrowIfCancellationRequested();

        var (reports, forged) = SignedResults.Read(lines, key);
        string? executed = null;
        if (result.ExecutedPath is { } path && File.Exists(path))
        {
            try { executed = Notebook.Parse(File.ReadAllText(path)).ToJson().Replace(key, "(the run's key, removed)", StringComparison.Ordinal); }
            catch (NotebookFormatException) { executed = null; }
        }
        bool outOfMemory;
        lock (lines) outOfMemory = lines.Any(l => l.Contains("OutOfMemory", StringComparison.Ordinal));
        string? notebookError = totalTimeout
            ? $"the notebook exceeded the total time limit of {Limits.TotalTimeout.TotalSeconds:0} s and was stopped"
            : result.LoadError is null ? null
            : outOfMemory ? $"the notebook ran out of memory (the limit is {Limits.MemoryMegabytes} MB) and was stopped"
            : result.LoadError.Contains("ended without a result", StringComparison.Ordinal)
                ? "the notebook process ended before the grader's checks ran (did a cell end the program or crash it?)"
            : "the notebook could not be run to the end: " + FeedbackText.Clean(result.LoadError.Replace("/dev/stdin: ", "", StringComparison.Ordinal));
        return new SandboxRun(result, reports, forged, executed, notebookError, outOfMemory);
    }

    private List<PartGrade> ScoreParts(AssembledSubmission assembled, MatchedSubmission matched,
        IReadOnlyDictionary<string, ForbiddenUse> forbidden, SandboxRun run)
    {
        var statusByNumber = run.Result.Cells.ToDictionary(c => c.Number);
        var indexById = assembled.GradeIdByCellIndex.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var parts = new List<PartGrade>();
        foreach (var part in Parts)
        {
            var where = Where(part.GradeId, matched);
            if (part.IsManuallyGraded)
            {
                var answer = matched.Answers.GetValueOrDefault(part.GradeId)?.Source.Trim() ?? "";
                bool answered = answer.Length > 0 && answer != HomeworkMarkers.AnswerPlaceholder;
                parts.Add(new PartGrade(part.GradeId, 0, part.Points, PartStatus.ManualGrading,
                    answered ? "written answer: to be graded by hand" : "written answer: not answered", answered ? answer : null, where));
                continue;
            }
            PartGrade Grade(PartStatus status, string reason, double points = 0) =>
                new(part.GradeId, points, part.Points, status, reason, null, where);

            // 1. An answer this part checks used a forbidden API: it never ran.
            var answers = _answersOfPart.GetValueOrDefault(part.GradeId) ?? [];
            if (answers.FirstOrDefault(forbidden.ContainsKey) is { } rejected)
            {
                parts.Add(Grade(PartStatus.Failed, $"your answer cell '{rejected}'{CellNumbers(rejected, matched)} was not run: {forbidden[rejected]}"));
                continue;
            }
            // 2. The signed results of the part's evaluation: the only source of points.
            if (run.Reports.TryGetValue(part.GradeId, out var report))
            {
                var failed = report.Checks.Where(c => !c.Passed).ToList();
                if (report.Error is null && report.Checks.Count > 0 && failed.Count == 0)
                    parts.Add(Grade(PartStatus.Passed, string.Join("\n", report.Checks.Select(c => c.Message)), part.Points));
                else if (report.Error == "out of memory" || failed.Any(c => c.Message.Contains("OutOfMemory", StringComparison.Ordinal)))
                    parts.Add(Grade(PartStatus.Failed, OutOfMemory()));
                else
                    parts.Add(Grade(PartStatus.Failed, report.Error is not null
                        ? "the checks stopped with an error: " + FeedbackText.Clean(report.Error)
                        : string.Join("\n", failed.Select(c => FeedbackText.Clean(c.Message)))));
                continue;
            }
            // 3. No result: explain why, from the run (an answer that failed, the evaluation cell, the time limits).
            var answerProblem = answers.Select(id => (id, status: indexById.TryGetValue(id, out var i) ? statusByNumber.GetValueOrDefault(i + 1) : null))
                .FirstOrDefault(a => a.status is { Status: CellStatus.Failed or CellStatus.TimedOut });
            var evaluation = statusByNumber.GetValueOrDefault(assembled.EvaluationCellIndex[part.GradeId] + 1);
            if (answerProblem.status is { } failedAnswer)
            {
                parts.Add(Grade(PartStatus.Failed, failedAnswer.Status == CellStatus.TimedOut
                    ? $"your answer cell '{answerProblem.id}'{CellNumbers(answerProblem.id, matched)} did not finish within {Limits.CellTimeout.TotalSeconds:0} s (a loop that never ends?)"
                    : $"your answer cell '{answerProblem.id}'{CellNumbers(answerProblem.id, matched)} failed, so its checks could not run: {FeedbackText.FirstLine(failedAnswer.Error)}"));
            }
            else if (evaluation is { Status: CellStatus.Failed })
            {
                parts.Add(Grade(PartStatus.Failed, IsOutOfMemory(evaluation.Error) ? OutOfMemory()
                    : $"the checks could not call your code: {FeedbackText.FirstLine(evaluation.Error)} (keep the function names and signatures of the assignment)"));
            }
            else if (evaluation is { Status: CellStatus.TimedOut })
            {
                parts.Add(Grade(PartStatus.TimedOut, $"the checks of this part did not finish within {Limits.CellTimeout.TotalSeconds:0} s (a loop that never ends?)"));
            }
            else
            {
                var timedOut = run.Result.Cells.FirstOrDefault(c => c.Status == CellStatus.TimedOut);
                parts.Add(Grade(PartStatus.NotRun, run.OutOfMemory ? OutOfMemory()
                    : run.NotebookError ?? (timedOut is not null
                        ? $"not run: a cell exceeded the per-cell time limit of {Limits.CellTimeout.TotalSeconds:0} s and the notebook was stopped there"
                        : "not run: the notebook ended before this part's checks (did a cell end the program?)")));
            }
        }
        return parts;
    }

    private string OutOfMemory() =>
        $"your code ran out of memory: the grader allows {Limits.MemoryMegabytes} MB, and some list or array kept growing (look for a collection that is added to in a loop that does not stop)";

    private static bool IsOutOfMemory(string? error) => error?.Contains("OutOfMemory", StringComparison.Ordinal) == true;

    /// <summary>"Part 1 · The L2 penalty … — check cell 5" as the student sees it.</summary>
    private string Where(string gradeId, MatchedSubmission matched)
    {
        var heading = _headings.GetValueOrDefault(gradeId) ?? "";
        var number = matched.CellNumber(gradeId) ?? (_exercise.Cells.FirstOrDefault(c => NbgraderCell.Read(c)!.GradeId == gradeId)?.Number);
        return $"{(heading.Length > 0 ? heading + ", " : "")}cell {number} ('{gradeId}')";
    }

    private static string CellNumbers(string gradeId, MatchedSubmission matched) =>
        matched.Answers.TryGetValue(gradeId, out var answer) ? $" (cell {string.Join(" + ", answer.CellNumbers)} in your notebook)" : " (missing)";

    private StudentGrade Failed(string student, string submissionPath, string reason, IReadOnlyList<CellIssue> issues, Stopwatch watch) => new()
    {
        Student = student, Assignment = Assignment, SubmissionPath = submissionPath, MaxScore = MaxAutograded,
        ManualPointsPending = 0, NotebookError = reason, Issues = issues, Seconds = watch.Elapsed.TotalSeconds,
        Parts = Parts.Select(p => new PartGrade(p.GradeId, 0, p.Points, p.IsManuallyGraded ? PartStatus.ManualGrading : PartStatus.NotRun, reason, null,
            $"{_headings.GetValueOrDefault(p.GradeId)}, '{p.GradeId}'")).ToList(),
    };

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
