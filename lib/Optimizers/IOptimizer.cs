using RegularizationLab.Layers;

namespace RegularizationLab.Optimizers;

/// <summary>
/// Updates parameters from their gradients. <see cref="Parameter.Gradient"/> holds the likelihood gradient only;
/// each optimizer adds its penalty or decay itself, and only to parameters with <see cref="Parameter.Regularized"/>.
/// </summary>
public interface IOptimizer
{
    /// <summary>t, the number of steps taken (the last step used t).</summary>
    int StepCount { get; }

    /// <summary>The learning rate α·η_t of the last step.</summary>
    double CurrentLearningRate { get; }

    /// <summary>Takes step t = StepCount + 1. State (momentum, moments) is kept per Parameter object.</summary>
    void Step(IReadOnlyList<Parameter> parameters);

    /// <summary>Forgets all state and sets t back to 0.</summary>
    void Reset();
}
