using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class EarlyStoppingNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "05-early-stopping-and-spectral-bias.ipynb";

    // The full-scale blog run (2 × 500 epochs) and the Fashion-MNIST run are single cells;
    // on a heavily shared machine they can exceed the default 300 s.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins what lecture 05 shows: fig. 9.6's coarse → best → overfit path and validation-chosen stopping with restore;
/// the least-squares GD filter against the ridge filter (λ ≈ 1/(ηt)) and the size of their difference; the blog's
/// fig. 9 (a test-loss minimum, then overfitting) and fig. 10 (the top-PC energy fraction of the first layer's change
/// is high early and falls as the test loss rises, on three seeds); patience and checkpointing on Fashion-MNIST.
/// </summary>
public sealed class EarlyStoppingNotebookTests(EarlyStoppingNotebookFixture notebook) : IClassFixture<EarlyStoppingNotebookFixture>
{
    private static double N(Group g) => PrintedNotebookFixture.Number(g);
    private const string Num = @"([-\d.,E+]+)";

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 10);

    [Fact]
    public void Fig_9_6_the_fit_to_the_truth_improves_then_degrades_while_training_continues()
    {
        var line = notebook.Line(@"^true-function error: ([\d.]+) at epoch 1, minimum ([\d.]+) at epoch (\d+), ([\d.]+) at epoch");
        double first = N(line[1]), best = N(line[2]), bestEpoch = N(line[3]), last = N(line[4]);
        Assert.True(best < first / 10, $"the fit never captured the shape ({first} → {best})");
        Assert.True(last > 1.5 * best, $"no overfitting: minimum {best}, final {last}");
        Assert.InRange(bestEpoch, 1_000, 50_000);   // neither at the start nor at the end of the 10⁵ epochs
    }

    [Fact]
    public void Validation_chosen_stopping_beats_training_to_the_end_on_average_over_five_toys()
    {
        var rows = notebook.Lines(@"^\s+(\d)\s+([\d,]+)\s+([\d,]+)\s+([\d.]+)\s+([\d.]+)\s*$");
        Assert.Equal(5, rows.Count);
        double[] gains = rows.Select(r => N(r.Groups[5]) - N(r.Groups[4])).ToArray();
        Assert.True(gains.Average() > 0, "early stopping did not help on average");
        Assert.True(gains.Count(g => g > 0) >= 3, $"early stopping helped on only {gains.Count(g => g > 0)} of 5 toys");
        var restored = notebook.Line(@"^restored network: true-function error ([\d.]+) \(minimum over the run ([\d.]+), after all [\d,]+ epochs ([\d.]+)\)");
        Assert.True(N(restored[1]) < N(restored[3]), "the featured early-stopped run is not better than training to the end");
    }

    [Fact]
    public void Gradient_descent_is_the_spectral_filter_and_ridge_at_one_over_eta_t_is_its_closest_match()
    {
        double gap = N(notebook.Line(@"literal GD steps = the closed-form filter \(relative gap " + Num + @"\)")[1]);
        Assert.True(gap < 1e-9, $"GD and its closed form differ by {gap}");
        var rows = notebook.Lines(@"^\s*(10|100|1,000|10,000|100,000)\s+([\d.E+-]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$");
        Assert.Equal(5, rows.Count);
        foreach (Match r in rows)
        {
            double matched = N(r.Groups[3]), larger = N(r.Groups[4]), smaller = N(r.Groups[5]);
            Assert.True(matched < larger && matched < smaller, $"t = {r.Groups[1].Value}: λ = 1/(ηt) is not the best of the three");
            Assert.True(matched < 0.2, $"t = {r.Groups[1].Value}: the matched ridge fit is {matched} away");
        }
    }

    [Fact]
    public void The_filters_differ_by_the_analytic_maximum_so_the_equivalence_is_approximate()
    {
        // max over x of (1 − e^{−x}) − x/(1 + x), recomputed here on a fine grid.
        double expected = Enumerable.Range(0, 200_001).Select(i => Math.Pow(10, -3 + i * 6.0 / 200_000))
            .Max(x => 1 - Math.Exp(-x) - x / (1 + x));
        double printed = N(notebook.Line(@"^largest filter difference = ([\d.]+)")[1]);
        Assert.Equal(expected, printed, 3);
    }

    [Fact]
    public void Blog_fig_9_the_test_loss_has_an_early_minimum_then_rises_while_train_loss_falls()
    {
        var line = notebook.Line(@"^test loss minimum ([\d.]+) at epoch (\d+) .*; final ([\d.]+)");
        Assert.InRange(N(line[2]), 50, 600);
        Assert.True(N(line[3]) > N(line[1]) + 0.05, $"test loss rose only from {line[1].Value} to {line[3].Value}");
    }

    [Fact]
    public void Blog_fig_10_the_top_pc_energy_fraction_is_high_early_and_falls_as_the_test_loss_rises()
    {
        var rows = notebook.Lines(@"^\s*(\d+)\s+([\d.]+)\s+([01]\.\d{3})\s+([01]\.\d{3})\s*$");
        Assert.Equal(12, rows.Count);   // the 12 stored epochs after initialization
        double[] top = rows.Select(r => N(r.Groups[3])).ToArray();
        Assert.True(top[0] > 0.9, $"at epoch 1 only {top[0]} of the change is in the top 10 of 784 directions");
        for (int i = 1; i < top.Length; i++) Assert.True(top[i] <= top[i - 1] + 0.005, $"E≤10 rose between rows {i - 1} and {i}");
        Assert.True(top[^1] < 0.4, $"late E≤10 = {top[^1]} did not fall far");
        var seeds = notebook.Lines(@"^\s+(\d)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$");
        Assert.Equal(3, seeds.Count);
        Assert.All(seeds, s => Assert.True(N(s.Groups[3]) > N(s.Groups[4]) && N(s.Groups[4]) > N(s.Groups[5]),
            $"seed {s.Groups[1].Value}: early {s.Groups[3].Value}, at minimum {s.Groups[4].Value}, late {s.Groups[5].Value}"));
    }

    [Fact]
    public void Patience_stops_soon_after_the_validation_minimum_and_restores_a_better_network()
    {
        var line = notebook.Line(@"^validation-chosen epoch (\d+), restored test loss ([\d.]+); test-chosen epoch (\d+), test loss ([\d.]+); trained to the end ([\d.]+)");
        Assert.InRange(N(line[1]) - N(line[3]), -150, 150);
        Assert.True(N(line[2]) < N(line[5]), "the restored network is not better than the last one");
        // The Fashion-MNIST run (a classifier, so its summary reports a train accuracy).
        var stopped = notebook.Line(@"^(\d+) epochs, \d+ steps: .*train accuracy.*\n.*best validation loss [\d.]+ at epoch (\d+), stopped early");
        Assert.Equal(N(stopped[2]) + 10 * 10, N(stopped[1]));   // patience 10 evaluations × interval 10 epochs
    }
}
