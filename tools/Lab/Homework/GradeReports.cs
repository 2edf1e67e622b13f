using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RegularizationLab.Lab.Homework;

/// <summary>What the grader writes: one JSON file and one short feedback file per student, and the class gradebook (CSV).</summary>
public static class GradeReports
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(StudentGrade grade) => JsonSerializer.Serialize(grade, JsonOptions) + "\n";

    public static StudentGrade FromJson(string json) =>
        JsonSerializer.Deserialize<StudentGrade>(json, JsonOptions) ?? throw new InvalidDataException("empty grade file");

    /// <summary>
    /// The class gradebook: one row per student with the total, the maximum, the points of each part, the hand-graded
    /// points still pending and a short note on issues.
    /// </summary>
    public static string Gradebook(IReadOnlyList<StudentGrade> grades, IReadOnlyList<NbgraderCell> parts)
    {
        var text = new StringBuilder();
        var header = new List<string> { "student", "assignment", "score", "max_score", "manual_points_pending" };
        header.AddRange(parts.Select(p => p.GradeId));
        header.Add("notes");
        text.AppendLine(string.Join(",", header.Select(Csv)));
        foreach (var grade in grades.OrderBy(g => g.Student, StringComparer.Ordinal))
        {
            var row = new List<string> { grade.Student, grade.Assignment, Number(grade.Score), Number(grade.MaxScore), Number(grade.ManualPointsPending) };
            foreach (var part in parts)
            {
                var found = grade.Parts.FirstOrDefault(p => p.GradeId == part.GradeId);
                row.Add(found is null ? "" : found.Status == PartStatus.ManualGrading ? "manual" : Number(found.Points));
            }
            var notes = grade.Issues.Select(i => $"{i.GradeId} {i.Kind}").ToList();
            if (grade.NotebookError is not null) notes.Insert(0, grade.NotebookError);
            row.Add(string.Join("; ", notes));
            text.AppendLine(string.Join(",", row.Select(Csv)));
        }
        return text.ToString();
    }

    /// <summary>
    /// A short, friendly feedback file for the student. Rubrics are not in it (their criteria name the answer): they are
    /// in the JSON report and the instructor's <see cref="ManualGradingSheet"/>.
    /// </summary>
    public static string Feedback(StudentGrade grade)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {grade.Assignment}: feedback for {grade.Student}");
        text.AppendLine();
        var manual = grade.ManualPointsPending > 0 ? $" (+ up to {Number(grade.ManualPointsPending)} points for written answers, graded by hand)" : "";
        text.AppendLine($"**Autograded score: {Number(grade.Score)} / {Number(grade.MaxScore)}**{manual}");
        text.AppendLine();
        if (grade.NotebookError is not null)
        {
            text.AppendLine($"⚠️ {grade.NotebookError}.");
            text.AppendLine();
        }
        foreach (var part in grade.Parts)
        {
            var mark = part.Status switch
            {
                PartStatus.Passed => "✓",
                PartStatus.PartlyPassed => "◐",
                PartStatus.ManualGrading => "✎",
                _ => "✗",
            };
            var points = part.Status == PartStatus.ManualGrading ? $"{Number(part.MaxPoints)} points, graded by hand" : $"{Number(part.Points)} / {Number(part.MaxPoints)}";
            text.AppendLine($"- {mark} **{part.Where ?? part.GradeId}** ({points}): {Indent(part.Status == PartStatus.Passed ? "all checks and hidden tests passed." : part.Reason)}");
        }
        if (grade.Issues.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("**Cells that differ from the assignment** (locked cells were restored before grading):");
            foreach (var issue in grade.Issues)
                text.AppendLine($"- {issue.GradeId}: {issue.Detail}");
        }
        return text.ToString();
    }

    /// <summary>
    /// The instructor's sheet for the written answers of a class: for each hand-graded part, its rubric, then every
    /// student's answer with the rubric's criteria as boxes to tick (the points of the ticked boxes are the grade).
    /// </summary>
    public static string ManualGradingSheet(IReadOnlyList<StudentGrade> grades, IReadOnlyList<NbgraderCell> parts)
    {
        var text = new StringBuilder();
        var written = parts.Where(p => p.IsManuallyGraded).ToList();
        text.AppendLine($"# Written answers to grade by hand ({grades.FirstOrDefault()?.Assignment ?? "no submissions"})");
        text.AppendLine();
        if (written.Count == 0) text.AppendLine("This assignment has no hand-graded parts.");
        foreach (var part in written)
        {
            var rubric = grades.SelectMany(g => g.Parts).FirstOrDefault(p => p.GradeId == part.GradeId && p.Rubric is { Count: > 0 })?.Rubric ?? [];
            text.AppendLine($"## {part.GradeId} ({Number(part.Points)} points)");
            text.AppendLine();
            text.AppendLine("Rubric (the points of the criteria met add up to the grade):");
            foreach (var item in rubric)
                text.AppendLine($"- {item.Criterion} ({Number(item.Points)})");
            foreach (var grade in grades.OrderBy(g => g.Student, StringComparer.Ordinal))
            {
                var found = grade.Parts.FirstOrDefault(p => p.GradeId == part.GradeId);
                text.AppendLine();
                text.AppendLine($"### {grade.Student}");
                text.AppendLine();
                if (found?.Answer is not { } answer)
                {
                    text.AppendLine("(not answered: 0 points)");
                    continue;
                }
                foreach (var line in answer.Split('\n'))
                    text.AppendLine("> " + line.TrimEnd('\r'));
                text.AppendLine();
                foreach (var item in rubric)
                    text.AppendLine($"- [ ] {item.Criterion} ({Number(item.Points)})");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Indent(string text) => text.Replace("\n", "\n  ");

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
