namespace RegularizationLab.Homework;

/// <summary>Ready-made comparisons for <see cref="FunctionCheck{TInput, TOutput}.Compare"/>.</summary>
public static class Compare
{
    public static Mismatch? Scalar(double expected, double got, Tolerance tolerance)
    {
        if (tolerance.Accepts(expected, got)) return null;
        string detail = double.IsFinite(got)
            ? $"relative error {Show.Error(Tolerance.RelativeError(expected, got))} > {Show.Error(tolerance.Relative)}"
            : "not a finite number: look for 0/0, ∞ − ∞ or the square root of a negative number";
        return new Mismatch(Show.Number(expected), Show.Number(got), detail);
    }

    /// <summary>Entry by entry; names the worst entry so the student knows where to look.</summary>
    public static Mismatch? Vector(IReadOnlyList<double> expected, IReadOnlyList<double> got, Tolerance tolerance)
    {
        if (got.Count != expected.Count)
            return new Mismatch(Show.Vector(expected), Show.Vector(got),
                $"length {got.Count} instead of {expected.Count}");
        int worst = -1;
        double worstError = -1;
        int wrongEntries = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            if (tolerance.Accepts(expected[i], got[i])) continue;
            wrongEntries++;
            double error = double.IsFinite(got[i]) ? Tolerance.RelativeError(expected[i], got[i]) : double.PositiveInfinity;
            if (error > worstError) (worst, worstError) = (i, error);
        }
        if (worst < 0) return null;
        return new Mismatch(Show.Vector(expected), Show.Vector(got),
            $"{wrongEntries} of {expected.Count} entries wrong; worst is entry {worst}: expected {Show.Number(expected[worst])}, " +
            $"got {Show.Number(got[worst])}, relative error {(double.IsFinite(worstError) ? Show.Error(worstError) : "∞")} > {Show.Error(tolerance.Relative)}");
    }

    /// <summary>True when got = factor · expected entry by entry (used to recognise a missing scale or a flipped sign).</summary>
    public static bool IsMultipleOf(IReadOnlyList<double> expected, IReadOnlyList<double> got, double factor, double relative = 1e-9)
    {
        if (got.Count != expected.Count) return false;
        bool anyNonZero = false;
        for (int i = 0; i < expected.Count; i++)
        {
            double scaled = factor * expected[i];
            if (Math.Abs(got[i] - scaled) > relative * Math.Max(Math.Abs(scaled), 1e-12)) return false;
            anyNonZero |= expected[i] != 0;
        }
        return anyNonZero;
    }
}
