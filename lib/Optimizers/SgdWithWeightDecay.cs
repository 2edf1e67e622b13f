using RegularizationLab.Errors;
using RegularizationLab.Layers;

namespace RegularizationLab.Optimizers;

/// <summary>
/// SGD with DECOUPLED weight decay (textbook eq. 9.13; Loshchilov &amp; Hutter's SGDW):
///   v ← μ·v + ∇L,   w ← (1 − d_t)·w − α_t·v,    d_t = λ'·η_t (default) or λ'·α_t (see <see cref="WeightDecayScale"/>).
/// The decay never enters the gradient (or the momentum). For μ = 0 and a constant rate α it equals coupled L2:
///   w − α(∇L + 2λw) = (1 − 2αλ)w − α∇L  ⇒  λ' = 2αλ for R = λΣw²  (λ' = αλ for R = (λ/2)Σw²).
/// </summary>
public sealed class SgdWithWeightDecay : OptimizerBase
{
    public SgdWithWeightDecay(double learningRate, double decay, double momentum = 0.0,
        WeightDecayScale scale = WeightDecayScale.ScheduleMultiplier)
        : this(Constant(learningRate), decay, momentum, scale) { }

    public SgdWithWeightDecay(ILearningRateSchedule schedule, double decay, double momentum = 0.0,
        WeightDecayScale scale = WeightDecayScale.ScheduleMultiplier)
        : base(schedule, stateBuffersPerParameter: 1)
    {
        Guard.NonNegative(decay, nameof(decay));
        CheckMomentum(momentum);
        CheckScale(scale);
        DecayFraction(decay, scale, schedule.Rate(1), schedule.Multiplier(1), nameof(decay));   // the first step's d₁ ≤ 1
        Decay = decay;
        Momentum = momentum;
        Scale = scale;
    }

    /// <summary>λ', the fraction of each weight removed per step (before schedule scaling).</summary>
    public double Decay { get; }
    public double Momentum { get; }
    public WeightDecayScale Scale { get; }

    protected override void Update(Parameter parameter, int t, double rate, double multiplier)
    {
        double shrink = parameter.Regularized ? DecayFraction(Decay, Scale, rate, multiplier, "decay") : 0.0;
        ReadOnlySpan<double> direction = parameter.Gradient.Data;
        if (Momentum != 0)
        {
            var v = State(0, parameter).AsSpan();
            UpdateRules.Momentum(v, direction, Momentum);            // v ← μv + ∇L
            direction = v;
        }
        UpdateRules.ShrinkAndStep(parameter.Value.Data, direction, 1.0 - shrink, rate);   // w ← (1 − d_t)w − α_t v
    }
}
