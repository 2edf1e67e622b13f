using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

/// <summary>
/// The two-parameter linear algebra of lecture 3, written out: H·v, the largest curvature of a symmetric 2 × 2
/// Hessian, and H⁻¹·v (the first-order shift of a minimum, −αH⁻¹∇R).
/// </summary>
public static class SmallMatrices
{
    /// <summary>H·v for a square matrix H.</summary>
    public static double[] Times(double[,] h, double[] v)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(v);
        Guard.Equal(v.Length, h.GetLength(1), nameof(v), "components (the matrix's column count)");
        var result = new double[h.GetLength(0)];
        for (int i = 0; i < result.Length; i++)
            for (int j = 0; j < v.Length; j++)
                result[i] += h[i, j] * v[j];
        return result;
    }

    /// <summary>λ_max of a symmetric 2 × 2 matrix: tr/2 + √(tr²/4 − det).</summary>
    public static double LargestEigenvalue(double[,] h)
    {
        Check2x2(h);
        double trace = h[0, 0] + h[1, 1], det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
        return trace / 2 + Math.Sqrt(Math.Max(0, trace * trace / 4 - det));
    }

    /// <summary>H⁻¹·v for an invertible 2 × 2 matrix (Cramer's rule).</summary>
    public static double[] Solve(double[,] h, double[] v)
    {
        Check2x2(h);
        ArgumentNullException.ThrowIfNull(v);
        Guard.Equal(v.Length, 2, nameof(v), "components");
        double det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
        if (det == 0 || !double.IsFinite(det))
            throw new ArgumentException($"h must be invertible; its determinant is {det}.", nameof(h));
        return [(h[1, 1] * v[0] - h[0, 1] * v[1]) / det, (h[0, 0] * v[1] - h[1, 0] * v[0]) / det];
    }

    /// <summary>Least-squares line through (log₁₀ x, log₁₀ y): the slope is the order of a power law y ∝ x^slope.</summary>
    public static (double Slope, double Intercept) LogLogFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.Equal(y.Count, x.Count, nameof(y), "values (one per x)");
        if (x.Count < 2) throw new ArgumentException($"x needs at least 2 values; got {x.Count}.", nameof(x));
        foreach (double v in x.Concat(y))
            if (!(v > 0)) throw new ArgumentOutOfRangeException(nameof(x), v, "x and y must be positive (logarithms).");
        double[] lx = x.Select(Math.Log10).ToArray(), ly = y.Select(Math.Log10).ToArray();
        double mx = lx.Average(), my = ly.Average();
        double slope = lx.Zip(ly, (u, w) => (u - mx) * (w - my)).Sum() / lx.Sum(u => (u - mx) * (u - mx));
        return (slope, my - slope * mx);
    }

    private static void Check2x2(double[,] h)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (h.GetLength(0) != 2 || h.GetLength(1) != 2)
            throw new ArgumentException($"h must be 2 × 2; got {h.GetLength(0)} × {h.GetLength(1)}.", nameof(h));
    }
}
