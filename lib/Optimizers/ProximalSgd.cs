using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Optimizers;

/// <summary>
/// Proximal gradient descent (ISTA) for L̃ = L + λΣ|w|: a gradient step on the smooth part, then the prox of the
/// L1 part, which is soft-thresholding with threshold α_t·λ:
///   w ← S_{α_t λ}(w − α_t ∇L),   S_t(v) = sign(v)·max(|v| − t, 0).
/// Any weight whose gradient step lands within α_t·λ of zero becomes exactly 0 — the sparsity the subgradient
/// method only approaches while oscillating around zero. Unregularized parameters get the plain step.
/// </summary>
public sealed class ProximalSgd : OptimizerBase
{
    public ProximalSgd(double learningRate, double l1Strength) : this(Constant(learningRate), l1Strength) { }

    public ProximalSgd(ILearningRateSchedule schedule, double l1Strength) : base(schedule, stateBuffersPerParameter: 0)
    {
        Guard.NonNegative(l1Strength, nameof(l1Strength));
        L1Strength = l1Strength;
    }

    /// <summary>λ in R = λΣ|w|.</summary>
    public double L1Strength { get; }

    protected override void Update(Parameter parameter, int t, double rate, double multiplier)
    {
        Span<double> w = parameter.Value.Data;
        VectorMath.Axpy(-rate, parameter.Gradient.Data, w);          // v = w − α_t ∇L
        if (parameter.Regularized)
            SoftThresholding.ApplyInPlace(w, rate * L1Strength);     // w = S_{α_t λ}(v)
    }
}
