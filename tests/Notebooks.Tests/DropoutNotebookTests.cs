using System.Globalization;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class DropoutNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "04-dropout.ipynb";

    // Full-scale training cells take ~20 s on a quiet 2-core machine but minutes on a shared one.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins the phenomena the dropout lecture shows, read from the tables and lines it prints for the student: the mask's
/// moments and backward pass, the 4-mask expectation, the variance of a dropped unit (and the rejection of the course
/// page's problem-3 statement), dropout as a data-dependent ridge, per-parameter rates for weight scaling, the kink
/// removal, blog fig. 5 over three seeds (the control fits the training set, dropout does not and wins on test),
/// rough sub-networks against their smooth average, the normalized geometric mean, and Monte Carlo dropout.
/// </summary>
public sealed class DropoutNotebookTests(DropoutNotebookFixture notebook) : IClassFixture<DropoutNotebookFixture>
{
    private static double Parse(string s) => double.Parse(s.Replace("%", "").Trim(), CultureInfo.InvariantCulture);

    private static double Percent(string s) => Parse(s) / 100;

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 32);

    [Fact]
    public void Gaussian_dropout_gives_the_same_ridge_but_a_noisier_loss()
    {
        // Same identity (mean within 4 standard errors), larger draw-to-draw spread, as its fourth moment predicts.
        var mean = notebook.Line(@"^Gaussian masks: E‖y − X\(ξ⊙w\)‖² = ([0-9.]+) ± ([0-9.]+),  identity: ([0-9.]+)$");
        double mc = PrintedNotebookFixture.Number(mean[1]), se = PrintedNotebookFixture.Number(mean[2]);
        Assert.True(Math.Abs(mc - PrintedNotebookFixture.Number(mean[3])) < 4 * se, mean[0].Value);
        var spread = notebook.Line(@"^spread of the loss over draws: Bernoulli ([0-9.]+), Gaussian ([0-9.]+)$");
        Assert.True(PrintedNotebookFixture.Number(spread[2]) > 1.2 * PrintedNotebookFixture.Number(spread[1]), spread[0].Value);
        var fourth = notebook.Line(@"^fourth moment E\(mask − 1\)⁴: Bernoulli ([0-9.]+), Gaussian ([0-9.]+)$");
        Assert.Equal(0.3 + Math.Pow(0.3, 4) / Math.Pow(0.7, 3), PrintedNotebookFixture.Number(fourth[1]), 3);
        Assert.Equal(3 * 0.09 / 0.49, PrintedNotebookFixture.Number(fourth[2]), 3);
    }

    [Fact]
    public void Mask_moments_and_backward_pass_match_the_equations()
    {
        var kept = notebook.Line(@"kept fraction ([0-9.]+) \(expected ([0-9.]+), ±([0-9.]+)\)");
        Assert.True(Math.Abs(Parse(kept[1].Value) - 0.6) <= Parse(kept[3].Value));
        Assert.Equal(0.6, Parse(kept[2].Value), 12);
        var fd = notebook.Line(@"matches finite differences \(max \|Δ\| = ([0-9.E+-]+)\)");
        Assert.True(Parse(fd[1].Value) < 1e-8, $"finite-difference gap {fd[1].Value}");
    }

    [Fact]
    public void Four_mask_enumeration_gives_the_inference_output_for_linear_but_not_for_tanh()
    {
        var expectation = notebook.Lines(@"E\[y\] = ([-0-9.]+)\s+inference output w₁h₁ \+ w₂h₂ = ([-0-9.]+)");
        Assert.Equal(2, expectation.Count);                                   // p = 0.5 and p = 0.2
        foreach (Match m in expectation)
        {
            Assert.Equal(Parse(m.Groups[2].Value), Parse(m.Groups[1].Value), 6);
            Assert.Equal(1.5 * 0.9 - 0.7 * 0.4, Parse(m.Groups[2].Value), 6);   // w₁h₁ + w₂h₂ of the example
        }
        var tanh = notebook.Lines(@"E\[tanh y\] = ([-0-9.]+)\s+but tanh\(E\[y\]\) = ([-0-9.]+)");
        Assert.Equal(2, tanh.Count);
        Assert.All(tanh, m => Assert.True(Math.Abs(Parse(m.Groups[1].Value) - Parse(m.Groups[2].Value)) > 0.05));
    }

    [Fact]
    public void Monte_Carlo_variance_of_a_dropped_unit_is_within_the_derived_tolerance_and_problem_3_is_rejected()
    {
        // Table rows: p, theory, Monte Carlo, 4·SE, z.
        var rows = notebook.Lines(@"^\s+(0\.[0-9])\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+(-?[0-9.]+)\s*$");
        Assert.Equal(9, rows.Count);
        const double mu = 0.6, sigma = 0.5;
        foreach (Match row in rows)
        {
            double p = Parse(row.Groups[1].Value), theory = Parse(row.Groups[2].Value);
            double mc = Parse(row.Groups[3].Value), tolerance = Parse(row.Groups[4].Value);
            Assert.Equal(sigma * sigma / (1 - p) + mu * mu * p / (1 - p), theory, 4);   // the derived formula, recomputed
            Assert.True(Math.Abs(mc - theory) <= tolerance, $"p = {p}: Monte Carlo {mc} vs theory {theory} (tolerance {tolerance})");
            Assert.InRange(tolerance / theory, 0.005, 0.05);        // 4 SE of 200,000 draws: small, not a blanket
        }
        var rejected = notebook.Lines(@"wrong formula (.*) rejected \(max \|z\| = ([0-9.]+)\)");
        Assert.Equal(2, rejected.Count);
        Assert.Contains(rejected, m => m.Groups[1].Value.Contains("problem 3"));
        Assert.All(rejected, m => Assert.True(Parse(m.Groups[2].Value) > 4));
    }

    [Fact]
    public void Input_dropout_on_least_squares_equals_a_data_dependent_ridge()
    {
        var terms = notebook.Line(@"‖y − Xw‖² = ([0-9.]+),\s+ridge term .* = ([0-9.]+)");
        var mc = notebook.Line(@"Monte Carlo E‖y − X\(m⊙w\)‖² = ([0-9.]+) ± ([0-9.]+),\s+identity: ([0-9.]+)");
        double mean = Parse(mc[1].Value), se = Parse(mc[2].Value), identity = Parse(mc[3].Value);
        Assert.InRange(identity - Parse(terms[1].Value) - Parse(terms[2].Value), -0.02, 0.02);   // printed to 2 decimals
        Assert.True(Math.Abs(mean - identity) <= 4 * se + 0.01, $"Monte Carlo {mean} ± {se} vs identity {identity}");
        Assert.True(Parse(terms[2].Value) > 20 * se, "the ridge term must be far larger than the Monte Carlo error");
    }

    [Fact]
    public void Weight_scaling_and_inverted_dropout_coincide_only_with_per_parameter_rates()
    {
        var gaps = notebook.Lines(@"(?:weight scaling gives|agree mask by mask).*?max \|Δ\| = ([0-9.E+-]+)");
        Assert.Equal(2, gaps.Count);
        Assert.All(gaps, m => Assert.True(Parse(m.Groups[1].Value) < 1e-12, m.Value));
        // Rows: optimizer, rate for W₂', rate for the rest, max gap of W₂', max gap of the rest.
        var rows = notebook.Lines(@"^(Sgd|Adam)\s+(\S+)\s+(\S+)\s+([0-9.]+E[-+][0-9]+)\s+([0-9.]+E[-+][0-9]+)\s*$");
        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            bool matched = (row.Groups[1].Value, row.Groups[2].Value, row.Groups[3].Value) is ("Sgd", "(1−p)²α", "α") or ("Adam", "(1−p)α", "α");
            double gap = Math.Max(Parse(row.Groups[4].Value), Parse(row.Groups[5].Value));
            Assert.True(matched ? gap < 1e-12 : gap > 1e-3, row.Value);
        }
    }

    [Fact]
    public void Unit_dropout_removes_the_kink_that_gradient_descent_keeps_at_a_price_in_training_fit()
    {
        Assert.InRange(Percent(notebook.Line(@"plain gradient descent keeps the kink \(([0-9 ]+%) of it\)")[1].Value), 0.9, 1.1);
        Assert.True(Percent(notebook.Line(@"removes it \(([0-9 ]+%) left\)")[1].Value) < 0.25);
        var along = notebook.Line(@"gradient along the kink direction .* is zero \(([-0-9.E+]+)\)");
        Assert.True(Math.Abs(Parse(along[1].Value)) < 1e-12);
        var price = notebook.Line(@"the price: training MSE ([0-9.]+) → ([0-9.]+)");
        Assert.True(Parse(price[2].Value) > Parse(price[1].Value), "the regularizer trades training fit for smoothness");
    }

    [Fact]
    public void At_the_blogs_learning_rate_the_control_network_never_fits_its_training_set()
    {
        var range = notebook.Line(@"η₀ = 0.05, no dropout: train accuracy over the second half of training ([0-9.]+ ?%) … ([0-9.]+ ?%)");
        Assert.True(Percent(range[2].Value) < 0.97, "the departure's reason: no fit at the blog's η₀");
    }

    [Fact]
    public void Blog_fig_5_over_three_seeds_the_control_overfits_and_dropout_generalizes_better()
    {
        // Rows: name, late train accuracy, late test accuracy [min, max], train loss, test loss.
        var off = notebook.Line(@"^no dropout\s+([0-9.]+ ?%)\s+([0-9.]+ ?%) \[([0-9.]+ ?%), ([0-9.]+ ?%)\]\s+([0-9.]+)\s+([0-9.]+)\s*$");
        var on = notebook.Line(@"^dropout p = 0.4\s+([0-9.]+ ?%)\s+([0-9.]+ ?%) \[([0-9.]+ ?%), ([0-9.]+ ?%)\]\s+([0-9.]+)\s+([0-9.]+)\s*$");
        Assert.True(Percent(off[1].Value) >= 0.97, $"the control's late train accuracy {off[1].Value}");
        Assert.True(Percent(on[1].Value) < Percent(off[1].Value) - 0.02, "dropout fits the training set less");
        Assert.True(Percent(on[3].Value) > Percent(off[4].Value), "every dropout seed beats every control seed on test");
        Assert.True(Parse(on[6].Value) < Parse(off[6].Value), "lower test loss with dropout");
        var lengths = notebook.Line(@"boundary length, seeds 1–3: no dropout ([0-9.]+), ([0-9.]+), ([0-9.]+); dropout ([0-9.]+), ([0-9.]+), ([0-9.]+)");
        double[] offLengths = [Parse(lengths[1].Value), Parse(lengths[2].Value), Parse(lengths[3].Value)];
        double[] onLengths = [Parse(lengths[4].Value), Parse(lengths[5].Value), Parse(lengths[6].Value)];
        Assert.True(onLengths.Max() < offLengths.Min(), "every dropout boundary is shorter");
    }

    [Fact]
    public void Sub_networks_are_rougher_than_their_average_and_the_geometric_mean_is_exact()
    {
        var members = notebook.Line(@"200 sub-networks: boundary length median ([0-9.]+) .*; their average: ([0-9.]+); dropout off: ([0-9.]+)");
        Assert.True(Parse(members[1].Value) > Parse(members[2].Value), "a typical member is rougher than the average");
        Assert.True(Percent(notebook.Line(@"([0-9 ]+%) of the sub-networks draw a longer boundary than their average")[1].Value) > 0.8);
        Assert.True(Percent(notebook.Line(@"same decision on ([0-9.]+ ?%) of the plane")[1].Value) > 0.97);
        Assert.Single(notebook.Lines(@"^✓ dropout off = normalized geometric mean of all 64 sub-networks"));
        Assert.True(Parse(notebook.Line(@"arithmetic mean of probabilities differs by ([0-9.]+)")[1].Value) > 1e-3,
            "the arithmetic mean is not the dropout-off prediction");
    }

    [Fact]
    public void Monte_Carlo_dropout_is_better_calibrated_on_data_but_gives_no_warning_far_from_it()
    {
        Assert.Single(notebook.Lines(@"^✓ at T = 200 the gap is systematic"));
        var logOdds = notebook.Line(@"log-odds spread: near the data ([0-9.]+), far from the data ([0-9.]+)");
        Assert.True(Parse(logOdds[2].Value) < 1.5 * Parse(logOdds[1].Value), "no larger disagreement far from the data");
        var ece = notebook.Line(@"MC mean ([0-9.]+), dropout off ([0-9.]+)");
        Assert.True(Parse(ece[1].Value) < Parse(ece[2].Value), "the MC mean is better calibrated on test points");
    }

    [Fact]
    public void The_notebook_draws_its_charts_including_the_slider_and_its_print_grid()
    {
        var html = notebook.Html.Where(t => t.Contains("Plotly.newPlot")).ToList();
        Assert.True(html.Count >= 9, $"expected at least 9 charts, found {html.Count}");
        Assert.True(html.Count(t => t.Contains("\"sliders\"")) >= 2, "expected the kink replay and the p slider");
    }
}
