using RegularizationLab.Errors;

namespace RegularizationLab.Regularizers;

/// <summary>Elastic net (Zou &amp; Hastie 2005): R = λ₁ Σ|w| + L2 term (convention chosen explicitly), the sum of both (sub)gradients.</summary>
public sealed class ElasticNetPenalty : IPenalty
{
    private readonly L1Penalty _l1;
    private readonly L2Penalty _l2;

    public ElasticNetPenalty(double l1, double l2, L2Convention convention = L2Convention.LambdaSumOfSquares)
    {
        Guard.NonNegative(l1, nameof(l1));
        Guard.NonNegative(l2, nameof(l2));
        _l1 = new L1Penalty(l1);
        _l2 = new L2Penalty(l2, convention);
    }

    public double L1 => _l1.Lambda;
    public double L2 => _l2.Lambda;
    public L2Convention Convention => _l2.Convention;

    public string Name => $"Elastic net ({_l1.Name} + {_l2.Name})";

    public double Value(ReadOnlySpan<double> weights) => _l1.Value(weights) + _l2.Value(weights);

    public void AddGradient(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        Guard.SameLength(weights.Length, gradient.Length, nameof(weights), nameof(gradient));
        _l1.AddGradient(weights, gradient);
        _l2.AddGradient(weights, gradient);
    }
}
