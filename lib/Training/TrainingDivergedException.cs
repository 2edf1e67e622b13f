namespace RegularizationLab.Training;

/// <summary>
/// Thrown (only when <see cref="TrainerOptions.ThrowOnDivergence"/> is true) when the training loss becomes NaN or ∞.
/// By default the trainer does not throw: it stops and sets <see cref="History.Diverged"/> and
/// <see cref="History.DivergenceMessage"/>, so a notebook cell prints a friendly message instead of crashing.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(DivergenceReport report) : base(report.Message) => Report = report;

    public DivergenceReport Report { get; }
}

/// <summary>Where and how the loss stopped being finite.</summary>
/// <param name="Step">The step (1-based mini-batch count) whose loss was not finite.</param>
/// <param name="Epoch">The epoch (1-based) of that step.</param>
/// <param name="Loss">The non-finite loss value (NaN, +∞ or −∞).</param>
/// <param name="LastFiniteLoss">The last finite batch loss (NaN if the very first step failed).</param>
/// <param name="LastFiniteStep">The step of that loss (0 if none).</param>
/// <param name="LearningRate">The learning rate of the last step taken.</param>
/// <param name="Message">A readable explanation with the likely cause.</param>
public sealed record DivergenceReport(
    long Step, int Epoch, double Loss, double LastFiniteLoss, long LastFiniteStep, double LearningRate, string Message);
