namespace RegularizationLab.Regularizers;

/// <summary>
/// Where the factor ½ goes in an L2 penalty. Both are common; mixing them up silently doubles λ.
/// </summary>
public enum L2Convention
{
    /// <summary>R = λ Σ w²,  ∂R/∂w = 2λw. The textbook (eq. 9.5) and the blog's loss formula.</summary>
    LambdaSumOfSquares,

    /// <summary>R = (λ/2) Σ w²,  ∂R/∂w = λw. The blog's SGDOptimizer code (reg = λ·W) and PyTorch's weight_decay.</summary>
    HalfLambdaSumOfSquares,
}
