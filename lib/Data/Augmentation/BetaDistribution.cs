using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// Draws from the Gamma and Beta distributions, for mixup's λ ~ Beta(α, α).
/// Beta(a, b) = X / (X + Y) with independent X ~ Gamma(a, 1), Y ~ Gamma(b, 1).
/// </summary>
public static class BetaDistribution
{
    /// <summary>A draw from Beta(a, b) (mean a/(a + b)).</summary>
    public static double Sample(Random rng, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Guard.Positive(a, nameof(a));
        Guard.Positive(b, nameof(b));
        double x = SampleGamma(rng, a);
        double y = SampleGamma(rng, b);
        return x / (x + y);
    }

    /// <summary>
    /// A draw from Gamma(shape, 1) by Marsaglia &amp; Tsang (2000): with d = shape − ⅓, c = 1/√(9d), draw z ~ N(0, 1),
    /// v = (1 + c·z)³ and accept d·v when ln u &lt; z²/2 + d − d·v + d·ln v. For shape &lt; 1 use
    /// Gamma(shape) = Gamma(shape + 1) · u^{1/shape}.
    /// </summary>
    public static double SampleGamma(Random rng, double shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Guard.Positive(shape, nameof(shape));
        if (shape < 1)
        {
            double boosted = SampleGamma(rng, shape + 1);
            double u = 1.0 - rng.NextDouble();   // (0, 1]
            return boosted * Math.Pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = rng.NextGaussian();
                v = 1.0 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = 1.0 - rng.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v;
        }
    }
}
