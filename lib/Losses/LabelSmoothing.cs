namespace RegularizationLab.Losses;

/// <summary>
/// The two label-smoothing conventions in the literature. With K classes, smoothing ε and true class j:
/// </summary>
public enum LabelSmoothing
{
    /// <summary>The blog's convention: ỹ_j = 1 − ε, ỹ_k = ε/(K−1) for every k ≠ j.</summary>
    SpreadOverOtherClasses,

    /// <summary>PyTorch's (label_smoothing = ε): ỹ = (1 − ε)·onehot + ε/K, so ỹ_j = 1 − ε + ε/K and ỹ_k = ε/K.</summary>
    SpreadOverAllClasses,
}
