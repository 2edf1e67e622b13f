using RegularizationLab.Errors;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// A 2-D loss whose global minima form a whole valley floor, the line φ₁ = c (textbook fig. 9.3):
///   L(φ₀, φ₁) = 1 − exp(−u),   u = w(φ₀)·(φ₁ − c)²,   w(φ₀) = exp(−2kφ₀) / (2s₀²).
/// Across the valley L is an upside-down Gaussian of width s(φ₀) = s₀·exp(kφ₀): for k &gt; 0 the valley is narrow
/// (steep walls, large gradients) on the left and wide (gentle walls) on the right. Every point of the floor has
/// L = 0, so plain gradient flow has no reason to prefer one of them; gradient descent with a finite step does.
/// </summary>
public sealed class ValleyLoss : ISmoothLoss
{
    /// <summary>Height c of the valley floor φ₁ = c.</summary>
    public double FloorHeight { get; }

    /// <summary>Valley half-width s₀ at φ₀ = 0.</summary>
    public double WidthAtZero { get; }

    /// <summary>Rate k at which the width grows: s(φ₀) = s₀·exp(kφ₀).</summary>
    public double WideningRate { get; }

    public ValleyLoss(double floorHeight = 0.61, double widthAtZero = 0.15, double wideningRate = 2.0)
    {
        Guard.Finite(floorHeight, nameof(floorHeight));
        Guard.Positive(widthAtZero, nameof(widthAtZero));
        Guard.Finite(wideningRate, nameof(wideningRate));
        FloorHeight = floorHeight;
        WidthAtZero = widthAtZero;
        WideningRate = wideningRate;
    }

    public int Dimension => 2;

    /// <summary>Half-width s(φ₀) of the valley at position φ₀ along it.</summary>
    public double Width(double phi0) => WidthAtZero * Math.Exp(WideningRate * phi0);

    // w(φ₀) = 1 / (2 s(φ₀)²); then w' = −2k·w and w'' = 4k²·w.
    private double W(double phi0) => 1.0 / (2.0 * Width(phi0) * Width(phi0));

    public double Value(double[] phi)
    {
        CheckPoint(phi);
        double q = phi[1] - FloorHeight;
        return 1.0 - Math.Exp(-W(phi[0]) * q * q);
    }

    /// <summary>∇L = e^{−u} ∇u with ∇u = (−2k·w·q², 2w·q), q = φ₁ − c.</summary>
    public double[] Gradient(double[] phi)
    {
        CheckPoint(phi);
        double k = WideningRate, q = phi[1] - FloorHeight, w = W(phi[0]);
        double e = Math.Exp(-w * q * q);
        return [e * (-2.0 * k * w * q * q), e * (2.0 * w * q)];
    }

    /// <summary>H = e^{−u} (∇²u − ∇u ∇uᵀ) with ∇²u = [[4k²w q², −4k w q], [−4k w q, 2w]].</summary>
    public double[,] Hessian(double[] phi)
    {
        CheckPoint(phi);
        double k = WideningRate, q = phi[1] - FloorHeight, w = W(phi[0]);
        double e = Math.Exp(-w * q * q);
        double u0 = -2.0 * k * w * q * q, u1 = 2.0 * w * q;
        double h00 = 4.0 * k * k * w * q * q, h01 = -4.0 * k * w * q, h11 = 2.0 * w;
        return new double[,]
        {
            { e * (h00 - u0 * u0), e * (h01 - u0 * u1) },
            { e * (h01 - u0 * u1), e * (h11 - u1 * u1) },
        };
    }

    private static void CheckPoint(double[] phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (phi.Length != 2)
            throw new ArgumentException($"phi must have 2 components (φ₀, φ₁); got {phi.Length}.", nameof(phi));
    }
}
