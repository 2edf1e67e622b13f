using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>a = tanh(z), elementwise. Backward: ∂L/∂z = ∂L/∂a ⊙ (1 − a²), using the saved output a.</summary>
public sealed class Tanh : ILayer, ICloneableLayer
{
    private readonly BufferCache _outputs = new();
    private readonly BufferCache _inputGradients = new();
    private Matrix? _output;

    public IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

    public Matrix Forward(Matrix input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        var a = _outputs.Get(input.Rows, input.Cols);
        VectorMath.Tanh(input.Data, a.Data);
        _output = a;
        return a;
    }

    public Matrix Backward(Matrix outputGradient)
    {
        var a = _output ?? throw new InvalidOperationException("Backward was called before Forward: run a forward pass first.");
        Errors.Guard.SameShape(a, outputGradient, "the forward output", nameof(outputGradient));
        var dz = _inputGradients.Get(a.Rows, a.Cols);
        VectorMath.TanhBackward(a.Data, outputGradient.Data, dz.Data);
        return dz;
    }

    ILayer ICloneableLayer.CloneLayer(Random random) => new Tanh();

    public override string ToString() => "Tanh";
}
