using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>A student's answer to one answer cell: its text, the editor's cell numbers it came from, and how it was found.</summary>
public sealed record MatchedAnswer(string GradeId, string Source, IReadOnlyList<int> CellNumbers, string How);

/// <summary>A code cell of the student's that belongs to no part of the assignment; it runs after <see cref="After"/>.</summary>
public sealed record ExtraCell(int CellNumber, string Source, string After);

/// <summary>What was found in a submission, cell by cell.</summary>
public sealed record MatchedSubmission(
    IReadOnlyDictionary<string, MatchedAnswer> Answers,
    IReadOnlyDictionary<string, int> LockedCellNumbers,
    IReadOnlyList<ExtraCell> Extras,
    IReadOnlyList<CellIssue> Issues,
    int Recognised)
    // Recognised: how many of the assignment's cells were recognised (0: not this assignment; see Recognised below).
{
    /// <summary>The student's editor number of a cell of the assignment (answer or locked), if it was found.</summary>
    public int? CellNumber(string gradeId) =>
        Answers.TryGetValue(gradeId, out var answer) && answer.CellNumbers.Count > 0 ? answer.CellNumbers[0]
        : LockedCellNumbers.TryGetValue(gradeId, out var number) ? number : null;
}

/// <summary>
/// Finds the assignment's cells in a submission, robustly: first by nbgrader grade id; then locked cells by their
/// checksum (editors and copy-paste lose metadata); then every answer not found by id is taken from the cells that sit
/// between its locked neighbours (several such cells — an answer split in two — are joined in order). Whatever is left
/// is an extra cell: it runs where the student put it, and the feedback says so.
/// </summary>
public static class SubmissionMatcher
{
    public static MatchedSubmission Match(Notebook exercise, Notebook submission)
    {
        var issues = new List<CellIssue>();
        var layout = exercise.Cells.Select(c => (Cell: c, Meta: NbgraderCell.Read(c)!)).ToList();
        var ids = layout.Select(l => l.Meta.GradeId).ToHashSet(StringComparer.Ordinal);
        var lockedByChecksum = layout.Where(l => l.Meta.IsProtected)
            .GroupBy(l => HomeworkMarkers.Checksum(ExerciseGenerator.CellType(l.Cell), l.Cell.Source))
            .ToDictionary(g => g.Key, g => g.First().Meta.GradeId, StringComparer.Ordinal);

        // Pass 1: grade ids, then checksums of locked cells.
        var owner = new string?[submission.Cells.Count];
        var found = new Dictionary<string, int>(StringComparer.Ordinal); // grade id → submission index
        var how = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < submission.Cells.Count; i++)
        {
            var id = NbgraderCell.Read(submission.Cells[i])?.GradeId;
            if (id is null || !ids.Contains(id)) continue;
            if (found.ContainsKey(id))
            {
                issues.Add(new CellIssue(id, "duplicated", $"cell {i + 1} repeats the grade id '{id}' of cell {found[id] + 1}; cell {found[id] + 1} was used"));
                owner[i] = "";
                continue;
            }
            found[id] = i;
            owner[i] = id;
            how[id] = "by its grade id";
        }
        for (int i = 0; i < submission.Cells.Count; i++)
        {
            if (owner[i] is not null) continue;
            var cell = submission.Cells[i];
            if (lockedByChecksum.TryGetValue(HomeworkMarkers.Checksum(ExerciseGenerator.CellType(cell), cell.Source), out var id) && !found.ContainsKey(id))
            {
                found[id] = i;
                owner[i] = id;
                how[id] = "by its checksum";
            }
        }

        // Pass 2: answers not found by id, from the unclaimed cells between their locked neighbours.
        var answers = new Dictionary<string, MatchedAnswer>(StringComparer.Ordinal);
        for (int k = 0; k < layout.Count; k++)
        {
            var (cell, meta) = layout[k];
            if (!meta.Solution) continue;
            if (found.TryGetValue(meta.GradeId, out var at))
            {
                answers[meta.GradeId] = new(meta.GradeId, submission.Cells[at].Source, [at + 1], $"cell {at + 1}, {how[meta.GradeId]}");
                continue;
            }
            int before = Enumerable.Range(0, k).Reverse().Select(j => found.GetValueOrDefault(layout[j].Meta.GradeId, -1)).FirstOrDefault(j => j >= 0, -1);
            int after = Enumerable.Range(k + 1, layout.Count - k - 1).Select(j => found.GetValueOrDefault(layout[j].Meta.GradeId, -1)).FirstOrDefault(j => j >= 0, submission.Cells.Count);
            var candidates = Enumerable.Range(before + 1, Math.Max(0, after - before - 1))
                .Where(j => owner[j] is null && submission.Cells[j].Kind == cell.Kind && submission.Cells[j].Source.Trim().Length > 0)
                .ToList();
            if (candidates.Count == 0)
            {
                issues.Add(new CellIssue(meta.GradeId, "missing", "the answer cell was not found; it was graded as unanswered"));
                continue;
            }
            foreach (var j in candidates) owner[j] = meta.GradeId;
            var numbers = candidates.Select(j => j + 1).ToList();
            var joined = string.Join("\n\n", candidates.Select(j => submission.Cells[j].Source));
            var where = numbers.Count == 1 ? $"cell {numbers[0]}" : $"cells {string.Join(" and ", numbers)}, joined in order";
            answers[meta.GradeId] = new(meta.GradeId, joined, numbers, $"{where}, by its position between the locked cells around it (it has no grade id)");
        }

