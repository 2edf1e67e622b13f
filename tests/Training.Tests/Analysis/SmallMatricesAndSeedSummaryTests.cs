using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Training.Tests.Analysis;

public class SmallMatricesAndSeedSummaryTests
{
    [Fact]
    public void Largest_eigenvalue_solve_and_product_agree_with_hand_computation()
    {
        double[,] h = { { 2, 1 }, { 1, 2 } };                 // eigenvalues 1 and 3
        Assert.Equal(3.0, SmallMatrices.LargestEigenvalue(h), 12);
        double[] v = SmallMatrices.Solve(h, [3, 3]);          // H·(1, 1) = (3, 3)
        Assert.Equal(1.0, v[0], 12);
        Assert.Equal(1.0, v[1], 12);
        Assert.Equal([3.0, 3.0], SmallMatrices.Times(h, [1, 1]));
        Assert.Throws<ArgumentException>(() => SmallMatrices.Solve(new double[,] { { 1, 2 }, { 2, 4 } }, [1, 1]));
    }

    [Fact]
    public void Log_log_fit_recovers_a_power_law_and_rejects_non_positive_values()
    {
        double[] x = [1e-3, 2e-3, 4e-3, 8e-3];
        var fit = SmallMatrices.LogLogFit(x, x.Select(a => 5 * a * a * a).ToArray());
        Assert.Equal(3.0, fit.Slope, 10);
        Assert.Equal(Math.Log10(5), fit.Intercept, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallMatrices.LogLogFit([1, 2], [1, 0]));
    }

    [Fact]
    public void Seed_summary_averages_final_or_late_evaluations_and_reports_the_range()
    {
        var data = RegularizationLab.Data.TwoMoons.Generate(60, 0.2, 0, seed: 1).Data;
        History Run(int seed) => new Trainer(RegularizationLab.Layers.Mlp.Create([2, 8, 2], seed: seed),
            new RegularizationLab.Losses.SoftmaxCrossEntropy(), new RegularizationLab.Optimizers.Sgd(0.1),
            new TrainerOptions { Epochs = 8, BatchSize = 20, Seed = seed, EvaluationInterval = 1 }).Train(data, test: data);
        History[] runs = [Run(1), Run(2), Run(3)];
        var final = SeedSummary.Of(runs);
        Assert.Equal(runs.Average(h => h.Last!.TestAccuracy), final.Test, 12);
        Assert.Equal(runs.Min(h => h.Last!.TestAccuracy), final.TestMin, 12);
        Assert.Equal(runs.Max(h => h.Last!.TestAccuracy), final.TestMax, 12);
        var late = SeedSummary.Of(runs, lateFraction: 0.5);
        double expected = runs.Average(h => h.Points.Skip(h.Points.Count - (int)Math.Round(h.Points.Count * 0.5)).Average(q => q.TrainAccuracy));
        Assert.Equal(expected, late.Train, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedSummary.Of(runs, lateFraction: 1.0));
    }
}
