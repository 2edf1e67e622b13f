namespace RegularizationLab.ToyProblems;

/// <summary>
/// A smooth loss L(φ) of a handful of parameters with its gradient ∇L and Hessian H = ∇²L in closed form.
/// Small enough to draw, exact enough to test numerical claims about optimizers against (no finite differences
/// inside: those would add an error larger than the α³ effects we want to measure).
/// </summary>
public interface ISmoothLoss
{
    /// <summary>Number of parameters (the length of φ).</summary>
    int Dimension { get; }

    /// <summary>L(φ).</summary>
    double Value(double[] phi);

    /// <summary>∇L(φ), a new array of length <see cref="Dimension"/>.</summary>
    double[] Gradient(double[] phi);

    /// <summary>H(φ) = ∂²L/∂φ∂φᵀ, a new symmetric Dimension × Dimension array.</summary>
    double[,] Hessian(double[] phi);
}
