using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

/// <summary>Small dense linear solves for closed-form fits (ridge regression normal equations).</summary>
public static class LinearSolve
{
    /// <summary>
    /// Solves A x = b for symmetric positive definite A by the Cholesky factorization A = L Lᵀ
    /// (forward substitution L z = b, then back substitution Lᵀ x = z). Throws a clear error if A is not
    /// positive definite (for ridge regression: λ = 0 with fewer data points than parameters).
    /// </summary>
    public static double[] SymmetricPositiveDefinite(double[,] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n)
            throw new ArgumentException($"a must be square; got {n} × {a.GetLength(1)}.", nameof(a));
        Guard.Equal(b.Length, n, nameof(b), "entries");
        // Cholesky reads only the lower triangle: a non-symmetric a would silently solve a different system.
        double scale = 0;
        foreach (double entry in a) scale = Math.Max(scale, Math.Abs(entry));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(a[i, j] - a[j, i]) > 1e-12 * Math.Max(scale, 1))
                    throw new ArgumentException(
                        $"a must be symmetric; a[{i}, {j}] = {a[i, j]} but a[{j}, {i}] = {a[j, i]}.", nameof(a));
        if (!TryCholesky(a, 1e-14, out double[,] l, out int pivot, out double pivotValue))
            throw new ArgumentException(
                $"a is not positive definite (pivot {pivot} is {pivotValue:G3}). For a least-squares fit this means the data " +
                "do not determine every parameter: add data points or use λ > 0.", nameof(a));
        return SolveWithCholesky(l, b);
    }

    /// <summary>
    /// The Cholesky factor of a symmetric positive definite <paramref name="a"/>: the lower-triangular L with A = L Lᵀ
    /// (only the lower triangle of A is read). Fails, returning the pivot index and value, when a pivot
    /// Aⱼⱼ − Σₖ Lⱼₖ² is not above <paramref name="relativeTolerance"/>·max(1, |Aⱼⱼ|): A is not (numerically) positive
    /// definite. Callers turn that into an error in their own terms.
    /// </summary>
    internal static bool TryCholesky(double[,] a, double relativeTolerance, out double[,] l, out int pivot, out double pivotValue)
    {
        int n = a.GetLength(0);
        l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j, j];
            for (int k = 0; k < j; k++) diagonal -= l[j, k] * l[j, k];
            if (!(diagonal > relativeTolerance * Math.Max(1, Math.Abs(a[j, j]))))
            {
                (pivot, pivotValue) = (j, diagonal);
                return false;
            }
            l[j, j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        (pivot, pivotValue) = (-1, double.NaN);
        return true;
    }

    /// <summary>x with L Lᵀ x = b: forward substitution L z = b, then back substitution Lᵀ x = z.</summary>
    internal static double[] SolveWithCholesky(double[,] l, double[] b) => SolveUpperTransposed(l, SolveLower(l, b));

    /// <summary>z with L z = b (forward substitution; L lower triangular).</summary>
    internal static double[] SolveLower(double[,] l, double[] b)
    {
        int n = b.Length;
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * z[k];
            z[i] = s / l[i, i];
        }
        return z;
    }

    /// <summary>x with Lᵀ x = z (back substitution; L lower triangular).</summary>
    internal static double[] SolveUpperTransposed(double[,] l, double[] z)
    {
        int n = z.Length;
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int k = i + 1; k < n; k++) s -= l[k, i] * x[k];
            x[i] = s / l[i, i];
        }
        return x;
    }
}
