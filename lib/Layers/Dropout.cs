using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>
/// Inverted dropout. In training, each activation is multiplied by its own mask entry
///   m = 1/(1−p) with probability 1−p,   m = 0 with probability p      (p = probability of DROPPING),
/// so E[m] = 1 and the expected output equals the input; at inference the layer is the identity.
/// Backward: ∂L/∂a = ∂L/∂out ⊙ m, the same mask (the blog's DropoutLayer).
/// Monte Carlo dropout: call Forward(x, training: true) at inference time and average several passes.
/// </summary>
public sealed class Dropout : ILayer, ICloneableLayer
{
    private readonly BufferCache _outputs = new();
    private readonly BufferCache _masks = new();
    private readonly BufferCache _inputGradients = new();
    private readonly FastRandom _random;
    private Matrix? _fixedKeep;
    private bool _lastWasTraining;

    public Dropout(double dropProbability, Random rng)
    {
        Guard.InHalfOpenRange(dropProbability, 0.0, 1.0, nameof(dropProbability));
        ArgumentNullException.ThrowIfNull(rng);
        DropProbability = dropProbability;
        _random = new FastRandom(rng);
    }

    /// <summary>p, the probability that a unit is dropped (set to zero) in a training pass.</summary>
    public double DropProbability { get; }

    /// <summary>The mask of the last training pass (entries 0 or 1/(1−p)); null before the first one.</summary>
    public Matrix? Mask { get; private set; }

    public IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

    /// <summary>
    /// Uses a chosen mask instead of random draws: <paramref name="keep"/> holds 1 (keep) or 0 (drop) per activation;
    /// training passes then multiply by keep/(1−p). For gradient checks and for enumerating masks by hand.
    /// </summary>
    public void FixMask(Matrix keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        for (int i = 0; i < keep.Length; i++)
            if (keep.Data[i] != 0.0 && keep.Data[i] != 1.0)
                throw new ArgumentException($"keep must contain only 0 (drop) or 1 (keep); entry {i} is {keep.Data[i]}.", nameof(keep));
        _fixedKeep = keep.Clone();
    }

    /// <summary>Returns to sampling a fresh random mask on every training pass.</summary>
    public void ReleaseMask() => _fixedKeep = null;

    public Matrix Forward(Matrix input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        _lastWasTraining = training;
        if (!training) return input;                       // inference: E[m] = 1, so the identity

        var mask = _masks.Get(input.Rows, input.Cols);
        double scale = 1.0 / (1.0 - DropProbability);
        if (_fixedKeep is not null)
        {
            Guard.SameShape(input, _fixedKeep, nameof(input), "the fixed mask");
            for (int i = 0; i < mask.Length; i++) mask.Data[i] = _fixedKeep.Data[i] * scale;
        }
        else
        {
            // Draw u ~ U[0, 1) per activation, then m = 0 if u < p (probability p) else 1/(1−p).
            _random.FillUniform(mask.Data);
            VectorMath.KeepWhereAtLeast(mask.Data, DropProbability, scale);
        }
        Mask = mask;
        var output = _outputs.Get(input.Rows, input.Cols);
        VectorMath.Multiply(input.Data, mask.Data, output.Data);
        return output;
    }

    public Matrix Backward(Matrix outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!_lastWasTraining) return outputGradient;      // the identity passes gradients through
        var mask = Mask!;
        Guard.SameShape(mask, outputGradient, "the forward input", nameof(outputGradient));
        var dx = _inputGradients.Get(mask.Rows, mask.Cols);
        VectorMath.Multiply(outputGradient.Data, mask.Data, dx.Data);
        return dx;
    }

    ILayer ICloneableLayer.CloneLayer(Random random) => new Dropout(DropProbability, random);

    public override string ToString() => $"Dropout(p = {DropProbability})";
}
