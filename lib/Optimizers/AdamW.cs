using RegularizationLab.Errors;
using RegularizationLab.Layers;

namespace RegularizationLab.Optimizers;

/// <summary>
/// AdamW, Loshchilov &amp; Hutter (2019), Algorithm 2 ("Adam with decoupled weight decay"):
///   g = ∇L,  m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ),
///   w ← w − α·η_t·m̂/(√v̂ + ε) − α·η_t·λ·w                  (default, <see cref="WeightDecayScale.LearningRate"/>)
/// The moments see only the likelihood gradient, so every weight decays at the same relative rate α·η_t·λ.
/// The default is PyTorch's AdamW(lr = α, weight_decay = λ): p ← p − lr·wd·p, so values ported from PyTorch code
/// mean the same here (and the blog's θ − η_t m/√v − η_t λθ). With <see cref="WeightDecayScale.ScheduleMultiplier"/>
/// the decay term is η_t·λ·w (the paper's Algorithm 2, where λ is not multiplied by α). Decay touches only parameters
/// with Regularized = true. <see cref="AdamReference"/> writes the same step as a plain loop over the weights.
/// </summary>
public sealed class AdamW : OptimizerBase
{
    public AdamW(double learningRate, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        WeightDecayScale scale = WeightDecayScale.LearningRate)
        : this(Constant(learningRate), weightDecay, beta1, beta2, epsilon, scale) { }

    public AdamW(ILearningRateSchedule schedule, double weightDecay, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, WeightDecayScale scale = WeightDecayScale.LearningRate)
        : base(schedule, stateBuffersPerParameter: 2)
    {
        Guard.NonNegative(weightDecay, nameof(weightDecay));
        Guard.InHalfOpenRange(beta1, 0.0, 1.0, nameof(beta1));
        Guard.InHalfOpenRange(beta2, 0.0, 1.0, nameof(beta2));
        Guard.Positive(epsilon, nameof(epsilon));
        WeightDecay = weightDecay;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Scale = scale;
    }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public WeightDecayScale Scale { get; }

    protected override void Update(Parameter parameter, int t, double rate, double multiplier)
    {
        double decay = parameter.Regularized
            ? WeightDecay * (Scale == WeightDecayScale.ScheduleMultiplier ? multiplier : rate)
            : 0.0;
        UpdateRules.Adam(parameter.Value.Data, parameter.Gradient.Data, State(0, parameter), State(1, parameter),
            Beta1, Beta2, 1.0 / (1.0 - Math.Pow(Beta1, t)), 1.0 / (1.0 - Math.Pow(Beta2, t)), Epsilon,
            step: rate, decay: decay);                                // rate = α·η_t
    }
}
