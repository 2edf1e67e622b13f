namespace RegularizationLab.Optimizers;

/// <summary>
/// A learning-rate schedule in Loshchilov &amp; Hutter's notation: the rate at step t is α·η_t, where α is the initial
/// rate and η_t the schedule multiplier (η_t = 1 for a constant rate). Steps are counted from t = 1.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>α = η₀, the rate the schedule starts from.</summary>
    double InitialRate { get; }

    /// <summary>η_t, the factor applied to α at step t ≥ 1 (t = 0 gives the starting value; a negative t is an error).</summary>
    double Multiplier(int step);

    /// <summary>α·η_t, the learning rate used at step t.</summary>
    double Rate(int step) => InitialRate * Multiplier(step);
}
