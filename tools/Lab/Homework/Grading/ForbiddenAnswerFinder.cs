using RegularizationLab.Lab.Homework.Analysis;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// Finds the student's cells that must not run: answers that call their own part's library implementation, and any
/// answer or extra cell that uses reflection, files, processes or the checks (<see cref="AnswerCodeAnalyzer"/>).
/// </summary>
public sealed class ForbiddenAnswerFinder(AssignmentLayout layout, string courseRoot)
{
    /// <summary>Forbidden uses by answer grade id, or by "#N" for the student's extra cell N.</summary>
    public Dictionary<string, ForbiddenUse> Find(AssembledSubmission draft, MatchedSubmission matched)
    {
        var cells = new List<AnalyzedCell>();
        var owners = new List<string?>();
        int firstEvaluation = draft.EvaluationCellIndex.Values.DefaultIfEmpty(draft.Notebook.Cells.Count).Min();
        for (int i = 0; i < firstEvaluation; i++)
        {
            var cell = draft.Notebook.Cells[i];
            string? owner = draft.ExtraCellNumberByIndex.TryGetValue(i, out var number) ? "#" + number
                : draft.GradeIdByCellIndex.TryGetValue(i, out var id) && matched.Answers.ContainsKey(id) && layout.TryGetForbidden(id, out _) ? id : null;
            owners.Add(owner);
            cells.Add(new AnalyzedCell(cell.Kind == CellKind.Code ? cell.Source : "", owner is not null,
                owner is not null && layout.TryGetForbidden(owner, out var rules) ? rules : []));
        }
        var analyzer = new AnswerCodeAnalyzer(Path.Combine(courseRoot, "bin", "course", "Course.dll"));
        var findings = analyzer.Analyze(cells);
        var result = new Dictionary<string, ForbiddenUse>(StringComparer.Ordinal);
        for (int i = 0; i < findings.Count; i++)
            if (findings[i] is { } use && owners[i] is { } owner)
                result[owner] = use;
        return result;
    }

    /// <summary>The extra cells' numbers among the forbidden keys.</summary>
    public static HashSet<int> ExtraCells(IReadOnlyDictionary<string, ForbiddenUse> forbidden) =>
        forbidden.Keys.Where(k => k.StartsWith('#')).Select(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>The answer cells among the forbidden keys.</summary>
    public static HashSet<string> AnswerCells(IReadOnlyDictionary<string, ForbiddenUse> forbidden) =>
        forbidden.Keys.Where(k => !k.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
}
