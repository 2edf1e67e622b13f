using RegularizationLab.Data;
using RegularizationLab.Numerics;

namespace RegularizationLab.Analysis.Tests;

/// <summary>Toy-data helpers that no other project exercises directly: bootstrap resampling and the Gabor SGD path.</summary>
public class ToyDataTests
{
    private static Dataset Numbered(int n) =>
        new(Matrix.FromRows(Enumerable.Range(0, n).Select(i => new[] { (double)i }).ToArray()), Enumerable.Range(0, n).Select(i => i % 2).ToArray());

    [Fact]
    public void Bootstrap_counts_indices_and_out_of_bag_set_are_consistent()
    {
        var data = Numbered(50);
        var sample = Bootstrap.Resample(data, new Random(3));
        Assert.Equal(50, sample.Indices.Length);
        Assert.Equal(50, sample.Counts.Sum());
        for (int i = 0; i < 50; i++) Assert.Equal(sample.Indices.Count(k => k == i), sample.Counts[i]);
        Assert.Equal(Enumerable.Range(0, 50).Where(i => sample.Counts[i] == 0), sample.OutOfBag);
        // The resampled data set holds exactly the drawn rows, in draw order.
        for (int r = 0; r < 50; r++) Assert.Equal(sample.Indices[r], sample.Data.Features[r, 0]);
    }

    [Fact]
    public void Out_of_bag_fraction_approaches_one_over_e()
    {
        // P(example never drawn) = (1 − 1/n)ⁿ; averaged over 40 resamples of n = 500 the standard error is ~0.003.
        var samples = Bootstrap.Resamples(Numbered(500), sampleCount: 40, seed: 1);
        double fraction = samples.Average(s => s.OutOfBag.Length / 500.0);
        Assert.InRange(fraction, Math.Pow(1 - 1 / 500.0, 500) - 0.012, Math.Pow(1 - 1 / 500.0, 500) + 0.012);
        // Independent resamples differ; the same seed repeats them.
        Assert.NotEqual(samples[0].Indices, samples[1].Indices);
        Assert.Equal(samples[3].Indices, Bootstrap.Resamples(Numbered(500), 40, seed: 1)[3].Indices);
        Assert.Equal(Bootstrap.SampleIndices(20, seed: 5), Bootstrap.SampleIndices(20, new Random(5)));
    }

    [Fact]
    public void Bootstrap_rejects_bad_counts()
    {
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => Bootstrap.SampleIndices(0, seed: 1)).ParamName);
        Assert.Equal("sampleCount", Assert.ThrowsAny<ArgumentException>(() => Bootstrap.Resamples(Numbered(5), 0, 1)).ParamName);
    }

    [Fact]
    public void Sgd_path_with_one_full_batch_is_gradient_descent()
    {
        var data = GaborModel.GenerateData(seed: 2, count: 12);
        var gd = GaborModel.GradientDescentPath(data, 0.5, 12, learningRate: 0.002, steps: 30);
        var sgd = GaborModel.StochasticGradientDescentPath(data, 0.5, 12, learningRate: 0.002, batchSize: 12, steps: 30, seed: 9);
        Assert.Equal(31, sgd.Count);
        for (int t = 0; t <= 30; t++)
        {
            Assert.Equal(gd.Phi0[t], sgd.Phi0[t], 10);
            Assert.Equal(gd.Phi1[t], sgd.Phi1[t], 10);
            Assert.Equal(GaborModel.Loss(data, sgd.Phi0[t], sgd.Phi1[t]), sgd.Loss[t], 12);
        }
        Assert.Equal((sgd.Phi0[^1], sgd.Phi1[^1]), sgd.Final);
    }

    [Fact]
    public void Sgd_first_step_is_unbiased_and_paths_are_seeded()
    {
        // Expected first step over the random first batch equals the full-batch step: average it over many seeds.
        var data = GaborModel.GenerateData(seed: 2, count: 12);
        const double rate = 0.05;
        var (g0, g1) = GaborModel.LossGradient(data, 0.5, 12);
        const int seeds = 4000;
        var steps0 = new double[seeds];
        var steps1 = new double[seeds];
        for (int s = 0; s < seeds; s++)
        {
            var step = GaborModel.StochasticGradientDescentPath(data, 0.5, 12, rate, batchSize: 3, steps: 1, seed: s);
            steps0[s] = step.Phi0[1] - 0.5;
            steps1[s] = step.Phi1[1] - 12;
        }
        foreach (var (steps, expected) in new[] { (steps0, -rate * g0), (steps1, -rate * g1) })
        {
            double mean = steps.Average();
            double standardError = Math.Sqrt(steps.Sum(v => (v - mean) * (v - mean)) / (seeds - 1) / seeds);
            // The error bar is small against the step itself, so a missing n/batchSize factor (a 4× smaller mean) fails.
            Assert.True(standardError < 0.1 * Math.Abs(expected), $"SE {standardError:E2} vs step {expected:E2}");
            Assert.True(Math.Abs(mean - expected) < 4 * standardError, $"mean step {mean:E4} vs full-batch step {expected:E4}");
        }
        Assert.True(steps0.Distinct().Count() > 1, "different seeds should draw different first batches");

        const double rate2 = 0.001;
        var a = GaborModel.StochasticGradientDescentPath(data, 0.5, 12, rate2, 3, 20, seed: 1);
        var b = GaborModel.StochasticGradientDescentPath(data, 0.5, 12, rate2, 3, 20, seed: 1);
        var c = GaborModel.StochasticGradientDescentPath(data, 0.5, 12, rate2, 3, 20, seed: 2);
        Assert.Equal(a.Phi1, b.Phi1);
        Assert.NotEqual(a.Phi1, c.Phi1);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => GaborModel.StochasticGradientDescentPath(data, 0, 1, rate2, 13, 5, 0)).ParamName);
        Assert.Equal("learningRate", Assert.ThrowsAny<ArgumentException>(() => GaborModel.GradientDescentPath(data, 0, 1, 0, 5)).ParamName);
    }
}
