using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>
/// Layers applied one after another: forward from first to last, backward from last to first (the chain rule).
/// </summary>
public class Sequential : ILayer
{
    private readonly ILayer[] _layers;
    private readonly Parameter[] _parameters;

    public Sequential(params ILayer[] layers) : this((IEnumerable<ILayer>)layers) { }

    public Sequential(IEnumerable<ILayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToArray();
        if (_layers.Length == 0)
            throw new ArgumentException("layers must contain at least one layer; got 0.", nameof(layers));
        for (int i = 0; i < _layers.Length; i++)
            if (_layers[i] is null) throw new ArgumentException($"layers[{i}] is null.", nameof(layers));
        _parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        LinearLayers = _layers.OfType<Linear>().ToArray();
        DropoutLayers = _layers.OfType<Dropout>().ToArray();
        TellDropoutLayersTheirWidth();
        ParameterCount = _parameters.Sum(p => p.Value.Length);
    }

    /// <summary>
    /// A dropout layer acts on as many units as the nearest linear layer before it outputs (activations keep the
    /// width); telling it lets <see cref="Dropout.FixMask"/> reject a wrongly shaped mask at once.
    /// </summary>
    private void TellDropoutLayersTheirWidth()
    {
        int width = 0;
        foreach (var layer in _layers)
        {
            if (layer is Linear linear) width = linear.Outputs;
            else if (layer is Dropout dropout && width > 0) dropout.Width = width;
            else if (layer is not (Dropout or Tanh or Relu)) width = 0;    // an unknown layer may change the width
        }
    }

    public IReadOnlyList<ILayer> Layers => _layers;
    public IReadOnlyList<Parameter> Parameters => _parameters;
    public IReadOnlyList<Linear> LinearLayers { get; }
    public IReadOnlyList<Dropout> DropoutLayers { get; }

    /// <summary>The total number of trainable scalars.</summary>
    public int ParameterCount { get; }

    /// <summary>Features per example the network expects (from its first linear layer; 0 if it has none).</summary>
    public int InputWidth => LinearLayers.Count > 0 ? LinearLayers[0].Inputs : 0;

    /// <summary>Outputs per example (from its last linear layer; 0 if it has none).</summary>
    public int OutputWidth => LinearLayers.Count > 0 ? LinearLayers[^1].Outputs : 0;

    /// <summary>Runs every layer. Rejects NaN/∞ inputs and a wrong number of features with a clear message.</summary>
    public Matrix Forward(Matrix input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (InputWidth > 0) Guard.Columns(input, InputWidth, nameof(input), "features per example");
        Guard.AllFinite(input, nameof(input));
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x, training);
        return x;
    }

    /// <summary>Back-propagates ∂L/∂output through every layer; returns ∂L/∂input.</summary>
    public Matrix Backward(Matrix outputGradient)
    {
        var g = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--) g = _layers[i].Backward(g);
        return g;
    }

    /// <summary>Like <see cref="Backward"/> but skips the input gradient of a first linear layer (what training needs).</summary>
    public void BackwardParametersOnly(Matrix outputGradient)
    {
        var g = outputGradient;
        for (int i = _layers.Length - 1; i >= 1; i--) g = _layers[i].Backward(g);
        if (_layers[0] is Linear first) first.BackwardParametersOnly(g);
        else _layers[0].Backward(g);
    }

    /// <summary>An inference pass (dropout off) whose result is a new matrix, safe to keep.</summary>
    public Matrix Predict(Matrix input) => Forward(input, training: false).Clone();

    public ParameterSnapshot Snapshot() => new(_parameters);

    /// <summary>Copies the values saved in <paramref name="snapshot"/> back into the parameters.</summary>
    public void Restore(ParameterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Values.Count != _parameters.Length)
            throw new ArgumentException(
                $"snapshot holds {snapshot.Values.Count} parameters but this network has {_parameters.Length}; take the snapshot from the same architecture.",
                nameof(snapshot));
        for (int i = 0; i < _parameters.Length; i++)
        {
            Matrix saved = snapshot.Values[i], current = _parameters[i].Value;
            if (!saved.SameShape(current))
                throw new ArgumentException(
                    $"snapshot's parameter {i} (\"{snapshot.Names[i]}\") is {saved.Shape} but this network's " +
                    $"\"{_parameters[i].Name}\" is {current.Shape}; take the snapshot from the same architecture.",
                    nameof(snapshot));
        }
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i].Value.CopyFrom(snapshot.Values[i]);
    }

    /// <summary>Copies every parameter value of <paramref name="source"/> (same architecture) into this network.</summary>
    public void CopyParametersFrom(Sequential source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source._parameters.Length != _parameters.Length)
            throw new ArgumentException(
                $"source has {source._parameters.Length} parameters but this network has {_parameters.Length}; the architectures must match.",
                nameof(source));
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i].Value.CopyFrom(source._parameters[i].Value);
    }

    /// <summary>
    /// A deep copy: same layers and parameter values, fresh buffers. Dropout layer i of the copy draws its masks from
    /// new Random(dropoutSeed + i).
    /// </summary>
    public Sequential Clone(int dropoutSeed = 0)
    {
        var copies = new ILayer[_layers.Length];
        for (int i = 0; i < _layers.Length; i++)
        {
            if (_layers[i] is not ICloneableLayer cloneable)
                throw new NotSupportedException($"Layer {i} ({_layers[i].GetType().Name}) cannot be cloned; only the library's layers can.");
            copies[i] = cloneable.CloneLayer(new Random(dropoutSeed + i));
        }
        return new Sequential(copies);
    }

    public override string ToString() => string.Join(" → ", _layers.Select(l => l.ToString()));
}
