using System.Globalization;

namespace RegularizationLab.Homework;

/// <summary>
/// How close an answer must be to the reference: |got − expected| ≤ max(Relative·|expected|, Absolute).
/// The absolute floor only matters where the expected value is (nearly) zero, where a relative error is undefined.
/// </summary>
public readonly record struct Tolerance(double Relative, double Absolute)
{
    /// <summary>For closed-form answers computed the same way as the reference: relative error ≤ 1e-9.</summary>
    public static Tolerance Exact { get; } = new(1e-9, 1e-12);

    /// <summary>For iterative answers (a training loop) whose rounding may differ from the reference: 1e-6.</summary>
    public static Tolerance Iterative { get; } = new(1e-6, 1e-9);

    public bool Accepts(double expected, double got)
    {
        if (double.IsNaN(expected)) return double.IsNaN(got);
        if (double.IsInfinity(expected)) return got == expected;
        if (!double.IsFinite(got)) return false;
        return Math.Abs(got - expected) <= Math.Max(Relative * Math.Abs(expected), Absolute);
    }

    /// <summary>The relative error |got − expected| / |expected| (the absolute error where expected is 0).</summary>
    public static double RelativeError(double expected, double got)
    {
        double difference = Math.Abs(got - expected);
        return expected == 0 ? difference : difference / Math.Abs(expected);
    }

    /// <summary>Read aloud in a passing line: "relative error ≤ 1e-09".</summary>
    public string Describe() =>
        "relative error ≤ " + Relative.ToString("0.#e+0", CultureInfo.InvariantCulture);
}
