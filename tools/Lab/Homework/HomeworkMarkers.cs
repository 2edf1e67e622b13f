using System.Security.Cryptography;
using System.Text;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// The markers of a solution notebook and what the generator does with them:
/// <c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c> becomes a stub that throws <see cref="NotImplementedException"/>
/// (the checks report it as "not implemented yet"), and <c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c> is removed.
/// </summary>
public static class HomeworkMarkers
{
    public const string BeginSolution = "BEGIN SOLUTION";
    public const string EndSolution = "END SOLUTION";
    public const string BeginHiddenTests = "BEGIN HIDDEN TESTS";
    public const string EndHiddenTests = "END HIDDEN TESTS";

    /// <summary>What a Markdown answer cell becomes in the exercise (nbgrader's wording).</summary>
    public const string AnswerPlaceholder = "YOUR ANSWER HERE";

    /// <summary>The stub lines that replace a solution block, indented like its BEGIN marker.</summary>
    public static string[] Stub(string indent) =>
        [$"{indent}// YOUR CODE HERE", $"{indent}throw new NotImplementedException();"];

    /// <summary>True when the code cell contains at least one solution block.</summary>
    public static bool HasSolutionBlock(string source) => Lines(source).Any(l => IsMarker(l, BeginSolution));

    /// <summary>Replaces every solution block with the stub. Throws <see cref="FormatException"/> on unbalanced markers.</summary>
    public static string ReplaceSolutions(string source, string where) =>
        Rewrite(source, where, BeginSolution, EndSolution, indent => Stub(indent));

    /// <summary>Removes every hidden-test block, markers included.</summary>
    public static string RemoveHiddenTests(string source, string where) =>
        Rewrite(source, where, BeginHiddenTests, EndHiddenTests, _ => []);

    /// <summary>Removes the hidden-test blocks, or returns the text unchanged when its markers are unbalanced (untrusted input).</summary>
    public static string RemoveHiddenTestsLenient(string source)
    {
        try { return RemoveHiddenTests(source, "submission"); }
        catch (FormatException) { return source; }
    }

    /// <summary>Drops the marker lines but keeps what they enclose (the instructor's full version of a cell).</summary>
    public static string StripMarkers(string source) =>
        string.Join("\n", Lines(source).Where(l => !(IsMarker(l, BeginSolution) || IsMarker(l, EndSolution)
                                                     || IsMarker(l, BeginHiddenTests) || IsMarker(l, EndHiddenTests))));

    /// <summary>
    /// A checksum of a cell's text that ignores line-ending style and trailing blank space, written "sha256:…".
    /// It is what the grader compares to tell whether a locked cell was edited.
    /// </summary>
    public static string Checksum(string cellType, string source)
    {
        var normalized = cellType + "\n" + string.Join("\n", Lines(source).Select(l => l.TrimEnd())).TrimEnd();
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private static string Rewrite(string source, string where, string begin, string end, Func<string, string[]> replacement)
    {
        var output = new List<string>();
        var lines = Lines(source);
        int? openedAt = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsMarker(line, begin))
            {
                if (openedAt is not null)
                    throw new FormatException($"{where}: line {i + 1} opens '{begin}' inside the block opened on line {openedAt + 1}.");
                openedAt = i;
                output.AddRange(replacement(line[..(line.Length - line.TrimStart().Length)]));
            }
            else if (IsMarker(line, end))
            {
                if (openedAt is null)
                    throw new FormatException($"{where}: line {i + 1} has '{end}' without a matching '{begin}'.");
                openedAt = null;
            }
            else if (openedAt is null)
            {
                output.Add(line);
            }
        }
        if (openedAt is not null)
            throw new FormatException($"{where}: the '{begin}' on line {openedAt + 1} is never closed with '{end}'.");
        return string.Join("\n", output);
    }

    /// <summary>A comment line holding exactly the marker: "// BEGIN SOLUTION" (or "### BEGIN SOLUTION", nbgrader's Python style).</summary>
    private static bool IsMarker(string line, string marker)
    {
        var text = line.Trim();
        if (text.StartsWith("//", StringComparison.Ordinal)) text = text[2..];
        else if (text.StartsWith("###", StringComparison.Ordinal)) text = text[3..];
        else return false;
        return text.Trim().Equals(marker, StringComparison.Ordinal);
    }

    private static string[] Lines(string source) => source.Replace("\r\n", "\n").Split('\n');
}