        // Locked cells: deleted or edited ones are restored (the grader always uses its own copy).
        var lockedNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (cell, meta) in layout.Where(l => l.Meta.IsProtected))
        {
            var expected = HomeworkMarkers.Checksum(ExerciseGenerator.CellType(cell), cell.Source);
            if (!found.TryGetValue(meta.GradeId, out var at))
            {
                issues.Add(new CellIssue(meta.GradeId, "deleted", $"the locked cell was deleted or could not be found (expected {Short(expected)}); the original was used"));
                continue;
            }
            lockedNumbers[meta.GradeId] = at + 1;
            var submitted = submission.Cells[at];
            var checksum = HomeworkMarkers.Checksum(ExerciseGenerator.CellType(submitted), submitted.Source);
            if (checksum != expected && !IsInstructorsOwn(cell, submitted))
                issues.Add(new CellIssue(meta.GradeId, "modified", $"the locked cell {at + 1} was edited (checksum {Short(checksum)} instead of {Short(expected)}); the original was used"));
        }

        // Whatever code is left runs where the student put it: after the last cell of the assignment above it.
        var extras = new List<ExtraCell>();
        string anchor = "";
        for (int i = 0; i < submission.Cells.Count; i++)
        {
            if (owner[i] is { Length: > 0 } id) { anchor = id; continue; }
            if (owner[i] is not null) continue;
            var cell = submission.Cells[i];
            if (cell.Kind != CellKind.Code || cell.Source.Trim().Length == 0) continue;
            extras.Add(new ExtraCell(i + 1, cell.Source, anchor));
            issues.Add(new CellIssue(anchor.Length == 0 ? "(start)" : anchor, "extra",
                $"cell {i + 1} is not part of the assignment; it was run {(anchor.Length == 0 ? "at the start" : $"after '{anchor}'")}, where you put it"));
        }
        return new(answers, lockedNumbers, extras, issues, Recognised(layout, found, how));
    }

    /// <summary>
    /// How many of the assignment's cells were recognised: the answer and test cells found by their (assignment-specific)
    /// grade ids, plus the locked cells found with their exact text — the latter only when at least a quarter of them are,
    /// since generic cells (a setup cell, "Checks.Summary();") also appear in other assignments. 0: not this assignment.
    /// </summary>
    private static int Recognised(List<(NotebookCell Cell, NbgraderCell Meta)> layout, Dictionary<string, int> found, Dictionary<string, string> how)
    {
        int parts = layout.Count(l => (l.Meta.Solution || l.Meta.Grade) && found.ContainsKey(l.Meta.GradeId));
        var locked = layout.Where(l => l.Meta.IsProtected && !l.Meta.Grade).ToList();
        int byText = locked.Count(l => found.ContainsKey(l.Meta.GradeId) && how[l.Meta.GradeId] == "by its checksum");
        int byIdAndText = locked.Count(l => found.ContainsKey(l.Meta.GradeId) && how[l.Meta.GradeId] != "by its checksum");
        int lockedFound = byText + byIdAndText;
        return parts + (4 * lockedFound >= locked.Count && parts + byText > 0 ? lockedFound : 0);
    }

    /// <summary>Grading a solution is a self-test: the instructor's full version of a locked cell is not an edit.</summary>
    private static bool IsInstructorsOwn(NotebookCell exerciseCell, NotebookCell submitted) =>
        HomeworkMarkers.HasSolutionBlock(submitted.Source) || submitted.Source.Contains(HomeworkMarkers.BeginHiddenTests, StringComparison.Ordinal)
            ? HomeworkMarkers.Checksum(ExerciseGenerator.CellType(submitted), HomeworkMarkers.RemoveHiddenTestsLenient(submitted.Source))
              == HomeworkMarkers.Checksum(ExerciseGenerator.CellType(exerciseCell), exerciseCell.Source)
            : false;

    private static string Short(string checksum) => checksum.Length > 19 ? checksum[..19] + "…" : checksum;
}
