using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// Gradient descent, gradient flow, and the modified flow of backward error analysis (textbook eqs. 9.6–9.8, 9.14–9.20):
///   gradient descent      φₜ₊₁ = φₜ − α ∇L(φₜ)
///   gradient flow         dφ/dt = −∇L(φ)
///   modified flow         dφ/dt = −∇L̃(φ) = −∇L(φ) − (α/2) H(φ) ∇L(φ),   L̃ = L + (α/4)‖∇L‖²
/// One step of gradient descent covers "time" α, so n steps are compared with the flows at t = nα.
/// Flows are integrated with classical RK4 (<see cref="RungeKutta4"/>) using many small steps.
/// </summary>
public static class GradientFlow
{
    /// <summary>The modified loss L̃(φ) = L(φ) + (α/4)‖∇L(φ)‖² (eq. 9.20).</summary>
    public static double ModifiedLoss(ISmoothLoss loss, double[] phi, double alpha)
    {
        ArgumentNullException.ThrowIfNull(loss);
        double[] g = loss.Gradient(phi);
        return loss.Value(phi) + alpha / 4.0 * VectorMath.Dot(g, g);
    }

    /// <summary>The implicit penalty alone, (α/4)‖∇L(φ)‖² (textbook fig. 9.3b).</summary>
    public static double GradientPenalty(ISmoothLoss loss, double[] phi, double alpha)
    {
        ArgumentNullException.ThrowIfNull(loss);
        double[] g = loss.Gradient(phi);
        return alpha / 4.0 * VectorMath.Dot(g, g);
    }

    /// <summary>∇L̃ = ∇L + (α/4)·∇‖∇L‖² = ∇L + (α/2)·H∇L, because ∇‖∇L‖² = 2H∇L (H is symmetric).</summary>
    public static double[] ModifiedGradient(ISmoothLoss loss, double[] phi, double alpha)
    {
        ArgumentNullException.ThrowIfNull(loss);
        double[] g = loss.Gradient(phi);
        double[,] h = loss.Hessian(phi);
        var result = new double[g.Length];
        for (int i = 0; i < g.Length; i++)
        {
            double hg = 0;
            for (int j = 0; j < g.Length; j++)
                hg += h[i, j] * g[j];
            result[i] = g[i] + alpha / 2.0 * hg;
        }
        return result;
    }

    /// <summary>One gradient-descent step φ − α∇L(φ) (eq. 9.7).</summary>
    public static double[] GradientDescentStep(ISmoothLoss loss, double[] phi, double alpha)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Guard.Positive(alpha, nameof(alpha));
        double[] g = loss.Gradient(phi);
        var next = new double[phi.Length];
        for (int i = 0; i < phi.Length; i++)
            next[i] = phi[i] - alpha * g[i];
        return next;
    }

    /// <summary>The gradient-descent iterates φ₀, φ₁, …, φ_steps (steps + 1 points).</summary>
    public static IReadOnlyList<double[]> GradientDescentPath(ISmoothLoss loss, double[] start, double alpha, int steps)
    {
        ArgumentNullException.ThrowIfNull(start);
        Guard.NonNegative(steps, nameof(steps));
        var path = new List<double[]>(steps + 1) { (double[])start.Clone() };
        for (int s = 0; s < steps; s++)
            path.Add(GradientDescentStep(loss, path[^1], alpha));
        return path;
    }

    /// <summary>
    /// The flow dφ/dt = −∇L̃ with L̃ = L + (α_mod/4)‖∇L‖², run for <paramref name="duration"/> with
    /// <paramref name="rk4Steps"/> RK4 steps. <paramref name="modifiedAlpha"/> = 0 gives plain gradient flow.
    /// </summary>
    public static double[] FlowEndPoint(
        ISmoothLoss loss, double[] start, double duration, int rk4Steps, double modifiedAlpha = 0.0)
    {
        Guard.NonNegative(modifiedAlpha, nameof(modifiedAlpha));
        return RungeKutta4.Integrate(RightHandSide(loss, modifiedAlpha), start, duration, rk4Steps);
    }

    /// <summary>
    /// The flow sampled at the times of gradient-descent steps, t = 0, α, 2α, …, (samples)·α, for a side-by-side
    /// comparison with <see cref="GradientDescentPath"/>; <paramref name="stepsPerSample"/> RK4 steps between samples.
    /// </summary>
    public static IReadOnlyList<double[]> FlowPath(
        ISmoothLoss loss, double[] start, double duration, int samples, int stepsPerSample, double modifiedAlpha = 0.0)
    {
        Guard.NonNegative(modifiedAlpha, nameof(modifiedAlpha));
        return RungeKutta4.Trajectory(RightHandSide(loss, modifiedAlpha), start, duration, samples, stepsPerSample);
    }

    /// <summary>Euclidean distance ‖a − b‖.</summary>
    public static double Distance(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Guard.Equal(b.Length, a.Length, nameof(b), "components");
        double s = 0;
        for (int i = 0; i < a.Length; i++)
            s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }

    private static Func<double[], double[]> RightHandSide(ISmoothLoss loss, double modifiedAlpha)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return phi =>
        {
            double[] g = modifiedAlpha == 0.0 ? loss.Gradient(phi) : ModifiedGradient(loss, phi, modifiedAlpha);
            for (int i = 0; i < g.Length; i++)
                g[i] = -g[i];
            return g;
        };
    }
}
