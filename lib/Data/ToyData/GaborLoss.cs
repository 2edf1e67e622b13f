using RegularizationLab.Analysis;

namespace RegularizationLab.Data;

/// <summary>
/// The Gabor model's least-squares loss L[φ] = Σ_i (f[x_i, φ] − y_i)² as a smooth two-parameter loss with exact
/// gradient and Hessian, so the gradient-flow tools (<see cref="GradientFlow"/>) can run on the textbook's own
/// loss surface (figures 9.1, 9.3, 9.4). φ = (φ₀, φ₁).
/// With g(u) = sin(u) e^{−u²/32}, u = φ₀ + 0.06 φ₁ x and a = ∂u/∂φ = (1, 0.06 x):
///     ∇f = g′(u) a,   ∇²f = g″(u) a aᵀ,
///     g′(u) = e^{−u²/32} (cos u − (u/16) sin u),
///     g″(u) = −e^{−u²/32} ((17/16 − u²/256) sin u + (u/8) cos u),
///     ∇L = Σ 2 r ∇f,   ∇²L = Σ 2 (∇f ∇fᵀ + r ∇²f),   r = f − y.
/// </summary>
public sealed class GaborLoss : ISmoothLoss
{
    public GaborLoss(RegressionSample data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("data must hold at least one point; got 0.", nameof(data));
        Data = data;
    }

    public RegressionSample Data { get; }

    public int Dimension => 2;

    public double Value(double[] phi)
    {
        CheckPhi(phi);
        return GaborModel.Loss(Data, phi[0], phi[1]);
    }

    public double[] Gradient(double[] phi)
    {
        CheckPhi(phi);
        var (g0, g1) = GaborModel.LossGradient(Data, phi[0], phi[1]);
        return new[] { g0, g1 };
    }

    public double[,] Hessian(double[] phi)
    {
        CheckPhi(phi);
        var h = new double[2, 2];
        for (int i = 0; i < Data.Count; i++)
        {
            double x = Data.X[i];
            double u = phi[0] + GaborModel.FrequencyScale * phi[1] * x;
            double envelope = Math.Exp(-u * u / GaborModel.EnvelopeDenominator);
            double g = Math.Sin(u) * envelope;
            double g1 = envelope * (Math.Cos(u) - u / 16 * Math.Sin(u));
            double g2 = -envelope * ((17.0 / 16 - u * u / 256) * Math.Sin(u) + u / 8 * Math.Cos(u));
            double r = g - Data.Y[i];
            double[] a = { 1, GaborModel.FrequencyScale * x };
            for (int p = 0; p < 2; p++)
                for (int q = 0; q < 2; q++)
                    h[p, q] += 2 * (g1 * g1 + r * g2) * a[p] * a[q];
        }
        return h;
    }

    private static void CheckPhi(double[] phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (phi.Length != 2)
            throw new ArgumentException($"phi must have 2 entries (φ₀, φ₁); got {phi.Length}.", nameof(phi));
    }
}
