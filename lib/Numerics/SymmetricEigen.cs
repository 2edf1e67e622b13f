using System.Numerics;
using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Numerics;

/// <summary>
/// Eigenvalues and eigenvectors of a real symmetric matrix, A = Q Λ Qᵀ, in two classical stages:
///  1. Householder tridiagonalization: n − 2 reflections H_k = I − β v vᵀ turn A into a tridiagonal T = Qᵀ A Q,
///     each one zeroing a column below the sub-diagonal while keeping the matrix symmetric.
///  2. Implicit QL iteration with Wilkinson shifts on T: Givens rotations chase the off-diagonal entries to zero
///     (cubic convergence per eigenvalue), and the same rotations are applied to Q.
/// Cost ≈ 4n³ + O(n³) flops; for the 784 × 784 covariance of MNIST this takes about a second.
/// The eigenvectors are kept as the ROWS of a row-major matrix so every update is a contiguous, vectorized row
/// operation.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric matrix <paramref name="a"/> (only symmetry within 1e-9 relative is accepted;
    /// the input is not modified). Eigenvalues come out in DESCENDING order; row k of
    /// <see cref="EigenDecomposition.Vectors"/> is the unit eigenvector of eigenvalue k.
    /// </summary>
    public static EigenDecomposition Decompose(Matrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Cols)
            throw new ArgumentException($"a must be square for an eigendecomposition; got {a.Shape}.", nameof(a));
        Guard.AllFinite(a.Data, nameof(a));
        int n = a.Rows;
        double scale = 0;
        foreach (double v in a.Data) scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (Math.Abs(a[i, j] - a[j, i]) > 1e-9 * Math.Max(scale, double.Epsilon))
                    throw new ArgumentException(
                        $"a must be symmetric; a[{i}, {j}] = {a[i, j]} but a[{j}, {i}] = {a[j, i]}.", nameof(a));

        double[] t = (double[])a.Data.Clone();   // working copy, becomes tridiagonal
        var z = new double[n * n];                // rows of z = columns of Q (starts as I)
        for (int i = 0; i < n; i++) z[i * n + i] = 1;

        Tridiagonalize(t, z, n, out double[] d, out double[] e);
        DiagonalizeTridiagonal(d, e, z, n);
        return SortDescending(d, z, n);
    }

    /// <summary>Stage 1: T = Qᵀ A Q by Householder reflections; returns the diagonal d and sub-diagonal e of T.</summary>
    private static void Tridiagonalize(double[] a, double[] z, int n, out double[] d, out double[] e)
    {
        var v = new double[n];
        var p = new double[n];
        var u = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            int start = k + 1, m = n - start;   // trailing block rows/cols start … n−1
            // x = A[start.., k]; reflect it onto ±‖x‖ e₁ with v = x − α e₁, α = −sign(x₀)‖x‖ (avoids cancellation).
            double norm = 0;
            for (int i = start; i < n; i++) norm += a[i * n + k] * a[i * n + k];
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            double x0 = a[start * n + k];
            double alpha = x0 > 0 ? -norm : norm;
            for (int i = 0; i < m; i++) v[i] = a[(start + i) * n + k];
            v[0] -= alpha;
            double vv = 0;
            for (int i = 0; i < m; i++) vv += v[i] * v[i];
            if (vv == 0) continue;
            double beta = 2 / vv;

            // Column k and row k of A become (…, α, 0, …, 0).
            a[start * n + k] = alpha;
            a[k * n + start] = alpha;
            for (int i = start + 1; i < n; i++) { a[i * n + k] = 0; a[k * n + i] = 0; }

            // Trailing block B ← H B H with H = I − β v vᵀ:
            //   p = β B v,  K = (β/2) pᵀv,  w = p − K v,  B ← B − v wᵀ − w vᵀ.
            ReadOnlySpan<double> vs = v.AsSpan(0, m);
            for (int i = 0; i < m; i++) p[i] = beta * VectorMath.Dot(a.AsSpan((start + i) * n + start, m), vs);
            double kappa = 0.5 * beta * VectorMath.Dot(p.AsSpan(0, m), vs);
            for (int i = 0; i < m; i++) p[i] -= kappa * v[i];   // p now holds w
            ReadOnlySpan<double> w = p.AsSpan(0, m);
            for (int i = 0; i < m; i++)
            {
                Span<double> row = a.AsSpan((start + i) * n + start, m);
                VectorMath.Axpy(-v[i], w, row);
                VectorMath.Axpy(-p[i], vs, row);
            }

            // Q ← Q H, i.e. rows start … n−1 of z (= columns of Q): z_rows ← z_rows − β v (vᵀ z_rows).
            Array.Clear(u);
            for (int i = 0; i < m; i++) VectorMath.Axpy(v[i], z.AsSpan((start + i) * n, n), u);
            for (int i = 0; i < m; i++) VectorMath.Axpy(-beta * v[i], u, z.AsSpan((start + i) * n, n));
        }
        d = new double[n];
        e = new double[n];
        for (int i = 0; i < n; i++) d[i] = a[i * n + i];
        for (int i = 0; i < n - 1; i++) e[i] = a[(i + 1) * n + i];   // e[i] couples i and i + 1; e[n−1] = 0
    }

    /// <summary>
    /// Stage 2: implicit QL with Wilkinson shifts on the symmetric tridiagonal matrix (d, e), rotating the rows of z.
    /// For each l, iterate until some e[m] is negligible; the rotations sweep from m − 1 down to l.
    /// </summary>
    private static void DiagonalizeTridiagonal(double[] d, double[] e, double[] z, int n)
    {
        for (int l = 0; l < n; l++)
        {
            int iterations = 0;
            while (true)
            {
                int m = l;
                for (; m < n - 1; m++)
                {
                    double size = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon + 1e-16 * size) break;   // negligible coupling: split here
                }
                if (m == l) break;   // d[l] has converged
                if (++iterations > 100)
                    throw new InvalidOperationException($"The QL iteration did not converge for eigenvalue {l}.");

                // Wilkinson-style shift: the eigenvalue of the leading 2 × 2 block closer to d[l].
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
                double s = 1, c = 1, shiftCorrection = 0;
                bool underflow = false;
                int i = m - 1;
                for (; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        // The rotation is degenerate: deflate and start the sweep again.
                        d[i + 1] -= shiftCorrection;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - shiftCorrection;
                    r = (d[i] - g) * s + 2 * c * b;
                    shiftCorrection = s * r;
                    d[i + 1] = g + shiftCorrection;
                    g = c * r - b;
                    Rotate(z.AsSpan(i * n, n), z.AsSpan((i + 1) * n, n), c, s);
                }
                if (underflow) continue;
                d[l] -= shiftCorrection;
                e[l] = g;
                e[m] = 0;
            }
        }
    }

    /// <summary>Givens rotation of two rows: (xᵢ, xᵢ₊₁) ← (c xᵢ − s xᵢ₊₁, s xᵢ + c xᵢ₊₁).</summary>
    private static void Rotate(Span<double> rowI, Span<double> rowNext, double c, double s)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; k <= rowI.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var xi = new Vector<double>(rowI[k..]);
                var xn = new Vector<double>(rowNext[k..]);
                (vc * xi - vs * xn).CopyTo(rowI[k..]);
                (vs * xi + vc * xn).CopyTo(rowNext[k..]);
            }
        }
        for (; k < rowI.Length; k++)
        {
            double xi = rowI[k], xn = rowNext[k];
            rowI[k] = c * xi - s * xn;
            rowNext[k] = s * xi + c * xn;
        }
    }

    private static EigenDecomposition SortDescending(double[] d, double[] z, int n)
    {
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => d[i]).ThenBy(i => i).ToArray();
        var values = new double[n];
        var vectors = new Matrix(n, n);
        for (int k = 0; k < n; k++)
        {
            values[k] = d[order[k]];
            Span<double> row = vectors.Row(k);
            z.AsSpan(order[k] * n, n).CopyTo(row);
            // Sign convention: the largest-magnitude entry of each eigenvector is positive (reproducible plots).
            int largest = 0;
            for (int j = 1; j < n; j++) if (Math.Abs(row[j]) > Math.Abs(row[largest])) largest = j;
            if (row[largest] < 0) foreach (ref double x in row) x = -x;
        }
        return new EigenDecomposition(values, vectors);
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double ratio = y / x;
        return x * Math.Sqrt(1 + ratio * ratio);
    }
}

/// <summary>A = Σ_k λ_k v_k v_kᵀ: eigenvalues in descending order and unit eigenvectors as the rows of <see cref="Vectors"/>.</summary>
public sealed record EigenDecomposition(double[] Values, Matrix Vectors)
{
    /// <summary>The k-th eigenvector (a copy).</summary>
    public double[] Vector(int k) => Vectors.Row(k).ToArray();
}
