using RegularizationLab.Data;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Training;

/// <summary>
/// The data term of the training loss, connected to what a data set provides: softmax cross-entropy against
/// class labels, or mean squared error against regression targets. Penalties (L2, L1, weight decay) live in the
/// optimizer, as in the blog's code, so an objective is only the likelihood part.
/// A <see cref="SoftmaxCrossEntropy"/> or <see cref="MeanSquaredError"/> converts to an objective implicitly,
/// so <c>new Trainer(net, new SoftmaxCrossEntropy(), optimizer, options)</c> just works.
/// </summary>
public sealed class Objective
{
    private readonly SoftmaxCrossEntropy? _crossEntropy;
    private readonly MeanSquaredError? _squaredError;

    private Objective(SoftmaxCrossEntropy? crossEntropy, MeanSquaredError? squaredError)
    {
        _crossEntropy = crossEntropy;
        _squaredError = squaredError;
    }

    /// <summary>Softmax cross-entropy against labels (optionally label-smoothed via the loss object).</summary>
    public static Objective CrossEntropy(SoftmaxCrossEntropy? loss = null) => new(loss ?? new SoftmaxCrossEntropy(), null);

    /// <summary>Mean squared error against targets.</summary>
    public static Objective SquaredError(MeanSquaredError? loss = null) => new(null, loss ?? new MeanSquaredError());

    public static implicit operator Objective(SoftmaxCrossEntropy loss) => CrossEntropy(loss);
    public static implicit operator Objective(MeanSquaredError loss) => SquaredError(loss);

    /// <summary>True for cross-entropy (labels, accuracy is defined); false for squared error (targets).</summary>
    public bool IsClassification => _crossEntropy is not null;

    public string Name => _crossEntropy is { } ce
        ? ce.Smoothing > 0 ? $"cross-entropy (label smoothing ε = {ce.Smoothing}, {ce.Convention})" : "cross-entropy"
        : "mean squared error";

    /// <summary>Checks that <paramref name="data"/> has what this objective needs and fits a network with
    /// <paramref name="outputWidth"/> outputs; names <paramref name="argument"/> in the error.</summary>
    public void CheckCompatible(Dataset data, int inputWidth, int outputWidth, string argument)
    {
        ArgumentNullException.ThrowIfNull(data, argument);
        if (inputWidth > 0 && data.FeatureCount != inputWidth)
            throw new ArgumentException(
                $"{argument} has {data.FeatureCount} features per example, but the network expects {inputWidth} inputs.",
                argument);
        if (IsClassification)
        {
            if (data.Labels is null)
                throw new ArgumentException(
                    $"{argument} has regression targets, but the objective is cross-entropy, which needs class labels.", argument);
            if (outputWidth > 0 && data.ClassCount > outputWidth)
                throw new ArgumentException(
                    $"{argument} has {data.ClassCount} classes, but the network has only {outputWidth} outputs (one logit per class).",
                    argument);
        }
        else
        {
            if (data.Targets is null)
                throw new ArgumentException(
                    $"{argument} has class labels, but the objective is mean squared error, which needs regression targets.", argument);
            if (outputWidth > 0 && data.Targets.Cols != outputWidth)
                throw new ArgumentException(
                    $"{argument} has {data.Targets.Cols} target columns, but the network has {outputWidth} outputs.", argument);
        }
    }

    /// <summary>
    /// The mean loss of a batch and, if <paramref name="gradient"/> is given, ∂(mean loss)/∂outputs written into it.
    /// Pass labels for cross-entropy, targets for squared error.
    /// </summary>
    public double Compute(Matrix outputs, ReadOnlySpan<int> labels, Matrix? targets, Matrix? gradient)
    {
        if (_crossEntropy is not null) return _crossEntropy.Compute(outputs, labels, gradient);
        return _squaredError!.Compute(outputs, targets ?? throw new ArgumentNullException(nameof(targets)), gradient);
    }

    public override string ToString() => Name;
}
