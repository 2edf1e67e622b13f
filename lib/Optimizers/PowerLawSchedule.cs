using RegularizationLab.Errors;

namespace RegularizationLab.Optimizers;

/// <summary>
/// The power-law decay of Praturu's blog post: η(t) = η₀ / (1 + t/τ)^a  (its SGDOptimizer: lr0 / np.power(1 + t/tau, a)).
/// For t ≪ τ the rate is ≈ η₀; for t ≫ τ it falls like t^(−a). The appendix lists (η₀, a, τ), e.g. (0.15, 1, 5·10⁴).
/// </summary>
public sealed class PowerLawSchedule : ILearningRateSchedule
{
    public PowerLawSchedule(double initialRate, double exponent, double timescale)
    {
        Guard.Positive(initialRate, nameof(initialRate));
        Guard.NonNegative(exponent, nameof(exponent));
        Guard.Positive(timescale, nameof(timescale));
        InitialRate = initialRate;
        Exponent = exponent;
        Timescale = timescale;
    }

    public double InitialRate { get; }

    /// <summary>a.</summary>
    public double Exponent { get; }

    /// <summary>τ, in steps.</summary>
    public double Timescale { get; }

    public double Multiplier(int step) => 1.0 / Math.Pow(1.0 + step / Timescale, Exponent);

    public double Rate(int step) => InitialRate * Multiplier(step);

    public override string ToString() => $"power law η₀ = {InitialRate}, a = {Exponent}, τ = {Timescale}";
}
