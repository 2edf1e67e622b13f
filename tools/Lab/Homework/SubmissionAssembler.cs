using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>Something about a submission's cells the instructor should know (an edited or deleted locked cell, …).</summary>
public sealed record CellIssue(string GradeId, string Kind, string Detail);

/// <summary>The notebook that is actually run for a student, and what was found while building it.</summary>
public sealed record AssembledSubmission(Notebook Notebook, IReadOnlyList<CellIssue> Issues, IReadOnlyDictionary<int, string> GradeIdByCellIndex);

/// <summary>
/// Builds the notebook to grade from the solution notebook (trusted) and a submission (untrusted): the student's
/// answer cells, matched by nbgrader grade_id, go into the solution notebook's structure; every protected cell —
/// instructions, setup, and the test cells, now WITH their hidden tests — comes from the solution. Protected cells that
/// the student modified or deleted are reported by checksum; missing answer cells are graded as unanswered (the stub).
/// Extra cells the student added are kept after the cell they followed.
/// </summary>
public static class SubmissionAssembler
{
    public static AssembledSubmission Assemble(Notebook solution, Notebook exercise, Notebook submission)
    {
        var issues = new List<CellIssue>();
        var byId = new Dictionary<string, NotebookCell>(StringComparer.Ordinal);
        var extrasAfter = new Dictionary<string, List<NotebookCell>>(StringComparer.Ordinal);
        string anchor = "";
        foreach (var cell in submission.Cells)
        {
            var id = NbgraderCell.Read(cell)?.GradeId;
            if (id is not null && !byId.ContainsKey(id))
            {
                byId[id] = cell;
                anchor = id;
            }
            else if (id is not null)
            {
                issues.Add(new CellIssue(id, "duplicated", $"cell {cell.Number} repeats the id '{id}'; the first copy was used"));
            }
            else if (cell.Kind == CellKind.Code && cell.Source.Trim().Length > 0)
            {
                (extrasAfter.TryGetValue(anchor, out var list) ? list : extrasAfter[anchor] = []).Add(cell);
            }
        }

        var exerciseById = exercise.Cells.ToDictionary(c => NbgraderCell.Read(c)!.GradeId, StringComparer.Ordinal);
        var assembled = solution.Clone();
        var cells = new JsonArray();
        var gradeIds = new Dictionary<int, string>();
        void Add(JsonObject json, string? id)
        {
            if (id is not null) gradeIds[cells.Count] = id;
            cells.Add(json);
        }

        bool gradingModeAdded = false;
        foreach (var extra in extrasAfter.GetValueOrDefault("") ?? [])
            Add(Clean(extra.Json), null);
        foreach (var cell in assembled.Cells)
        {
            var meta = NbgraderCell.Read(cell)!;
            var exerciseCell = exerciseById[meta.GradeId];
            byId.TryGetValue(meta.GradeId, out var submitted);
            var json = (JsonObject)cell.Json.DeepClone();
            if (meta.Solution)
            {
                if (submitted is null)
                {
                    issues.Add(new CellIssue(meta.GradeId, "missing", "the answer cell is missing; it was graded as unanswered"));
                    json["source"] = exerciseCell.Json["source"]?.DeepClone();
                }
                else
                {
                    json["source"] = new NotebookCell(Clean(submitted.Json), 0).Json["source"]?.DeepClone();
                }
            }
            else
            {
                // The full instructor version (hidden tests included), whatever the submission holds.
                json["source"] = NbText.ToLines(HomeworkMarkers.StripMarkers(cell.Source));
                var expected = HomeworkMarkers.Checksum(ExerciseGenerator.CellType(exerciseCell), exerciseCell.Source);
                // The instructor's own version (hidden tests included) is not an edit either: grading a solution is a self-test.
                var instructors = HomeworkMarkers.Checksum(ExerciseGenerator.CellType(cell), cell.Source);
                if (submitted is null)
                    issues.Add(new CellIssue(meta.GradeId, "deleted", $"the locked cell was deleted (expected {Short(expected)}); the original was restored"));
                else if (HomeworkMarkers.Checksum(ExerciseGenerator.CellType(submitted), submitted.Source) is var found && found != expected && found != instructors)
                    issues.Add(new CellIssue(meta.GradeId, "modified", $"the locked cell was edited (checksum {Short(found)} instead of {Short(expected)}); the original was restored"));
            }
            if (json["cell_type"]?.GetValue<string>() == "code")
            {
                json["outputs"] = new JsonArray();
                json["execution_count"] = null;
            }
            if (meta.IsAutogradedTest)
                json["source"] = NbText.ToLines(QualifyCheckCalls(new NotebookCell(json, 0).Source));
            Add(json, meta.GradeId);
            if (!gradingModeAdded && IsSetupCell(json))
            {
                Add(GradingModeCell(), null);
                gradingModeAdded = true;
            }
            foreach (var extra in extrasAfter.GetValueOrDefault(meta.GradeId) ?? [])
                Add(Clean(extra.Json), null);
        }
        if (!gradingModeAdded)
            throw new FormatException("the solution notebook has no setup cell that loads Course.dll (#r \".../Course.dll\"), so grading mode cannot be switched on.");
        assembled.Root["cells"] = cells;
        return new AssembledSubmission(Notebook.Parse(assembled.ToJson()), issues, gradeIds);
    }

    /// <summary>The first code cell that loads the course library: grading mode is switched on right after it.</summary>
    private static bool IsSetupCell(JsonObject cell) =>
        (string?)cell["cell_type"] == "code" && new NotebookCell(cell, 0).Source.Contains("Course.dll", StringComparison.Ordinal);

    /// <summary>The cell the grader adds: from here on, a failing check throws, so its test cell earns no points.</summary>
    private static JsonObject GradingModeCell() => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(),
        ["source"] = NbText.ToLines("// Added by `lab grade`: failing checks now throw, so their test cell earns no points.\nglobal::RegularizationLab.Homework.Checks.EnterGradingMode();"),
    };

    /// <summary>
    /// Test cells call <c>Checks.…</c>; a class named Checks defined in a student's cell would take precedence over the
    /// library's, so at grading every call is spelled out in full.
    /// </summary>
    public static string QualifyCheckCalls(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"(?<![\w.:])(Checks|CheckOptions)\.", "global::RegularizationLab.Homework.$1.");

    /// <summary>A copy of a submitted cell without outputs, so old outputs cannot be mistaken for new ones.</summary>
    private static JsonObject Clean(JsonObject cell)
    {
        var copy = (JsonObject)cell.DeepClone();
        if ((string?)copy["cell_type"] == "code")
        {
            copy["outputs"] = new JsonArray();
            copy["execution_count"] = null;
        }
        if (copy["source"] is null) copy["source"] = "";
        return copy;
    }

    private static string Short(string checksum) => checksum.Length > 19 ? checksum[..19] + "…" : checksum;
}
