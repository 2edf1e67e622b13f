using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>What a parameter does in its layer; it decides whether a penalty applies by default.</summary>
public enum ParameterKind
{
    Weight,
    Bias,
}

/// <summary>
/// One trainable tensor and the gradient of the loss with respect to it.
/// Biases are not regularized by default: they shift a unit's input and do not control the
/// function's slope, so shrinking them only adds bias (the sources' advice, derived in notebook 01).
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, ParameterKind kind, Matrix value)
    {
        Name = name;
        Kind = kind;
        Value = value;
        Gradient = new Matrix(value.Rows, value.Cols);
        Regularized = kind == ParameterKind.Weight;
    }

    /// <summary>A readable name such as "layer1.W".</summary>
    public string Name { get; }
    public ParameterKind Kind { get; }
    public Matrix Value { get; }

    /// <summary>∂L/∂Value for the last backward pass (overwritten by each backward pass, not accumulated).</summary>
    public Matrix Gradient { get; }

    /// <summary>Whether penalties and weight decay touch this parameter.</summary>
    public bool Regularized { get; set; }

    public override string ToString() => $"{Name} ({Kind}, {Value.Shape}{(Regularized ? ", regularized" : "")})";
}
