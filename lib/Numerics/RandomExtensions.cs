using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

/// <summary>Random draws the course needs beyond <see cref="Random.NextDouble"/>. All take a seeded Random.</summary>
public static class RandomExtensions
{
    /// <summary>
    /// A standard normal draw by the Box–Muller transform: z = √(−2 ln u₁) · cos(2π u₂) with u₁ ∈ (0, 1], u₂ ∈ [0, 1).
    /// Each call consumes exactly two uniforms (no cached second value), so the stream is easy to reason about.
    /// </summary>
    public static double NextGaussian(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();   // (0, 1]: keeps ln u₁ finite
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A draw from N(mean, standardDeviation²).</summary>
    public static double NextGaussian(this Random rng, double mean, double standardDeviation)
    {
        Guard.NonNegative(standardDeviation, nameof(standardDeviation));
        return mean + standardDeviation * rng.NextGaussian();
    }

    /// <summary>A draw from U[low, high).</summary>
    public static double NextUniform(this Random rng, double low, double high)
    {
        if (!(high >= low))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be ≥ low = {low}; got {high}.");
        return low + (high - low) * rng.NextDouble();
    }

    /// <summary>A uniformly random permutation of 0 … n−1 (Fisher–Yates).</summary>
    public static int[] Permutation(this Random rng, int n)
    {
        Guard.NonNegative(n, nameof(n));
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
