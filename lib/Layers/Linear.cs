using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>
/// A fully connected layer, z = x·W + b for each example x (a row). W is inputs × outputs, so column i of W holds the
/// incoming weights of unit i. For a batch X (n × inputs): Z = X·W + 1·b, and the backward pass is
///   ∂L/∂W = Xᵀ·δ,   ∂L/∂b = Σ_rows δ,   ∂L/∂X = δ·Wᵀ,   where δ = ∂L/∂Z.
/// </summary>
public sealed class Linear : ILayer, ICloneableLayer
{
    private readonly BufferCache _outputs = new();
    private readonly BufferCache _inputGradients = new();
    private Matrix? _input;

    public Linear(int inputs, int outputs, Random rng, Initialization init = Initialization.XavierUniform, string name = "linear")
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.Positive(outputs, nameof(outputs));
        ArgumentNullException.ThrowIfNull(rng);
        Inputs = inputs;
        Outputs = outputs;
        Weight = new Parameter($"{name}.W", ParameterKind.Weight, new Matrix(inputs, outputs));
        Bias = new Parameter($"{name}.b", ParameterKind.Bias, new Matrix(1, outputs));
        Parameters = new[] { Weight, Bias };
        Initialize(init, rng);
    }

    private Linear(Linear source)
    {
        Inputs = source.Inputs;
        Outputs = source.Outputs;
        Weight = new Parameter(source.Weight.Name, ParameterKind.Weight, source.Weight.Value.Clone()) { Regularized = source.Weight.Regularized };
        Bias = new Parameter(source.Bias.Name, ParameterKind.Bias, source.Bias.Value.Clone()) { Regularized = source.Bias.Regularized };
        Parameters = new[] { Weight, Bias };
    }

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>W, inputs × outputs.</summary>
    public Parameter Weight { get; }

    /// <summary>b, 1 × outputs.</summary>
    public Parameter Bias { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    private void Initialize(Initialization init, Random rng)
    {
        double fanIn = Inputs, fanOut = Outputs;
        Span<double> w = Weight.Value.Data;
        switch (init)
        {
            case Initialization.XavierUniform: FillUniform(w, Math.Sqrt(6.0 / (fanIn + fanOut)), rng); break;
            case Initialization.XavierNormal: FillNormal(w, Math.Sqrt(2.0 / (fanIn + fanOut)), rng); break;
            case Initialization.HeNormal: FillNormal(w, Math.Sqrt(2.0 / fanIn), rng); break;
            case Initialization.HeUniform: FillUniform(w, Math.Sqrt(6.0 / fanIn), rng); break;
            case Initialization.UniformFanIn:
                FillUniform(w, 1.0 / Math.Sqrt(fanIn), rng);
                FillUniform(Bias.Value.Data, 1.0 / Math.Sqrt(fanIn), rng);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, $"init must be one of {string.Join(", ", Enum.GetNames<Initialization>())}; got {init}.");
        }
    }

    private static void FillUniform(Span<double> values, double limit, Random rng)
    {
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextUniform(-limit, limit);
    }

    private static void FillNormal(Span<double> values, double standardDeviation, Random rng)
    {
        for (int i = 0; i < values.Length; i++) values[i] = standardDeviation * rng.NextGaussian();
    }

    /// <summary>Z = X·W + b. Keeps a reference to <paramref name="input"/> for the backward pass.</summary>
    public Matrix Forward(Matrix input, bool training)
    {
        Guard.Columns(input, Inputs, nameof(input), "columns (features)");
        var z = _outputs.Get(input.Rows, Outputs);
        // Start every row at b, then add X·W on top: z = b + Σⱼ xⱼ Wⱼ.
        var b = Bias.Value.Data.AsSpan();
        for (int r = 0; r < z.Rows; r++) b.CopyTo(z.Data.AsSpan(r * Outputs, Outputs));
        MatrixProducts.Multiply(input, Weight.Value, z, accumulate: true);
        _input = input;
        return z;
    }

    /// <summary>Fills ∂L/∂W and ∂L/∂b and returns ∂L/∂X = δ·Wᵀ.</summary>
    public Matrix Backward(Matrix outputGradient)
    {
        BackwardParametersOnly(outputGradient);
        var dx = _inputGradients.Get(outputGradient.Rows, Inputs);
        MatrixProducts.MultiplyTransposedRight(outputGradient, Weight.Value, dx);
        return dx;
    }

    /// <summary>
    /// Fills ∂L/∂W = Xᵀ·δ and ∂L/∂b = Σ_rows δ but skips ∂L/∂X: the first layer of a network needs no input gradient
    /// during training, and for a 784-input layer that product is a third of the layer's work.
    /// </summary>
    public void BackwardParametersOnly(Matrix outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward was called before Forward: run a forward pass first.");
        Guard.Shape(outputGradient, input.Rows, Outputs, nameof(outputGradient));
        MatrixProducts.MultiplyTransposedLeft(input, outputGradient, Weight.Gradient);

        // ∂L/∂b_j = Σ_r δ_rj: add the rows of δ.
        var db = Bias.Gradient.Data.AsSpan();
        outputGradient.Data.AsSpan(0, Outputs).CopyTo(db);
        for (int r = 1; r < outputGradient.Rows; r++)
            VectorMath.Axpy(1.0, outputGradient.Data.AsSpan(r * Outputs, Outputs), db);
    }

    ILayer ICloneableLayer.CloneLayer(Random random) => new Linear(this);

    public override string ToString() => $"Linear({Inputs} → {Outputs})";
}
