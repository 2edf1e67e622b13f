using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Optimizers;

/// <summary>
/// Stochastic gradient descent with the penalty COUPLED into the gradient (added to the loss):
///   g = ∇L + ∂R/∂w            (R only on parameters with Regularized = true)
///   v ← μ·v + g,  w ← w − α_t·v        (μ = 0: w ← w − α_t·g)
/// With <see cref="L2Penalty"/> this is "L2 regularization"; for plain SGD it equals decoupled weight decay
/// (<see cref="SgdWithWeightDecay"/>) with λ' = α·∂R/∂w-factor, e.g. λ' = 2αλ for R = λΣw².
/// </summary>
public sealed class Sgd : OptimizerBase
{
    public Sgd(double learningRate, double momentum = 0.0, IPenalty? penalty = null)
        : this(Constant(learningRate), momentum, penalty) { }

    public Sgd(ILearningRateSchedule schedule, double momentum = 0.0, IPenalty? penalty = null)
        : base(schedule, stateBuffersPerParameter: 2)
    {
        CheckMomentum(momentum);
        Momentum = momentum;
        Penalty = penalty;
    }

    /// <summary>
    /// The optimizer of Praturu's blog post on regularization, SGDOptimizer(model, lr0, a, tau, weight_decay, l1):
    /// rate lr0/(1 + t/τ)^a and reg = λ·W (L2, i.e. R = (λ/2)Σw²) or reg = λ·sign(W) (L1, R = λΣ|w|), added to the
    /// gradient. The blog also decays biases; set Regularized = true on the bias parameters to reproduce that exactly.
    /// </summary>
    public static Sgd LikeTheBlog(double lr0, double a, double tau, double weightDecay = 0.0, bool l1 = false)
    {
        Guard.NonNegative(weightDecay, nameof(weightDecay));
        IPenalty? penalty = weightDecay == 0 ? null
            : l1 ? new L1Penalty(weightDecay)
            : new L2Penalty(weightDecay, L2Convention.HalfLambdaSumOfSquares);
        return new Sgd(new PowerLawSchedule(lr0, a, tau), 0.0, penalty);
    }

    public double Momentum { get; }
    public IPenalty? Penalty { get; }

    protected override void Update(Parameter parameter, int t, double rate, double multiplier)
    {
        Span<double> w = parameter.Value.Data;
        ReadOnlySpan<double> gradient = parameter.Gradient.Data;
        bool penalized = Penalty is not null && parameter.Regularized;

        if (!penalized && Momentum == 0)
        {
            VectorMath.Axpy(-rate, gradient, w);                     // w ← w − α_t ∇L
            return;
        }

        // d = ∇L + ∂R/∂w
        var d = State(0, parameter).AsSpan();
        gradient.CopyTo(d);
        if (penalized) Penalty!.AddGradient(w, d);

        if (Momentum != 0)
        {
            var v = State(1, parameter).AsSpan();
            UpdateRules.Momentum(v, d, Momentum);                   // v ← μv + d
            VectorMath.Axpy(-rate, v, w);                            // w ← w − α_t v
        }
        else
        {
            VectorMath.Axpy(-rate, d, w);                            // w ← w − α_t d
        }
    }
}
