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
        if (gradient.Length != weights.Length)
            throw new ArgumentException($"gradient has {gradient.Length} entries but weights has {weights.Length}.", nameof(gradient));
        for (int i = 0; i < weights.Length; i++) gradient[i] += Lambda * Math.Sign(weights[i]);
    }
}
