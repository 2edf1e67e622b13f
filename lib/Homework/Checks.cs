namespace RegularizationLab.Homework;

/// <summary>
/// The homework checks students call in their notebooks (one method per exercise, in the partial files
/// Checks.*.cs), and the session summary. Each check prints one line and returns its <see cref="CheckResult"/>;
/// it never throws in a student's notebook. While grading (after <see cref="EnterGradingMode"/>) a failing check
/// throws <see cref="CheckFailedException"/> so that its graded cell earns no points.
/// </summary>
public static partial class Checks
{
    private static readonly object Gate = new();
    private static readonly Dictionary<(string Name, CheckKind Kind), CheckResult> Latest = [];

    private static volatile bool gradingMode;

    /// <summary>Where check lines go; null means the console (which the notebook shows under the cell). For tests.</summary>
    internal static TextWriter? Output { get; set; }

    /// <summary>Forces grading mode on or off regardless of the latch (tests only).</summary>
    internal static bool? GradingOverride { get; set; }

    /// <summary>
    /// True while grading: failing checks throw <see cref="CheckFailedException"/>. Grading is on after
    /// <see cref="EnterGradingMode"/>, and whenever nbgrader executes the notebook (it sets <c>NBGRADER_EXECUTION</c> to
    /// <c>autograde</c> or <c>validate</c>), so that a failing check costs its grade cell's points there as well.
    /// </summary>
    public static bool Grading => GradingOverride ?? (gradingMode || UnderNbgrader);

    /// <summary>True when nbgrader is executing the notebook to grade or validate it.</summary>
    public static bool UnderNbgrader =>
        Environment.GetEnvironmentVariable("NBGRADER_EXECUTION") is "autograde" or "validate";

    /// <summary>
    /// Switches this session to grading mode for good: from now on a failing check throws, so its graded cell earns no
    /// points. The grader runs this in a cell of its own right after the setup cell; there is deliberately no way back.
    /// </summary>
    public static void EnterGradingMode() => gradingMode = true;

    /// <summary>Prints the result's line, remembers it for <see cref="Summary"/>, and throws while grading if it failed.</summary>
    public static CheckResult Report(CheckResult result)
    {
        lock (Gate) Latest[(result.Name, result.Kind)] = result;
        (Output ?? Console.Out).WriteLine(result.Message);
        if (Grading && !result.Passed) throw new CheckFailedException(result);
        return result;
    }

    /// <summary>Forgets the results so far (a fresh summary).</summary>
    public static void Reset()
    {
        lock (Gate) Latest.Clear();
    }

    /// <summary>
    /// Prints how many public checks pass (the latest run of each) and reminds the student that hidden tests run at
    /// grading. Returns the text.
    /// </summary>
    public static string Summary()
    {
        List<CheckResult> results;
        lock (Gate) results = [.. Latest.Values];
        var publicResults = results.Where(r => r.Kind == CheckKind.Public).ToList();
        var open = publicResults.Where(r => !r.Passed).Select(r => $"{r.Name} ({Describe(r.Status)})").ToList();
        string text =
            $"Public checks: {publicResults.Count(r => r.Passed)} of {publicResults.Count} passed" +
            (open.Count > 0 ? $"; still open: {string.Join(", ", open)}." : ".") + Environment.NewLine +
            "Hidden tests run at grading: they use other random inputs and more edge cases, so write code that is " +
            "right in general, not just for the cases above.";
        (Output ?? Console.Out).WriteLine(text);
        return text;
    }

    private static string Describe(CheckStatus status) => status switch
    {
        CheckStatus.NotImplemented => "not implemented yet",
        CheckStatus.TimedOut => "timed out",
        _ => "failing",
    };
}
