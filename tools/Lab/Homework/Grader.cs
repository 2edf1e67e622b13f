using System.Diagnostics;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>Time limits for grading one submission.</summary>
public sealed record GradingLimits
{
    /// <summary>Per cell (the runner stops the notebook after a cell that exceeds it).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>For the whole notebook: the child process is killed after this long.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(600);
}

/// <summary>
/// Grades submissions of one assignment against its solution notebook. Each submission runs in its own child process
/// (<see cref="IsolatedNotebookRunner"/>) with per-cell and total time limits, in grading mode (a cell the assembler adds
/// after the setup cell calls <c>Checks.EnterGradingMode()</c>), so that a failing check throws and its test cell earns nothing. Whatever happens — malformed JSON, missing cells, compile
/// errors, timeouts, a crashed process — the result is a score with a reason, never an exception.
/// </summary>
public sealed class Grader
{
    private readonly Notebook _solution;
    private readonly Notebook _exercise;
    private readonly string _solutionFolder;

    public Grader(string solutionPath, GradingLimits? limits = null)
    {
        SolutionPath = Path.GetFullPath(solutionPath);
        _solution = Notebook.Load(SolutionPath);
        _exercise = ExerciseGenerator.Generate(_solution, Path.GetFileName(SolutionPath));
        _solutionFolder = Path.GetDirectoryName(SolutionPath)!;
        Limits = limits ?? new GradingLimits();
        Parts = _solution.Cells.Select(NbgraderCell.Read).Where(m => m is { Grade: true }).Select(m => m!).ToList();
    }

    public string SolutionPath { get; }

    public string Assignment => Path.GetFileNameWithoutExtension(SolutionPath);

    public GradingLimits Limits { get; }

    /// <summary>The graded cells of the assignment, in notebook order.</summary>
    public IReadOnlyList<NbgraderCell> Parts { get; }

    public double MaxAutograded => Parts.Where(p => p.IsAutogradedTest).Sum(p => p.Points);

