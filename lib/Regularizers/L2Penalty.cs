using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Regularizers;

/// <summary>
/// Ridge / Tikhonov penalty, a Gaussian prior on the weights:
///   <see cref="L2Convention.LambdaSumOfSquares"/>:      R = λ Σ w²,     ∂R/∂w = 2λw
///   <see cref="L2Convention.HalfLambdaSumOfSquares"/>:  R = (λ/2) Σ w², ∂R/∂w = λw
/// The pull toward 0 is proportional to w, so it weakens as w shrinks: L2 never makes a weight exactly zero.
/// </summary>
public sealed class L2Penalty : IPenalty
{
    public L2Penalty(double lambda, L2Convention convention)
    {
        Guard.NonNegative(lambda, nameof(lambda));
        if (!Enum.IsDefined(convention))
            throw new ArgumentOutOfRangeException(nameof(convention), convention, $"convention must be LambdaSumOfSquares or HalfLambdaSumOfSquares; got {convention}.");
        Lambda = lambda;
        Convention = convention;
    }

    public double Lambda { get; }
    public L2Convention Convention { get; }

    /// <summary>c in ∂R/∂w = c·w: 2λ or λ depending on the convention.</summary>
    public double GradientFactor => Convention == L2Convention.LambdaSumOfSquares ? 2.0 * Lambda : Lambda;

    public string Name => Convention == L2Convention.LambdaSumOfSquares ? $"L2 (λ = {Lambda}, λΣw²)" : $"L2 (λ = {Lambda}, (λ/2)Σw²)";

    // R = (c/2) Σ w² with c = GradientFactor covers both conventions.
    public double Value(ReadOnlySpan<double> weights) => 0.5 * GradientFactor * VectorMath.SumOfSquares(weights);

    public void AddGradient(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        Guard.SameLength(weights.Length, gradient.Length, nameof(weights), nameof(gradient));
        VectorMath.Axpy(GradientFactor, weights, gradient);
    }
}
