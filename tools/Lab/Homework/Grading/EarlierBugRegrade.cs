using RegularizationLab.Lab.Homework.Analysis;
using System.Security.Cryptography;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// A part is not charged for a bug in an earlier part it builds on (its test cell's <c>lab_homework.uses</c>): when it
/// lost points and an answer it uses belongs to a part that lost points, it is run again, in a fresh sandbox, with the
/// model answer in place of that earlier answer only. If it then earns more, it keeps the better score and the
/// feedback says why.
/// </summary>
public sealed class EarlierBugRegrade(Grader grader, AssignmentLayout layout, PartScorer scorer)
{
    public async Task<List<PartGrade>> ApplyAsync(List<PartGrade> parts, MatchedSubmission matched,
        IReadOnlyDictionary<string, ForbiddenUse> forbidden, CancellationToken cancellationToken)
    {
        static bool LostPoints(PartGrade p) => p.Status is PartStatus.Failed or PartStatus.PartlyPassed or PartStatus.TimedOut;
        var failedAnswers = parts.Where(LostPoints).SelectMany(p => layout.AnswersOf(p.GradeId)).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Status is not (PartStatus.Failed or PartStatus.PartlyPassed)) continue;
            var own = layout.AnswersOf(part.GradeId);
            var culprits = layout.Uses(part.GradeId).Where(failedAnswers.Contains).Except(own).ToList();
            if (culprits.Count == 0 || own.Any(forbidden.ContainsKey) || own.Any(id => !matched.Answers.ContainsKey(id))) continue;

            var answers = matched.Answers.ToDictionary(StringComparer.Ordinal);
            foreach (var id in culprits)
                answers[id] = new MatchedAnswer(id, layout.ModelAnswer(id), [], "the model answer, for this regrade only");
            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var rejected = ForbiddenAnswerFinder.AnswerCells(forbidden);
            rejected.ExceptWith(culprits);
            var assembled = grader.Assemble(matched with { Answers = answers }, rejected, ForbiddenAnswerFinder.ExtraCells(forbidden), key);
            var rerun = await grader.RunAsync(assembled, key, cancellationToken).ConfigureAwait(false);
            if (!rerun.Reports.TryGetValue(part.GradeId, out var report)) continue;
            var regraded = scorer.FromReport(grader.Parts.Single(p => p.GradeId == part.GradeId), report, part.Where);
            if (regraded.Points <= part.Points) continue;
            var names = string.Join(", ", culprits.Select(c => $"'{c}'"));
            parts[i] = regraded with
            {
                Reason = regraded.Status == PartStatus.Passed
                    ? $"passes with a correct {names} in place of yours: this part's own code is right, and the bug in {names} "
                      + $"already cost its own part (with yours it failed: {part.Reason.Split('\n')[0]})"
                    : $"with a correct {names} in place of yours this part earns {Rubric.Number(regraded.Points)} instead of {Rubric.Number(part.Points)} "
                      + $"(the bug in {names} already cost its own part):\n{regraded.Reason}",
            };
        }
        return parts;
    }
}
