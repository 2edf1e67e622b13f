using RegularizationLab.Analysis;
using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Analysis.Tests;

/// <summary>The sharpness with its Monte Carlo standard error (lecture 12, §2).</summary>
public class SharpnessEstimateTests
{
    private static (Sequential Net, Dataset Data) Problem()
    {
        var random = new Random(3);
        var x = new Matrix(40, 2);
        for (int i = 0; i < x.Length; i++) x.Data[i] = random.NextGaussian();
        int[] labels = Enumerable.Range(0, 40).Select(i => x[i, 0] + x[i, 1] > 0 ? 1 : 0).ToArray();
        return (Mlp.Create(new[] { 2, 8, 2 }, seed: 1), new Dataset(x, labels));
    }

    [Fact]
    public void Mean_is_the_average_of_lecture_07s_rises_and_the_error_is_their_sd_over_root_draws()
    {
        var (net, data) = Problem();
        var ce = new SoftmaxCrossEntropy();
        var estimate = SharpnessEstimate.Measure(net, ce, data, radius: 0.3, draws: 8, seed: 4);
        // One definition of the rises: the same seeded stream as lecture 07's Sharpness.LossRises.
        double[] rises = Sharpness.LossRises(net, ce, data, 0.3, 8, seed: 4);
        Assert.Equal(8, rises.Distinct().Count());
        double mean = rises.Average();
        double se = Math.Sqrt(rises.Sum(r => (r - mean) * (r - mean)) / 7 / 8);
        Assert.Equal(mean, estimate.Mean, 12);
        Assert.Equal(se, estimate.StandardError, 12);
        Assert.True(estimate.StandardError > 0);
        Assert.Equal(Sharpness.LossRiseUnderWeightNoise(net, ce, data, 0.3, 8, seed: 4), estimate.Mean, 12);
    }

    [Fact]
    public void Weights_are_restored_and_the_estimate_is_deterministic()
    {
        var (net, data) = Problem();
        var ce = new SoftmaxCrossEntropy();
        double[] before = net.Parameters.SelectMany(p => p.Value.Data).ToArray();
        var a = SharpnessEstimate.Measure(net, ce, data, 0.1, 5, seed: 2);
        var b = SharpnessEstimate.Measure(net, ce, data, 0.1, 5, seed: 2);
        Assert.Equal(before, net.Parameters.SelectMany(p => p.Value.Data).ToArray());
        Assert.Equal(a, b);
    }

    [Fact]
    public void Zero_radius_gives_zero_sharpness_and_a_larger_radius_a_larger_one()
    {
        var (net, data) = Problem();
        var ce = new SoftmaxCrossEntropy();
        Assert.Equal(0.0, SharpnessEstimate.Measure(net, ce, data, 0.0, 3, seed: 1).Mean, 12);
        double small = SharpnessEstimate.Measure(net, ce, data, 0.05, 30, seed: 1).Mean;
        double large = SharpnessEstimate.Measure(net, ce, data, 0.5, 30, seed: 1).Mean;
        Assert.True(large > small, $"S(0.5) = {large} should exceed S(0.05) = {small}");
    }

    [Fact]
    public void Fewer_than_two_draws_or_a_bad_radius_is_refused_with_the_argument_named()
    {
        var (net, data) = Problem();
        var ce = new SoftmaxCrossEntropy();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SharpnessEstimate.Measure(net, ce, data, 0.1, 1, 0));
        Assert.Equal("draws", e.ParamName);
        Assert.Contains("at least 2", e.Message);
        var r = Assert.ThrowsAny<ArgumentException>(() => SharpnessEstimate.Measure(net, ce, data, double.NaN, 3, 0));
        Assert.Equal("radius", r.ParamName);
    }
}
