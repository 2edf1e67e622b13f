using System.Globalization;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>One criterion of a hand-graded answer's rubric and the points it is worth.</summary>
public sealed record RubricItem(double Points, string Criterion);

/// <summary>
/// The rubric of a written answer: a hand-graded Markdown cell (nbgrader <c>grade</c> and <c>solution</c>) carries
/// <c>"lab_homework": {"rubric": [{"points": n, "criterion": "…"}, …]}</c> in its metadata, and the criteria's points
/// add up to the cell's nbgrader points, so that two graders who tick the same criteria give the same grade. The
/// rubric lives in the solution only (the exercise generator removes it: criteria name the answer).
/// </summary>
public static class Rubric
{
    public const string Key = "rubric";

    /// <summary>The cell's rubric (empty for a cell that is not graded by hand).</summary>
    /// <exception cref="FormatException">A hand-graded cell without a rubric, a malformed criterion, or points that do not add up.</exception>
    public static IReadOnlyList<RubricItem> Read(NotebookCell cell, NbgraderCell meta, string where)
    {
        var node = (cell.Metadata[ExerciseGenerator.MetadataKey] as JsonObject)?[Key];
        if (!meta.IsManuallyGraded)
        {
            if (node is not null) throw new FormatException($"{where} ('{meta.GradeId}') has a rubric but is not a hand-graded answer cell (nbgrader grade and solution).");
            return [];
        }
        if (node is not JsonArray items || items.Count == 0)
            throw new FormatException($"{where}: the hand-graded answer '{meta.GradeId}' ({Number(meta.Points)} points) needs a rubric: "
                                      + "\"lab_homework\": {\"rubric\": [{\"points\": n, \"criterion\": \"...\"}, ...]} in its metadata.");
        var rubric = new List<RubricItem>();
        foreach (var item in items)
        {
            double? points = item?["points"] is JsonValue p && p.TryGetValue<double>(out var value) && double.IsFinite(value) && value > 0 ? value : null;
            string? criterion = item?["criterion"] is JsonValue c && c.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
            if (points is null || criterion is null)
                throw new FormatException($"{where}: rubric item {rubric.Count + 1} of '{meta.GradeId}' must have \"points\" (a positive number) and \"criterion\" (text); found {item?.ToJsonString() ?? "null"}.");
            rubric.Add(new RubricItem(points.Value, criterion));
        }
        double total = rubric.Sum(r => r.Points);
        if (Math.Abs(total - meta.Points) > 1e-9)
            throw new FormatException($"{where}: the rubric of '{meta.GradeId}' adds up to {Number(total)} points, but the cell is worth {Number(meta.Points)} (nbgrader \"points\"); make them equal.");
        return rubric;
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
