using RegularizationLab.Errors;

namespace RegularizationLab.Regularizers;

/// <summary>
/// Lasso penalty, a Laplace prior on the weights: R = λ Σ |w|, subgradient λ·sign(w) (taking sign(0) = 0).
/// The pull toward 0 has constant size λ however small w is, which is why small weights snap to zero —
/// exactly so with the proximal step (<see cref="SoftThresholding"/>), only approximately with subgradient steps.
/// </summary>
public sealed class L1Penalty : IPenalty
{
    public L1Penalty(double lambda)
    {
        Guard.NonNegative(lambda, nameof(lambda));
        Lambda = lambda;
    }

    public double Lambda { get; }

    public string Name => $"L1 (λ = {Lambda}, λΣ|w|)";

    public double Value(ReadOnlySpan<double> weights)
    {
        double sum = 0;
        foreach (double w in weights) sum += Math.Abs(w);
        return Lambda * sum;
    }

    public void AddGradient(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        Guard.SameLength(weights.Length, gradient.Length, nameof(weights), nameof(gradient));
        for (int i = 0; i < weights.Length; i++) gradient[i] += Lambda * Sign(weights[i]);
    }

    /// <summary>sign(w) with sign(0) = 0 and sign(NaN) = NaN (as PyTorch's torch.sign): a diverged weight keeps its
    /// gradient NaN, so the divergence stays visible instead of <see cref="Math.Sign(double)"/> throwing.</summary>
    public static double Sign(double w) => w > 0 ? 1.0 : w < 0 ? -1.0 : w == 0 ? 0.0 : double.NaN;
}
