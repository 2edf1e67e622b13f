using RegularizationLab.Errors;

namespace RegularizationLab.Optimizers;

/// <summary>The same learning rate α at every step (η_t = 1).</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    public ConstantSchedule(double rate)
    {
        Guard.Positive(rate, nameof(rate));
        InitialRate = rate;
    }

    public double InitialRate { get; }

    public double Multiplier(int step)
    {
        Guard.NonNegative(step, nameof(step));
        return 1.0;
    }

    public double Rate(int step) => InitialRate * Multiplier(step);

    public override string ToString() => $"constant {InitialRate}";
}
