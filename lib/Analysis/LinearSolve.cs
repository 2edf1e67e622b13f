using RegularizationLab.Errors;

namespace RegularizationLab.Analysis;

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
        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j, j];
            for (int k = 0; k < j; k++) diagonal -= l[j, k] * l[j, k];
            if (!(diagonal > 1e-14 * Math.Max(1, Math.Abs(a[j, j]))))
                throw new ArgumentException(
                    $"a is not positive definite (pivot {j} is {diagonal:G3}). For a least-squares fit this means the data " +
                    "do not determine every parameter: add data points or use λ > 0.", nameof(a));
            l[j, j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * z[k];
            z[i] = s / l[i, i];
        }
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
