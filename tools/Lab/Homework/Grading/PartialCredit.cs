using System.Globalization;

namespace RegularizationLab.Lab.Homework;

/// <summary>
/// Per-test-case partial credit, computed by the grader from the signed check results (never inside the sandbox):
/// a part earns points × the mean, over its checks (public and hidden alike, each weighted equally), of the fraction
/// of that check's cases that passed. A passed check counts 1; a failed one (Cases − FailedCases) / Cases; a check
/// that is not implemented, timed out, or threw before reporting its cases counts 0. Points are rounded to 0.01.
/// </summary>
public static class PartialCredit
{
    /// <summary>The fraction of one check's cases that passed, by the rules above.</summary>
    public static double Fraction(EvaluatedCheck check) => check.Status switch
    {
        "Passed" => 1,
        "Failed" when check.Cases > 0 => Math.Clamp((check.Cases - check.FailedCases) / (double)check.Cases, 0, 1),
        _ => 0,
    };

    /// <summary>The fraction of a part's points its checks earn (0 for a part with no checks).</summary>
    public static double Fraction(IReadOnlyList<EvaluatedCheck> checks) => checks.Count == 0 ? 0 : checks.Average(Fraction);

    public static double Points(double maxPoints, double fraction) => Math.Round(maxPoints * fraction, 2, MidpointRounding.AwayFromZero);

    /// <summary>"7 of 9 cases passed → 1.56 / 2" with one line per check, for the feedback.</summary>
    public static string Describe(IReadOnlyList<EvaluatedCheck> checks, double maxPoints)
    {
        int cases = checks.Sum(c => c.Cases), passed = checks.Sum(c => (int)Math.Round(Fraction(c) * c.Cases));
        double points = Points(maxPoints, Fraction(checks));
        string perCheck = checks.Count > 1 ? $" (the mean of {checks.Count} checks' pass rates, each check weighing the same)" : "";
        return string.Create(CultureInfo.InvariantCulture, $"partial credit: {passed} of {cases} cases passed → {Rubric.Number(points)} / {Rubric.Number(maxPoints)}{perCheck}");
    }
}
