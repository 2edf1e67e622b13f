using RegularizationLab.ToyProblems;
namespace RegularizationLab.Analysis.Tests;

/// <summary>
/// Central finite differences used as the independent referee for every analytic gradient and Hessian.
/// The five-point stencil  f'(x) ≈ (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / (12h)  has truncation error O(h⁴), so with
/// h ≈ 1e-3·max(1, |x|) both truncation (~1e-12) and rounding (~1e-13) errors sit far below the 1e-7 tolerance.
/// </summary>
internal static class FiniteDifferences
{
    public static double Derivative(Func<double, double> f, double x, double h)
        => (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);

    /// <summary>∂f/∂φ_i for every i.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] phi, double relativeStep = 1e-3)
    {
        var g = new double[phi.Length];
        for (int i = 0; i < phi.Length; i++)
        {
            int index = i;
            double h = relativeStep * Math.Max(1, Math.Abs(phi[i]));
            g[i] = Derivative(t => f(With(phi, index, t)), phi[i], h);
        }
        return g;
    }

    /// <summary>∂g_i/∂φ_j: the Jacobian of an analytic gradient, i.e. a Hessian check against the gradient.</summary>
    public static double[,] Jacobian(Func<double[], double[]> g, double[] phi, double relativeStep = 1e-3)
    {
        int n = phi.Length;
        var jacobian = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double h = relativeStep * Math.Max(1, Math.Abs(phi[j]));
            for (int i = 0; i < n; i++)
            {
                int row = i, column = j;
                jacobian[i, j] = Derivative(t => g(With(phi, column, t))[row], phi[j], h);
            }
        }
        return jacobian;
    }

    /// <summary>‖a − b‖ / max(‖a‖, ‖b‖, floor): a scale-free comparison that does not blow up for tiny components.</summary>
    public static double RelativeError(double[] a, double[] b, double floor = 1e-8)
    {
        Assert.Equal(a.Length, b.Length);
        double diff = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++) { diff += (a[i] - b[i]) * (a[i] - b[i]); na += a[i] * a[i]; nb += b[i] * b[i]; }
        return Math.Sqrt(diff) / Math.Max(floor, Math.Max(Math.Sqrt(na), Math.Sqrt(nb)));
    }

    public static double RelativeError(double[,] a, double[,] b, double floor = 1e-8)
        => RelativeError(a.Cast<double>().ToArray(), b.Cast<double>().ToArray(), floor);

    private static double[] With(double[] phi, int index, double value)
    {
        var copy = (double[])phi.Clone();
        copy[index] = value;
        return copy;
    }
}

/// <summary>L(φ) = ½ Σ a_i φ_i² with diagonal curvature a: every flow on it has a closed form.</summary>
internal sealed class DiagonalQuadratic(params double[] curvatures) : ISmoothLoss
{
    public double[] Curvatures { get; } = curvatures;
    public int Dimension => Curvatures.Length;
    public double Value(double[] phi) => 0.5 * phi.Select((p, i) => Curvatures[i] * p * p).Sum();
    public double[] Gradient(double[] phi) => phi.Select((p, i) => Curvatures[i] * p).ToArray();
    public double[,] Hessian(double[] phi)
    {
        var h = new double[Dimension, Dimension];
        for (int i = 0; i < Dimension; i++) h[i, i] = Curvatures[i];
        return h;
    }
}
