using RegularizationLab.Errors;

namespace RegularizationLab.Regularizers;

/// <summary>
/// The proximal operator of t·|w|:
///   S_t(v) = argmin_w ½(w − v)² + t|w| = sign(v)·max(|v| − t, 0).
/// Setting the derivative w − v + t·sign(w) to zero gives w = v − t for v &gt; t and w = v + t for v &lt; −t;
/// for |v| ≤ t the subdifferential at 0, [−v − t, −v + t], contains 0, so the minimizer is exactly 0.
/// </summary>
public static class SoftThresholding
{
    public static double Apply(double value, double threshold)
    {
        Guard.NonNegative(threshold, nameof(threshold));
        return value > threshold ? value - threshold : value < -threshold ? value + threshold : 0.0;
    }

    public static void ApplyInPlace(Span<double> values, double threshold)
    {
        Guard.NonNegative(threshold, nameof(threshold));
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            values[i] = v > threshold ? v - threshold : v < -threshold ? v + threshold : 0.0;
        }
    }
}
