namespace RegularizationLab.ToyProblems;

/// <summary>
/// How a least-squares loss combines its per-example terms ℓᵢ = (f(xᵢ; φ) − yᵢ)².
/// The two differ only by the constant factor I (the number of examples), so they share minima and gradient
/// directions, but the factor scales gradients, Hessians and hence every sensible learning rate.
/// </summary>
public enum LossReduction
{
    /// <summary>L(φ) = (1/I) Σᵢ ℓᵢ: the average, as in eq. 9.10 (batch losses comparable across batch sizes).</summary>
    Mean,

    /// <summary>L(φ) = Σᵢ ℓᵢ: the plain sum, as the textbook writes the Gabor model's loss in section 6.1.2.</summary>
    Sum,
}