    /// <param name="student">The student's id (file or folder name).</param>
    /// <param name="submissionPath">The submitted notebook.</param>
    /// <param name="workFolder">Where the assembled and executed notebooks are written.</param>
    public async Task<StudentGrade> GradeAsync(string student, string submissionPath, string workFolder, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        StudentGrade Failed(string reason, IReadOnlyList<CellIssue>? issues = null) => new()
        {
            Student = student, Assignment = Assignment, SubmissionPath = submissionPath, MaxScore = MaxAutograded,
            ManualPointsPending = 0, NotebookError = reason, Issues = issues ?? [], Seconds = watch.Elapsed.TotalSeconds,
            Parts = Parts.Select(p => new PartGrade(p.GradeId, 0, p.Points, p.IsManuallyGraded ? PartStatus.ManualGrading : PartStatus.NotRun, reason)).ToList(),
        };

        Notebook submission;
        try
        {
            submission = Notebook.Load(submissionPath);
        }
        catch (NotebookFormatException e)
        {
            return Failed($"the submission could not be read: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed($"the submission could not be read: {e.Message}");
        }

        AssembledSubmission assembled;
        try
        {
            assembled = SubmissionAssembler.Assemble(_solution, _exercise, submission);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed($"the submission's cells could not be matched to the assignment: {e.Message}");
        }

        Directory.CreateDirectory(workFolder);
        var gradedPath = Path.Combine(workFolder, $"{student}.graded.ipynb");
        var executedPath = Path.Combine(workFolder, $"{student}.executed.ipynb");
        assembled.Notebook.Save(gradedPath);

        var progress = new Dictionary<int, CellStatus>();
        var runner = new IsolatedNotebookRunner(new RunnerOptions
        {
            CellTimeout = Limits.CellTimeout,
            ContinueOnError = true,
            BaseDirectory = _solutionFolder, // so "../bin/course/Course.dll" resolves as it does for the solution
            Progress = line => { lock (progress) RecordProgress(progress, line); },
        });

        NotebookRunResult result;
        bool totalTimeout = false;
        using (var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            total.CancelAfter(Limits.TotalTimeout);
            result = await runner.RunAsync(gradedPath, executedPath, total.Token).ConfigureAwait(false);
            totalTimeout = total.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        }
        cancellationToken.ThrowIfCancellationRequested();

        var executed = result.ExecutedPath is not null && File.Exists(result.ExecutedPath) ? Notebook.Load(result.ExecutedPath) : null;
        string? notebookError = totalTimeout
            ? $"the notebook exceeded the total time limit of {Limits.TotalTimeout.TotalSeconds:0} s and was stopped; parts that had finished keep their points"
            : result.LoadError is not null ? $"the notebook could not be run to the end: {result.LoadError}" : null;

        var parts = ScoreParts(assembled, result, executed, progress, notebookError);
        return new StudentGrade
        {
            Student = student, Assignment = Assignment, SubmissionPath = submissionPath,
            Score = parts.Sum(p => p.Points), MaxScore = MaxAutograded,
            ManualPointsPending = parts.Where(p => p.Status == PartStatus.ManualGrading).Sum(p => p.MaxPoints),
            Parts = parts, Issues = assembled.Issues, NotebookError = notebookError,
            Seconds = watch.Elapsed.TotalSeconds, ExecutedPath = executed is null ? null : executedPath,
        };
    }

    /// <summary>"cell 7 start", "cell 7 ok 0.12s", "cell 7 failed 0.3s", "cell 7 timedout 60.0s" → the cell's last status.</summary>
    private static void RecordProgress(Dictionary<int, CellStatus> progress, string line)
    {
        var words = line.Split(' ');
        if (words.Length < 3 || words[0] != "cell" || !int.TryParse(words[1], out var number)) return;
        progress[number] = words[2] switch
        {
            "ok" => CellStatus.Ok,
            "failed" => CellStatus.Failed,
            "timedout" => CellStatus.TimedOut,
            _ => CellStatus.NotRun,
        };
    }

    private List<PartGrade> ScoreParts(AssembledSubmission assembled, NotebookRunResult result, Notebook? executed,
        Dictionary<int, CellStatus> progress, string? notebookError)
    {
        var statusByNumber = result.Cells.ToDictionary(c => c.Number);
        var parts = new List<PartGrade>();
        string? lastCodeProblem = null; // the most recent failure of one of the student's own answer cells
        var timedOutCell = result.Cells.FirstOrDefault(c => c.Status == CellStatus.TimedOut);

        foreach (var (index, gradeId) in assembled.GradeIdByCellIndex.OrderBy(p => p.Key))
        {
            var meta = NbgraderCell.Read(assembled.Notebook.Cells[index])!;
            int number = index + 1;
            CellStatus status = statusByNumber.TryGetValue(number, out var cellResult) ? cellResult.Status
                : progress.TryGetValue(number, out var reported) ? reported : CellStatus.NotRun;
            var outputs = executed is not null && index < executed.Cells.Count ? executed.Cells[index].Outputs : null;

            if (meta.Solution && assembled.Notebook.Cells[index].Kind == CellKind.Code)
            {
                lastCodeProblem = status is CellStatus.Failed or CellStatus.TimedOut
                    ? $"your answer cell '{gradeId}' failed: {FirstLine(cellResult?.Error ?? ErrorText(outputs) ?? "error")}"
                    : null;
            }
            if (meta.IsManuallyGraded)
            {
                var answer = assembled.Notebook.Cells[index].Source.Trim();
                bool answered = answer.Length > 0 && answer != HomeworkMarkers.AnswerPlaceholder;
                parts.Add(new PartGrade(gradeId, 0, meta.Points, PartStatus.ManualGrading,
                    answered ? "written answer: to be graded by hand" : "written answer: not answered", answered ? answer : null));
                continue;
            }
            if (!meta.IsAutogradedTest) continue;

            switch (status)
            {
                case CellStatus.Ok:
                    parts.Add(new PartGrade(gradeId, meta.Points, meta.Points, PartStatus.Passed, PassLines(outputs)));
                    break;
                case CellStatus.TimedOut:
                    parts.Add(new PartGrade(gradeId, 0, meta.Points, PartStatus.TimedOut,
                        $"the test cell did not finish within {Limits.CellTimeout.TotalSeconds:0} s (a loop that never ends?)"));
                    break;
                case CellStatus.Failed:
                    var reason = FailureLines(outputs) ?? FirstLine(cellResult?.Error ?? ErrorText(outputs) ?? "the cell failed");
                    if (lastCodeProblem is not null && !reason.Contains('✗'))
                        reason = lastCodeProblem + " — so the checks could not run (" + reason + ")";
                    parts.Add(new PartGrade(gradeId, 0, meta.Points, PartStatus.Failed, reason));
                    break;
                default:
                    parts.Add(new PartGrade(gradeId, 0, meta.Points, PartStatus.NotRun,
                        notebookError ?? (timedOutCell is not null
                            ? $"not run: cell {timedOutCell.Number} exceeded the per-cell time limit of {Limits.CellTimeout.TotalSeconds:0} s and the notebook was stopped there"
                            : "not run")));
                    break;
            }
        }
        return parts;
    }

    private static IEnumerable<string> StreamLines(JsonArray? outputs) =>
        outputs is null ? []
        : outputs.OfType<JsonObject>()
            .Where(o => (string?)o["output_type"] == "stream")
            .SelectMany(o => NbTextOf(o["text"]).Split('\n'))
            .Select(l => l.TrimEnd('\r'));

    private static string NbTextOf(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l ?? "")),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };

    private static string PassLines(JsonArray? outputs)
    {
        var passed = StreamLines(outputs).Where(l => l.StartsWith('✓')).ToList();
        return passed.Count > 0 ? string.Join("\n", passed) : "the test cell ran without errors";
    }

    /// <summary>The ✗ lines the checks printed (each names the smallest failing input and a hint).</summary>
    private static string? FailureLines(JsonArray? outputs)
    {
        var failed = StreamLines(outputs).Where(l => l.StartsWith('✗')).Distinct().ToList();
        return failed.Count > 0 ? string.Join("\n", failed) : null;
    }

    private static string? ErrorText(JsonArray? outputs) =>
        outputs?.OfType<JsonObject>().Where(o => (string?)o["output_type"] == "error")
            .Select(o => $"{(string?)o["ename"]}: {(string?)o["evalue"]}").FirstOrDefault();

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
