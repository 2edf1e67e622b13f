using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// What the grader needs to know about an assignment, read once from its solution notebook: each cell's heading, the
/// answer cells each test cell checks, the parts a test cell builds on (<c>lab_homework.uses</c>), each answer's
/// forbidden library APIs (<c>lab_homework.forbidden</c>) and model answer, and each written answer's rubric.
/// </summary>
public sealed class AssignmentLayout
{
    private const string ForbiddenReason = "this is the course library's implementation of what this part asks you to write; write it yourself";

    private readonly Dictionary<string, string> _headings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _answersOfPart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string, string)>> _forbidden = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _modelAnswers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<RubricItem>> _rubrics = new(StringComparer.Ordinal);

    public AssignmentLayout(Notebook solution)
    {
        string heading = "";
        var pending = new List<string>();
        foreach (var cell in solution.Cells)
        {
            var meta = NbgraderCell.Read(cell)!;
            var course = cell.Metadata[ExerciseGenerator.MetadataKey] as JsonObject;
            if (cell.Kind == CellKind.Markdown && cell.Source.TrimStart().StartsWith("## ", StringComparison.Ordinal))
                heading = cell.Source.TrimStart()[3..].Split('\n')[0].Trim();
            _headings[meta.GradeId] = heading;
            if (meta.IsManuallyGraded)
                _rubrics[meta.GradeId] = Rubric.Read(cell, meta, $"cell {cell.Number}");
            if (meta.Solution && cell.Kind == CellKind.Code)
            {
                pending.Add(meta.GradeId);
                _forbidden[meta.GradeId] = [.. (course?["forbidden"] as JsonArray ?? []).Select(r => ((string)r!, ForbiddenReason))];
                _modelAnswers[meta.GradeId] = HomeworkMarkers.StripMarkers(cell.Source);
            }
            if (meta.IsAutogradedTest)
            {
                _uses[meta.GradeId] = [.. (course?["uses"] as JsonArray ?? []).Select(u => (string)u!)];
                SubmissionAssembler.CheckCalls(meta.GradeId, HomeworkMarkers.StripMarkers(cell.Source)); // authoring errors now, not per student
                _answersOfPart[meta.GradeId] = [.. pending];
                pending.Clear();
            }
        }
    }

    /// <summary>The heading ("Part 1 · …") above the cell, or "".</summary>
    public string Heading(string gradeId) => _headings.GetValueOrDefault(gradeId) ?? "";

    /// <summary>The answer cells a test cell checks: those since the previous test cell.</summary>
    public IReadOnlyList<string> AnswersOf(string testId) => _answersOfPart.GetValueOrDefault(testId) ?? [];

    /// <summary>Answer cells of earlier parts a test cell's checks also call.</summary>
    public IReadOnlyList<string> Uses(string testId) => _uses.GetValueOrDefault(testId) ?? [];

    /// <summary>The forbidden API prefixes of an answer cell, each with the reason shown to the student.</summary>
    public bool TryGetForbidden(string answerId, out List<(string Api, string Reason)> rules) => _forbidden.TryGetValue(answerId, out rules!);

    public string ModelAnswer(string answerId) => _modelAnswers[answerId];

    /// <summary>The rubric of a hand-graded answer (validated: its points add up to the cell's).</summary>
    public IReadOnlyList<RubricItem> RubricOf(string answerId) => _rubrics.GetValueOrDefault(answerId) ?? [];
}
