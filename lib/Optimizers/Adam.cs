using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with the penalty COUPLED into the gradient ("Adam + L2"):
///   g = ∇L + ∂R/∂w,  m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ),
///   w ← w − α_t·m̂/(√v̂ + ε).
/// The penalty gradient is divided by √v̂ like the rest, so weights with large gradients are decayed less —
/// the reason for <see cref="AdamW"/>.
/// </summary>
public sealed class Adam : OptimizerBase
{
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, IPenalty? penalty = null)
        : this(Constant(learningRate), beta1, beta2, epsilon, penalty) { }

    public Adam(ILearningRateSchedule schedule, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, IPenalty? penalty = null)
        : base(schedule, stateBuffersPerParameter: 3)
    {
        Guard.InHalfOpenRange(beta1, 0.0, 1.0, nameof(beta1));
        Guard.InHalfOpenRange(beta2, 0.0, 1.0, nameof(beta2));
        Guard.Positive(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Penalty = penalty;
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public IPenalty? Penalty { get; }

    protected override void Update(Parameter parameter, int t, double rate, double multiplier)
    {
        Span<double> w = parameter.Value.Data;
        ReadOnlySpan<double> g = parameter.Gradient.Data;
        if (Penalty is not null && parameter.Regularized)
        {
            var coupled = State(2, parameter).AsSpan();              // g = ∇L + ∂R/∂w
            g.CopyTo(coupled);
            Penalty.AddGradient(w, coupled);
            g = coupled;
        }
        UpdateRules.Adam(w, g, State(0, parameter), State(1, parameter), Beta1, Beta2,
            1.0 / (1.0 - Math.Pow(Beta1, t)), 1.0 / (1.0 - Math.Pow(Beta2, t)), Epsilon, step: rate, decay: 0.0);
    }
}
