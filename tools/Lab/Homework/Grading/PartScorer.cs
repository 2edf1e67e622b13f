using RegularizationLab.Lab.Homework.Analysis;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// Turns one sandboxed run into a grade per part. Points come only from the signed results, with per-case partial
/// credit (<see cref="PartialCredit"/>); when a part has no result, the run explains why (an answer cell that failed,
/// the evaluation cell, the time or memory limits). Written answers are listed for hand grading with their rubric.
/// </summary>
public sealed class PartScorer(AssignmentLayout layout, IReadOnlyList<NbgraderCell> parts, GradingLimits limits, Func<string, MatchedSubmission, string> where)
{
    public List<PartGrade> Score(AssembledSubmission assembled, MatchedSubmission matched,
        IReadOnlyDictionary<string, ForbiddenUse> forbidden, SandboxRun run)
    {
        var grades = new List<PartGrade>();
        foreach (var part in parts)
        {
            var location = where(part.GradeId, matched);
            if (part.IsManuallyGraded)
            {
                grades.Add(WrittenAnswer(part, matched, location));
                continue;
            }
            PartGrade Grade(PartStatus status, string reason, double points = 0) => new(part.GradeId, points, part.Points, status, reason, null, location);

            // 1. An answer this part checks used a forbidden API: it never ran.
            var answers = layout.AnswersOf(part.GradeId);
            if (answers.FirstOrDefault(forbidden.ContainsKey) is { } rejected)
                grades.Add(Grade(PartStatus.Failed, $"your answer cell '{rejected}'{CellNumbers(rejected, matched)} was not run: {forbidden[rejected]}"));
            // 2. The signed results of the part's evaluation: the only source of points.
            else if (run.Reports.TryGetValue(part.GradeId, out var report))
                grades.Add(FromReport(part, report, location));
            // 3. No result: explain why, from the run.
            else
                grades.Add(Grade(NoResultStatus(part, assembled, run, answers), NoResultReason(part, assembled, matched, run, answers)));
        }
        return grades;
    }

    /// <summary>A part's grade from its signed evaluation report.</summary>
    public PartGrade FromReport(NbgraderCell part, EvaluationReport report, string? location)
    {
        var failed = report.Checks.Where(c => !c.Passed).ToList();
        if (report.Checks.Count > 0 && failed.Count == 0 && report.Error is null)
            return new(part.GradeId, part.Points, part.Points, PartStatus.Passed, string.Join("\n", report.Checks.Select(c => c.Message)), null, location);
        if (report.Error == "out of memory" || failed.Any(c => c.Message.Contains("OutOfMemory", StringComparison.Ordinal)))
            return new(part.GradeId, 0, part.Points, PartStatus.Failed, OutOfMemory(), null, location);

        double fraction = PartialCredit.Fraction(report.Checks);
        double points = PartialCredit.Points(part.Points, fraction);
        var lines = failed.Select(c => FeedbackText.Clean(c.Message)).ToList();
        if (report.Error is not null && failed.Count == 0)
            lines.Add("the checks stopped with an error: " + FeedbackText.Clean(report.Error));
        if (report.Checks.Count > 0)
            lines.Add(PartialCredit.Describe(report.Checks, part.Points));
        var status = points <= 0 ? PartStatus.Failed : points >= part.Points ? PartStatus.Passed : PartStatus.PartlyPassed;
        return new(part.GradeId, points, part.Points, status, string.Join("\n", lines), null, location);
    }

    private PartGrade WrittenAnswer(NbgraderCell part, MatchedSubmission matched, string location)
    {
        var answer = matched.Answers.GetValueOrDefault(part.GradeId)?.Source.Trim() ?? "";
        bool answered = answer.Length > 0 && answer != HomeworkMarkers.AnswerPlaceholder;
        return new PartGrade(part.GradeId, 0, part.Points, PartStatus.ManualGrading,
            answered ? "written answer: to be graded by hand with its rubric" : "written answer: not answered",
            answered ? answer : null, location, layout.RubricOf(part.GradeId));
    }

