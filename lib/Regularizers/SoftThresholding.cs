using RegularizationLab.Errors;

namespace RegularizationLab.Regularizers;

/// <summary>
/// The proximal operator of t·|w|:
///   S_t(v) = argmin_w ½(w − v)² + t|w| = sign(v)·max(|v| − t, 0).
/// Setting the derivative w − v + t·sign(w) to zero gives w = v − t for v &gt; t and w = v + t for v &lt; −t;
/// for |v| ≤ t the subdifferential at 0, [−v − t, −v + t], contains 0, so the minimizer is exactly 0.
/// A NaN input stays NaN: a diverged weight must not be counted as an exact zero (sparse).
/// </summary>
public static class SoftThresholding
{
    public static double Apply(double value, double threshold)
    {
        Guard.NonNegative(threshold, nameof(threshold));
        return Shrink(value, threshold);
    }

    public static void ApplyInPlace(Span<double> values, double threshold)
    {
        Guard.NonNegative(threshold, nameof(threshold));
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Shrink(values[i], threshold);
        }
    }

    // Every comparison with NaN is false, so NaN falls through to the last branch and is returned as it is.
    private static double Shrink(double v, double t) => v > t ? v - t : v < -t ? v + t : double.IsNaN(v) ? v : 0.0;
}
