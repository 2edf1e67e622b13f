using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class ExplicitRegularizationNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "01-explicit-regularization-and-weight-decay.ipynb";
}

/// <summary>
/// Pins what lecture 01 states: MAP ↔ L2/L1, the Gabor surface losing minima, the fig. 9.2 λ sweep, the two-moons λ₂
/// sweep, undecayed biases, weight decay ≡ L2 for SGD (λ = λ'/2α), Adam + L2 ≠ AdamW, and the ReLU rescaling symmetry.
/// </summary>
public sealed class ExplicitRegularizationNotebookTests(ExplicitRegularizationNotebookFixture notebook)
    : IClassFixture<ExplicitRegularizationNotebookFixture>
{
    private const string Num = @"([-+0-9.Ee]+)";

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 23);

    [Fact]
    public void Map_estimates_match_the_ridge_and_lasso_formulas()
    {
        var gaussian = notebook.Line($@"^Gaussian prior: brute-force MAP φ = {Num}, ridge formula φ = {Num}");
        var laplace = notebook.Line($@"^Laplace prior:  brute-force MAP φ = {Num}, lasso formula φ = {Num}");
        double ml = PrintedNotebookFixture.Number(notebook.Line($@"^maximum likelihood φ = {Num}")[1]);
        Assert.Equal(PrintedNotebookFixture.Number(gaussian[1]), PrintedNotebookFixture.Number(gaussian[2]), 6);
        Assert.Equal(PrintedNotebookFixture.Number(laplace[1]), PrintedNotebookFixture.Number(laplace[2]), 6);
        // Both priors shrink, and the Laplace estimate is not trivially zero (the example would show nothing).
        Assert.InRange(PrintedNotebookFixture.Number(laplace[2]), 0.05, ml - 1e-3);
        Assert.InRange(PrintedNotebookFixture.Number(gaussian[2]), 0.05, ml - 1e-3);
    }

    [Fact]
    public void The_L2_term_removes_local_minima_and_moves_the_global_one()
    {
        var g = notebook.Line($@"^gabor minima before = {Num}, after = {Num}, global minimum moved by {Num}");
        Assert.True(PrintedNotebookFixture.Number(g[2]) < PrintedNotebookFixture.Number(g[1]));
        Assert.True(PrintedNotebookFixture.Number(g[3]) > 0);
        var basins = notebook.Line($@"reaches the global minimum from {Num}/100 starts on L, from {Num}/100");
        Assert.True(PrintedNotebookFixture.Number(basins[2]) > PrintedNotebookFixture.Number(basins[1]));
    }

    [Fact]
    public void Toy_regression_goes_from_interpolation_to_too_smooth()
    {
        var rows = notebook.Lines($@"^λ = +{Num} +training SSE = +{Num} +RMS distance to true function = {Num}");
        Assert.Equal(10, rows.Count);
        double[] sse = rows.Select(m => PrintedNotebookFixture.Number(m.Groups[2])).ToArray();
        double[] rms = rows.Select(m => PrintedNotebookFixture.Number(m.Groups[3])).ToArray();
        Assert.True(sse[0] < 1e-4, $"λ = 0 should interpolate, SSE = {sse[0]}");
        for (int k = 1; k < sse.Length; k++) Assert.True(sse[k] >= sse[k - 1] - 1e-4, $"SSE fell at row {k}");
        int best = Array.IndexOf(rms, rms.Min());
        Assert.InRange(best, 1, rms.Length - 2);
        Assert.True(rms[0] > 1.5 * rms[best] && rms[^1] > 1.5 * rms[best], "both ends should be clearly worse than the best λ");
    }

    [Fact]
    public void Two_moons_sweep_shrinks_weights_confidence_and_finally_the_boundary()
    {
        var rows = notebook.Lines($@"^λ₂ = {Num}: train acc {Num}, clean-test acc {Num}, Σ‖W‖² {Num}, mean confidence {Num}");
        Assert.Equal(9, rows.Count);
        double[] lambda = rows.Select(m => PrintedNotebookFixture.Number(m.Groups[1])).ToArray();
        double[] test = rows.Select(m => PrintedNotebookFixture.Number(m.Groups[3])).ToArray();
        double[] norm = rows.Select(m => PrintedNotebookFixture.Number(m.Groups[4])).ToArray();
        double[] confidence = rows.Select(m => PrintedNotebookFixture.Number(m.Groups[5])).ToArray();
        Assert.Equal(new[] { 0, 0.0025, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.0175, 0.02 }, lambda);
        for (int k = 1; k < norm.Length; k++) Assert.True(norm[k] < norm[k - 1], $"Σ‖W‖² did not fall at λ₂ = {lambda[k]}");
        Assert.Equal(confidence.Max(), confidence[0]);
        Assert.True(test[1] > 0.95, $"λ₂ = 0.0025 should separate the moons (clean-test {test[1]})");
        // The text: at the reduced scale λ₂ = 0 fits exactly the unflipped labels (training accuracy 0.900, 25 of 250 flipped).
        Assert.Equal(0.9, PrintedNotebookFixture.Number(rows[0].Groups[2]), 3);
        Assert.True(test[^1] < test.Max() - 0.03, "the strongest penalty should be too smooth");
        double collapse = PrintedNotebookFixture.Number(notebook.Line($@"^first λ₂ > 0 whose clean-test accuracy is below 95%: {Num}")[1]);
        Assert.Equal(lambda.Skip(1).First(l => test[Array.IndexOf(lambda, l)] < 0.95), collapse);
    }

    [Fact]
    public void Biases_are_left_free_for_a_reason()
    {
        double mean = PrintedNotebookFixture.Number(notebook.Line($@"^mean target ȳ = {Num}")[1]);
        var huge = notebook.Line($@"^λ = +1E\+06:  mean prediction with free bias = +{Num} +with decayed bias = +{Num}");
        Assert.Equal(mean, PrintedNotebookFixture.Number(huge[1]), 3);
        Assert.True(Math.Abs(PrintedNotebookFixture.Number(huge[2])) < 0.01);
    }

    [Fact]
    public void Weight_decay_equals_L2_for_SGD_only_with_the_right_factor()
    {
        Assert.True(PrintedNotebookFixture.Number(notebook.Line($@"^weight decay gap = {Num}")[1]) < 1e-10);
        var wrong = notebook.Line($@"λ' = αλ \(wrong\): max \|Δθ\| over 400 steps = {Num}");
        Assert.True(PrintedNotebookFixture.Number(wrong[1]) > 1e-4);
        var scheduled = notebook.Line($@"power-law schedule, λ'_t = 2α_tλ: max \|Δθ\| = {Num}");
        Assert.True(PrintedNotebookFixture.Number(scheduled[1]) < 1e-10);
    }

    [Fact]
    public void Adam_with_L2_decays_unevenly_and_differs_from_AdamW()
    {
        Assert.True(PrintedNotebookFixture.Number(notebook.Line($@"^adam decay spread = {Num}")[1]) > 10);
        var accuracy = notebook.Line($@"^adam clean-test accuracy: L2 = {Num}, AdamW = {Num}; relative parameter distance = {Num}");
        Assert.True(PrintedNotebookFixture.Number(accuracy[2]) > 0.95, "AdamW should separate the moons");
        Assert.True(PrintedNotebookFixture.Number(accuracy[3]) > 0.05, "the two runs should end at different networks");
    }

    [Fact]
    public void Weight_decay_picks_the_balanced_member_of_the_ReLU_rescaling_family()
    {
        var gap = notebook.Line($@"leaves every output unchanged \(max \|Δ\| = {Num}\)");
        Assert.True(PrintedNotebookFixture.Number(gap[1]) < 1e-12);
        var c = notebook.Line($@"c\* formula = {Num}, brute force = {Num}");
        Assert.Equal(PrintedNotebookFixture.Number(c[1]), PrintedNotebookFixture.Number(c[2]), 5);
        Assert.True(Math.Abs(PrintedNotebookFixture.Number(c[1]) - 1) > 0.1, "the demonstration should start from an unbalanced network");
    }
}
