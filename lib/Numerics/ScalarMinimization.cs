using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

/// <summary>
/// Brute-force minimization of a function of one variable: the independent referee against which closed-form
/// answers (ridge and lasso solutions, soft thresholding, MAP estimates) are checked. It assumes nothing about the
/// function except continuity: a dense grid finds the best cell, then golden-section search refines inside it.
/// </summary>
public static class ScalarMinimization
{
    private static readonly double InverseGoldenRatio = (Math.Sqrt(5) - 1) / 2;

    /// <summary>
    /// The minimizer of <paramref name="f"/> on [<paramref name="low"/>, <paramref name="high"/>]: the best of
    /// <paramref name="gridPoints"/> evenly spaced points, refined by golden-section search on its neighbouring cells
    /// until the bracket is narrower than <paramref name="tolerance"/>. If the minimum sits exactly on a kink (such as
    /// w = 0 for |w|), the answer is within the tolerance of it.
    /// </summary>
    public static double ArgMin(Func<double, double> f, double low, double high, int gridPoints = 2001,
        double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Finite(low, nameof(low));
        Guard.Finite(high, nameof(high));
        if (!(high > low))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be larger than low ({low}); got {high}.");
        if (gridPoints < 3)
            throw new ArgumentOutOfRangeException(nameof(gridPoints), gridPoints, $"gridPoints must be at least 3; got {gridPoints}.");
        Guard.Positive(tolerance, nameof(tolerance));

        double spacing = (high - low) / (gridPoints - 1);
        int best = 0;
        double bestValue = double.PositiveInfinity;
        for (int i = 0; i < gridPoints; i++)
        {
            double value = f(low + i * spacing);
            if (value < bestValue) { bestValue = value; best = i; }
        }
        if (double.IsPositiveInfinity(bestValue) || double.IsNaN(bestValue))
            throw new ArgumentException(
                $"f returned no finite value on [{low}, {high}] ({gridPoints} points tried); check it for a division by " +
                "zero or a log of a negative number.", nameof(f));
        double a = low + Math.Max(0, best - 1) * spacing;
        double b = low + Math.Min(gridPoints - 1, best + 1) * spacing;
        // Golden section: keep two interior points whose spacing ratio is preserved, discard the worse end.
        double c = b - InverseGoldenRatio * (b - a), d = a + InverseGoldenRatio * (b - a);
        double fc = f(c), fd = f(d);
        while (b - a > tolerance)
        {
            if (fc <= fd) { b = d; d = c; fd = fc; c = b - InverseGoldenRatio * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + InverseGoldenRatio * (b - a); fd = f(d); }
            if (Math.Abs(b - a) <= 4 * double.Epsilon * Math.Max(1, Math.Abs(a))) break;
        }
        double middle = (a + b) / 2;
        // The exact kink or an end point can beat the bracket's midpoint by a rounding error: keep the best candidate.
        return new[] { middle, a, b }.MinBy(f);
    }
}
