using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// How flat a minimum is, measured the way weight noise "sees" it: the average rise of the loss when every weight is
/// perturbed by independent Gaussian noise of standard deviation ρ,
///     S(ρ) = E_δ[L(θ + δ)] − L(θ),   δ ~ N(0, ρ² I),
/// estimated from <c>draws</c> perturbations. For small ρ, S(ρ) ≈ ½ρ² tr ∇²L(θ): a wide, flat minimum has a small S.
/// The network's weights are restored afterwards.
/// </summary>
public static class Sharpness
{
    /// <summary>S(ρ) on <paramref name="data"/>, averaged over <paramref name="draws"/> seeded perturbations.</summary>
    public static double LossRiseUnderWeightNoise(Sequential network, Objective objective, Dataset data, double radius,
        int draws, int seed) => LossRises(network, objective, data, radius, draws, seed).Average();

    /// <summary>
    /// The individual rises L(θ + δ_d) − L(θ), d = 1 … draws, whose mean is S(ρ): their spread gives the Monte Carlo
    /// standard error sd/√draws. The same seed draws the same δ_d for two networks of the same shape, so the rises of
    /// two networks can be compared draw by draw (a paired comparison with a smaller error than two separate means).
    /// </summary>
    public static double[] LossRises(Sequential network, Objective objective, Dataset data, double radius,
        int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(data);
        Guard.NonNegative(radius, nameof(radius));
        Guard.Finite(radius, nameof(radius));
        Guard.Positive(draws, nameof(draws));
        ParameterSnapshot clean = network.Snapshot();
        double baseline = Evaluation.Evaluate(network, objective, data).Loss;
        var random = new Random(seed);
        var rises = new double[draws];
        try
        {
            for (int d = 0; d < draws; d++)
            {
                foreach (Parameter parameter in network.Parameters)
                {
                    double[] value = parameter.Value.Data;
                    for (int i = 0; i < value.Length; i++) value[i] += radius * random.NextGaussian();
                }
                rises[d] = Evaluation.Evaluate(network, objective, data).Loss - baseline;
                network.Restore(clean);
            }
        }
        finally
        {
            network.Restore(clean);
        }
        return rises;
    }
}
