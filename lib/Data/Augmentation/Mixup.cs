using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>The result of one mixup step: mixed inputs, soft targets, the λ used and each row's partner.</summary>
public sealed record MixupBatch(Matrix Inputs, Matrix Targets, double Lambda, int[] Partners);

/// <summary>
/// Mixup (Zhang et al., 2018): train on convex combinations of pairs of examples and of their one-hot labels,
///   x̃ = λ·xᵢ + (1 − λ)·xⱼ,   ỹ = λ·yᵢ + (1 − λ)·yⱼ,   λ ~ Beta(α, α),
/// which asks the network to behave linearly between training examples. As in the authors' implementation, one λ is
/// drawn per mini-batch and the partner j of row i is given by a random permutation of the batch.
/// Use the soft targets with <c>SoftmaxCrossEntropy.Compute(logits, targetDistribution, gradient)</c>.
/// <para>Random stream per call: λ (two Gamma draws; none when λ is fixed), then the permutation.</para>
/// </summary>
public sealed class Mixup
{
    private readonly Random _rng;

    /// <summary>Mixup with λ ~ Beta(α, α) (α = 0.2 … 0.4 is common; α = 1 makes λ uniform on [0, 1]).</summary>
    public Mixup(double alpha, int seed)
    {
        Guard.Positive(alpha, nameof(alpha));
        Alpha = alpha;
        _rng = new Random(seed);
    }

    private Mixup(int seed, double fixedLambda)
    {
        Guard.InRange(fixedLambda, 0, 1, "lambda");
        FixedLambda = fixedLambda;
        _rng = new Random(seed);
    }

    /// <summary>Mixup with the same λ ∈ [0, 1] every time (partners still random): handy for demonstrations and tests.</summary>
    public static Mixup WithFixedLambda(double lambda, int seed) => new(seed, lambda);

    /// <summary>α of Beta(α, α); null when λ is fixed.</summary>
    public double? Alpha { get; }

    /// <summary>The fixed λ; null when λ is drawn.</summary>
    public double? FixedLambda { get; }

    /// <summary>
    /// Mixes a batch. Returns new matrices: inputs n × d and targets n × classCount (rows sum to 1).
    /// </summary>
    public MixupBatch Apply(Matrix inputs, ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Guard.Positive(classCount, nameof(classCount));
        if (labels.Length != inputs.Rows)
            throw new ArgumentException($"labels has {labels.Length} entries, but inputs has {inputs.Rows} rows; they must match.", nameof(labels));
        double lambda = FixedLambda ?? BetaDistribution.Sample(_rng, Alpha!.Value, Alpha!.Value);
        int[] partners = _rng.Permutation(inputs.Rows);

        var mixed = new Matrix(inputs.Rows, inputs.Cols);
        var targets = new Matrix(inputs.Rows, classCount);
        for (int i = 0; i < inputs.Rows; i++)
        {
            int j = partners[i];
            if ((uint)labels[i] >= (uint)classCount || (uint)labels[j] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[(uint)labels[i] >= (uint)classCount ? i : j],
                    $"labels must be in 0 … {classCount - 1}.");
            Mix(inputs.Row(i), inputs.Row(j), lambda, mixed.Row(i));
            targets[i, labels[i]] += lambda;
            targets[i, labels[j]] += 1 - lambda;
        }
        return new MixupBatch(mixed, targets, lambda, partners);
    }

    /// <summary>destination = λ·a + (1 − λ)·b, elementwise.</summary>
    public static void Mix(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double lambda, Span<double> destination)
    {
        if (a.Length != b.Length || destination.Length != a.Length)
            throw new ArgumentException($"a, b and destination must have the same length; got {a.Length}, {b.Length}, {destination.Length}.", nameof(destination));
        for (int k = 0; k < a.Length; k++) destination[k] = lambda * a[k] + (1 - lambda) * b[k];
    }
}