    private static PartStatus NoResultStatus(NbgraderCell part, AssembledSubmission assembled, SandboxRun run, IReadOnlyList<string> answers)
    {
        var statusByNumber = run.Result.Cells.ToDictionary(c => c.Number);
        var evaluation = statusByNumber.GetValueOrDefault(assembled.EvaluationCellIndex[part.GradeId] + 1);
        if (FailedAnswer(assembled, run, answers).Status is not null) return PartStatus.Failed;
        return evaluation?.Status switch
        {
            CellStatus.Failed => PartStatus.Failed,
            CellStatus.TimedOut => PartStatus.TimedOut,
            _ => PartStatus.NotRun,
        };
    }

    private string NoResultReason(NbgraderCell part, AssembledSubmission assembled, MatchedSubmission matched, SandboxRun run, IReadOnlyList<string> answers)
    {
        var statusByNumber = run.Result.Cells.ToDictionary(c => c.Number);
        var (id, failedAnswer) = FailedAnswer(assembled, run, answers);
        if (failedAnswer is not null)
            return failedAnswer.Status == CellStatus.TimedOut
                ? $"your answer cell '{id}'{CellNumbers(id!, matched)} did not finish within {limits.CellTimeout.TotalSeconds:0} s (a loop that never ends?)"
                : $"your answer cell '{id}'{CellNumbers(id!, matched)} failed, so its checks could not run: {FeedbackText.FirstLine(failedAnswer.Error)}";
        var evaluation = statusByNumber.GetValueOrDefault(assembled.EvaluationCellIndex[part.GradeId] + 1);
        if (evaluation is { Status: CellStatus.Failed })
            return IsOutOfMemory(evaluation.Error) ? OutOfMemory()
                : $"the checks could not call your code: {FeedbackText.FirstLine(evaluation.Error)} (keep the function names and signatures of the assignment)";
        if (evaluation is { Status: CellStatus.TimedOut })
            return $"the checks of this part did not finish within {limits.CellTimeout.TotalSeconds:0} s (a loop that never ends?)";
        var timedOut = run.Result.Cells.FirstOrDefault(c => c.Status == CellStatus.TimedOut);
        return run.OutOfMemory ? OutOfMemory()
            : run.NotebookError ?? (timedOut is not null
                ? $"not run: a cell exceeded the per-cell time limit of {limits.CellTimeout.TotalSeconds:0} s and the notebook was stopped there"
                : "not run: the notebook ended before this part's checks (did a cell end the program?)");
    }

    /// <summary>The first of the part's answer cells that failed or timed out in the run.</summary>
    private static (string? Id, CellResult? Status) FailedAnswer(AssembledSubmission assembled, SandboxRun run, IReadOnlyList<string> answers)
    {
        var statusByNumber = run.Result.Cells.ToDictionary(c => c.Number);
        var indexById = assembled.GradeIdByCellIndex.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        foreach (var id in answers)
            if (indexById.TryGetValue(id, out var i) && statusByNumber.GetValueOrDefault(i + 1) is { Status: CellStatus.Failed or CellStatus.TimedOut } status)
                return (id, status);
        return (null, null);
    }

    private string OutOfMemory() =>
        $"your code ran out of memory: the grader allows {limits.MemoryMegabytes} MB, and some list or array kept growing (look for a collection that is added to in a loop that does not stop)";

    private static bool IsOutOfMemory(string? error) => error?.Contains("OutOfMemory", StringComparison.Ordinal) == true;

    public static string CellNumbers(string gradeId, MatchedSubmission matched) =>
        matched.Answers.TryGetValue(gradeId, out var answer) ? $" (cell {string.Join(" + ", answer.CellNumbers)} in your notebook)" : " (missing)";
}
