using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>a = max(z, 0), elementwise. Backward: ∂L/∂z = ∂L/∂a ⊙ 1[z &gt; 0] (0 at the kink z = 0).</summary>
public sealed class Relu : ILayer, ICloneableLayer
{
    private readonly BufferCache _outputs = new();
    private readonly BufferCache _inputGradients = new();
    private Matrix? _input;

    public IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

    public Matrix Forward(Matrix input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        var a = _outputs.Get(input.Rows, input.Cols);
        VectorMath.Relu(input.Data, a.Data);
        _input = input;
        return a;
    }

    public Matrix Backward(Matrix outputGradient)
    {
        var z = _input ?? throw new InvalidOperationException("Backward was called before Forward: run a forward pass first.");
        Errors.Guard.SameShape(z, outputGradient, "the forward input", nameof(outputGradient));
        var dz = _inputGradients.Get(z.Rows, z.Cols);
        VectorMath.ReluBackward(z.Data, outputGradient.Data, dz.Data);
        return dz;
    }

    ILayer ICloneableLayer.CloneLayer(Random random) => new Relu();

    public override string ToString() => "ReLU";
}
