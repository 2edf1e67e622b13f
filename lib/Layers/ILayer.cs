using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>
/// A layer maps a batch (one example per row) forward, and maps ∂L/∂output back to ∂L/∂input,
/// filling the gradients of its own parameters on the way.
/// </summary>
public interface ILayer
{
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Forward pass. <paramref name="training"/> = true samples dropout masks (also used for Monte Carlo
    /// dropout at inference); false is deterministic inference. The returned matrix is a buffer owned by
    /// the layer and reused by the next call with the same batch size: copy it to keep it.
    /// </summary>
    Matrix Forward(Matrix input, bool training);

    /// <summary>
    /// Backward pass for the most recent Forward: takes ∂L/∂output, overwrites each parameter's Gradient,
    /// and returns ∂L/∂input (a reused buffer owned by the layer).
    /// </summary>
    Matrix Backward(Matrix outputGradient);
}
