using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Training;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// The sharpness S(ρ) = E_δ[L(θ + δ)] − L(θ), δ ~ N(0, ρ²I), of lecture 07 (<see cref="Sharpness"/>), with the
/// uncertainty of its Monte Carlo estimate: each of the <see cref="Draws"/> perturbations gives one rise
/// rᵢ = L(θ + δᵢ) − L(θ); the estimate is their mean r̄ and its standard error is sd(r)/√draws. Comparing two networks
/// needs that error: a gap smaller than about two standard errors is not a measured difference.
/// </summary>
public sealed record SharpnessEstimate(double Radius, double Mean, double StandardError, int Draws)
{
    /// <summary>Measures S(ρ) on <paramref name="data"/> with <paramref name="draws"/> ≥ 2 seeded perturbations,
    /// the rises of lecture 07's <see cref="Sharpness.LossRises"/> (one random stream from <paramref name="seed"/>, so
    /// two networks of the same shape measured with the same seed see the same perturbations). The weights are
    /// restored.</summary>
    public static SharpnessEstimate Measure(Sequential network, Objective objective, Dataset data, double radius,
        int draws, int seed)
    {
        if (draws < 2)
            throw new ArgumentOutOfRangeException(nameof(draws), draws,
                $"draws must be at least 2 to estimate a standard error; got {draws}.");
        double[] rises = Sharpness.LossRises(network, objective, data, radius, draws, seed);
        double mean = rises.Average();
        double variance = rises.Sum(r => (r - mean) * (r - mean)) / (draws - 1);
        return new SharpnessEstimate(radius, mean, Math.Sqrt(variance / draws), draws);
    }

    public override string ToString() => $"S({Radius}) = {Mean:F4} ± {StandardError:F4} (s.e., {Draws} draws)";
}
