using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Analysis.Tests;

/// <summary>The per-draw sharpness rises and the weight-noise experiment of lecture 07 (its standard errors).</summary>
public class FlatMinimaExperimentTests
{
    private static (Sequential Net, Dataset Data) LinearRegression()
    {
        var random = new Random(9);
        var x = Enumerable.Range(0, 50).Select(_ => random.NextGaussian()).ToArray();
        var y = x.Select(v => 2 * v + 0.3 * random.NextGaussian()).ToArray();
        // Put the network at the least-squares fit, a minimum: there the rises have no first-order term.
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
        var layer = new Linear(1, 1, new Random(1));
        layer.Weight.Value[0, 0] = slope;
        layer.Bias.Value[0, 0] = my - slope * mx;
        return (new Sequential(layer), new Dataset(new Matrix(50, 1, x), new Matrix(50, 1, y)));
    }

    [Fact]
    public void The_rises_average_to_the_sharpness_and_their_spread_gives_its_standard_error()
    {
        var (net, data) = LinearRegression();
        double[] rises = Sharpness.LossRises(net, new MeanSquaredError(), data, radius: 0.1, draws: 400, seed: 3);
        Assert.Equal(400, rises.Length);
        Assert.Equal(Sharpness.LossRiseUnderWeightNoise(net, new MeanSquaredError(), data, 0.1, 400, seed: 3),
            rises.Average(), 1e-15);
        // Same seed, same perturbations: the rises repeat draw by draw (what makes paired comparisons possible).
        Assert.Equal(rises, Sharpness.LossRises(net, new MeanSquaredError(), data, 0.1, 400, seed: 3));
        // The exact S = ρ²(E[x²] + 1) lies within 4 standard errors of the estimate.
        double exact = 0.01 * (data.Features.Data.Average(v => v * v) + 1);
        double se = FlatMinimaExperiment.StandardError(rises);
        Assert.InRange(exact, rises.Average() - 4 * se, rises.Average() + 4 * se);
        Assert.True(se < 0.1 * exact, $"at a minimum the standard error {se} is small next to {exact}");
    }

    [Fact]
    public void Standard_error_is_sd_over_root_n_and_needs_two_values()
    {
        // sd of {1, 2, 3, 4} is √(5/3); divided by √4.
        Assert.Equal(Math.Sqrt(5.0 / 3) / 2, FlatMinimaExperiment.StandardError(new double[] { 1, 2, 3, 4 }), 1e-15);
        var e = Assert.Throws<ArgumentException>(() => FlatMinimaExperiment.StandardError(new double[] { 1 }));
        Assert.Equal("sample", e.ParamName);
        Assert.Contains("got 1", e.Message);
    }

    [Fact]
    public void Bad_scales_are_refused_with_the_arguments_name()
    {
        Assert.Equal("epochs", Assert.ThrowsAny<ArgumentException>(() => FlatMinimaExperiment.Run(0, new[] { 1 })).ParamName);
        Assert.Equal("seeds", Assert.ThrowsAny<ArgumentException>(() => FlatMinimaExperiment.Run(10, Array.Empty<int>())).ParamName);
        Assert.Equal("draws", Assert.ThrowsAny<ArgumentException>(() => FlatMinimaExperiment.Run(10, new[] { 1 }, draws: 0)).ParamName);
    }

    [Fact]
    public void A_short_run_returns_plain_then_weight_noise_networks_paired_by_seed()
    {
        FlatMinimaRun[] runs = FlatMinimaExperiment.Run(epochs: 5, seeds: new[] { 4, 5 }, draws: 10);
        Assert.Equal(new[] { (0.0, 4), (0.0, 5), (0.05, 4), (0.05, 5) }, runs.Select(r => (r.WeightNoise, r.Seed)));
        Assert.All(runs, r => Assert.Equal(10, r.Rises.Length));
        Assert.All(runs, r => Assert.Equal(r.Rises.Average(), r.Sharpness, 1e-15));
        Assert.All(runs, r => Assert.NotNull(r.Network));
    }
}
