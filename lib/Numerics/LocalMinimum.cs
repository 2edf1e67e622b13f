using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

/// <summary>
/// Polishes an approximate minimum of a smooth function of a few variables (e.g. the best point of a grid) with
/// Newton's method, φ ← φ − H⁻¹∇f, taking gradient and Hessian by central finite differences of f itself.
/// Used to locate how far a minimum moves when an implicit penalty is added: a grid cannot resolve shifts smaller
/// than its spacing, Newton converges to machine-level accuracy in a handful of steps.
/// </summary>
public static class LocalMinimum
{
    /// <summary>
    /// Newton iterations from <paramref name="start"/> until the step is below <paramref name="tolerance"/>.
    /// Throws if the Hessian stops being positive definite (start is not near a minimum) or if it does not converge.
    /// </summary>
    public static double[] Newton(Func<double[], double> f, double[] start, double differenceStep = 1e-4,
        double tolerance = 1e-10, int maxIterations = 50)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        Guard.Positive(differenceStep, nameof(differenceStep));
        Guard.Positive(tolerance, nameof(tolerance));
        Guard.Positive(maxIterations, nameof(maxIterations));
        double[] phi = (double[])start.Clone();
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var (gradient, hessian) = FiniteDifferences(f, phi, differenceStep);
            double[] step = SolveSymmetric(hessian, gradient);
            double size = 0;
            for (int i = 0; i < phi.Length; i++)
            {
                phi[i] -= step[i];
                size += step[i] * step[i];
            }
            if (Math.Sqrt(size) < tolerance)
                return phi;
        }
        throw new InvalidOperationException(
            $"Newton's method did not converge in {maxIterations} iterations from ({string.Join(", ", start)}); " +
            "start closer to the minimum (e.g. from the best grid point).");
    }

    /// <summary>Central differences: ∂f/∂φᵢ ≈ [f(φ+heᵢ) − f(φ−heᵢ)]/2h and the matching second differences.</summary>
    public static (double[] Gradient, double[,] Hessian) FiniteDifferences(Func<double[], double> f, double[] phi, double h)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(phi);
        Guard.Positive(h, nameof(h));
        int n = phi.Length;
        var gradient = new double[n];
        var hessian = new double[n, n];
        double f0 = f(phi);
        double At(int i, double di, int j, double dj)
        {
            double[] p = (double[])phi.Clone();
            p[i] += di;
            p[j] += dj;
            return f(p);
        }
        for (int i = 0; i < n; i++)
        {
            double plus = At(i, h, i, 0), minus = At(i, -h, i, 0);
            gradient[i] = (plus - minus) / (2 * h);
            hessian[i, i] = (plus - 2 * f0 + minus) / (h * h);
            for (int j = 0; j < i; j++)
            {
                double mixed = (At(i, h, j, h) - At(i, h, j, -h) - At(i, -h, j, h) + At(i, -h, j, -h)) / (4 * h * h);
                hessian[i, j] = hessian[j, i] = mixed;
            }
        }
        return (gradient, hessian);
    }

    /// <summary>Solves H x = b for a symmetric positive definite H by Gaussian elimination (n is tiny here).</summary>
    private static double[] SolveSymmetric(double[,] h, double[] b)
    {
        int n = b.Length;
        var a = (double[,])h.Clone();
        var x = (double[])b.Clone();
        for (int k = 0; k < n; k++)
        {
            if (!(a[k, k] > 0))
                throw new InvalidOperationException(
                    $"The Hessian is not positive definite at this point (pivot {k} is {a[k, k]:G3}): " +
                    "Newton's method needs a start inside the basin of a minimum.");
            for (int r = k + 1; r < n; r++)
            {
                double factor = a[r, k] / a[k, k];
                for (int c = k; c < n; c++) a[r, c] -= factor * a[k, c];
                x[r] -= factor * x[k];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            for (int c = r + 1; c < n; c++) x[r] -= a[r, c] * x[c];
            x[r] /= a[r, r];
        }
        return x;
    }
}
