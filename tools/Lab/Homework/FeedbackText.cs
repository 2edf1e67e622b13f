using System.Text.RegularExpressions;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// Makes a runtime message fit for a student's feedback: no stack traces, no paths of the grader's machine or sandbox,
/// no compiler-generated names.
/// </summary>
public static partial class FeedbackText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "(no message)";
        var lines = text.Replace("\r\n", "\n").Split('\n')
            .Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.Contains("--- End of", StringComparison.Ordinal))
            .Select(l => AbsolutePath().Replace(l, m => "…/" + Path.GetFileName(m.Value.TrimEnd(':', ')', ','))))
            .Select(l => l.Replace("Submission#", "cell ", StringComparison.Ordinal));
        return string.Join("\n", lines).Trim();
    }

    public static string FirstLine(string? text) => Clean(text).Split('\n')[0].Trim();

    [GeneratedRegex(@"(?<![\w.])/(?:[\w.@+-]+/)+[\w.@+-]*")]
    private static partial Regex AbsolutePath();
}
