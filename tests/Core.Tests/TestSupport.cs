using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Core;

/// <summary>Shared helpers: random matrices, a plain scalar matrix product, and central finite differences.</summary>
internal static class TestSupport
{
    public static Matrix RandomMatrix(int rows, int cols, Random rng, double scale = 1.0)
    {
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Length; i++) m.Data[i] = scale * (2 * rng.NextDouble() - 1);
        return m;
    }

    /// <summary>The textbook triple loop C_ij = Σ_p A_ip B_pj (ordinary multiply and add, no FMA).</summary>
    public static double[,] NaiveProduct(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i, p] * b[p, j];
                c[i, j] = s;
            }
        return c;
    }

    public static double[,] Transposed(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                t[j, i] = a[i, j];
        return t;
    }

    /// <summary>
    /// ∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h for every entry of <paramref name="x"/> (perturbed in place and restored).
    /// Central differences have truncation error O(h²); h = 1e-5 balances it against rounding (≈ ε·|f|/h).
    /// </summary>
    public static double[] NumericalGradient(double[] x, Func<double> f, double h = 1e-5)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double saved = x[i];
            x[i] = saved + h;
            double plus = f();
            x[i] = saved - h;
            double minus = f();
            x[i] = saved;
            g[i] = (plus - minus) / (2 * h);
        }
        return g;
    }

    /// <summary>‖a − b‖ / (‖a‖ + ‖b‖): the relative error of a whole gradient (0 when both are 0).</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double diff = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        double denominator = Math.Sqrt(na) + Math.Sqrt(nb);
        return denominator == 0 ? 0 : Math.Sqrt(diff) / denominator;
    }

    /// <summary>L = Σ C ⊙ Y: a scalar "loss" whose gradient with respect to Y is exactly C.</summary>
    public static double Weighted(Matrix y, Matrix c)
    {
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += y.Data[i] * c.Data[i];
        return s;
    }
}
