using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class ExplicitRegularizationNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "01-explicit-regularization-and-weight-decay.ipynb";

    // The full-scale two-moons sweep is one cell; on a heavily shared machine it can exceed the default 300 s.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
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
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 30);

    [Fact]
    public void Ridge_shrinks_each_eigendirection_by_its_own_factor_and_keeps_the_well_determined_ones()
    {
        // df(λ) = Σ e_j/(e_j + λ): 14 (every weight) at λ = 0, strictly falling along the printed grid.
        var values = Regex.Matches(notebook.Line(@"^df\(λ\) = Σ e_j/\(e_j \+ λ\): (.*)$")[1].Value, @": ([0-9.]+)")
            .Select(m => PrintedNotebookFixture.Number(m.Groups[1])).ToList();
        Assert.Equal(6, values.Count);
        Assert.Equal(14, values[0], 2);
        Assert.True(values.Zip(values.Skip(1), (a, b) => b < a).All(x => x), string.Join(", ", values));
        // At λ = 10⁻³ (the best region of the sweep) only some of the 14 directions survive.
        double kept = notebook.Number("directions kept at λ = 10⁻³ (factor > ½)");
        Assert.InRange(kept, 3, 10);
        Assert.InRange(values[2], kept - 1.5, kept + 1.5);      // df(10⁻³) ≈ the number of kept directions
    }

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
    public void The_lambda_dictionary_gives_the_prior_variance_of_the_blogs_lambda()
    {
        var d = notebook.Line($@"^λ₂ = 0.0025 on a mean loss over N = 250: prior variance σφ² = 1/\(Nλ₂\) = {Num}");
        Assert.Equal(1.6, PrintedNotebookFixture.Number(d[1]), 6);
    }

    [Fact]
    public void The_L2_term_removes_local_minima_of_the_textbook_surface_and_moves_the_global_one()
    {
        double before = PrintedNotebookFixture.Number(notebook.Line($@"^local minima of L: +{Num}, global minimum")[1]);
        double after = PrintedNotebookFixture.Number(notebook.Line($@"^local minima of L \+ λ‖φ−φ̄‖²: +{Num}, global minimum")[1]);
        Assert.True(after < before, $"minima before {before}, after {after}");
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
    public void Blog_fig_2_at_full_scale_goes_jagged_smooth_straight_with_a_shrinking_boundary()
    {
        var rows = notebook.Lines($@"^ *{Num} +(\d+) of (\d+) +(\d+) +{Num} +{Num} +{Num}\s*$")
            .Select(m => (Lambda: PrintedNotebookFixture.Number(m.Groups[1]), Flipped: PrintedNotebookFixture.Number(m.Groups[2]),
                Missed: PrintedNotebookFixture.Number(m.Groups[4]), Length: PrintedNotebookFixture.Number(m.Groups[5]),
                Test: PrintedNotebookFixture.Number(m.Groups[6]), Norm: PrintedNotebookFixture.Number(m.Groups[7]))).ToList();
        Assert.Equal(9, rows.Count);
        Assert.True(rows[0].Flipped >= 10, $"at 10⁴ epochs λ₂ = 0 should fit many flipped labels, fitted {rows[0].Flipped}");
        for (int k = 1; k < rows.Count; k++)
        {
            Assert.True(rows[k].Length <= 1.1 * rows[k - 1].Length, $"boundary length rose at λ₂ = {rows[k].Lambda}");
            Assert.True(rows[k].Norm < rows[k - 1].Norm, $"weight norm rose at λ₂ = {rows[k].Lambda}");
        }
        Assert.Contains(rows, r => r.Flipped == 0 && r.Test > 0.97);                 // smooth
        Assert.True(rows[^1].Test < 0.95 && rows[^1].Missed > 5, "the largest λ₂ should be straight");   // straight
        Assert.True(rows[0].Length > 1.5 * rows.First(r => r.Flipped == 0 && r.Test > 0.97).Length, "jagged is much longer than smooth");
    }

    [Fact]
    public void Bias_decay_and_noise_leave_the_collapse_point_while_the_reduction_and_the_initialization_move_it()
    {
        Assert.Contains("✓ read as a batch sum, the blog's whole grid lies below our straight regime", notebook.Printed);
        Assert.Single(notebook.Lines(@"^λ₂ = 0.005, biases decayed too: .* → still straight$"));
        Assert.Single(notebook.Lines(@"^λ₂ = 0.005, spatial noise 0.2: .* → still straight$"));
        Assert.Single(notebook.Lines(@"^λ₂ = 0.005, PyTorch's default init: .* → bends again$"));
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
    public void Weight_decay_equals_L2_for_plain_SGD_only_with_the_right_factor_and_without_momentum()
    {
        double right = PrintedNotebookFixture.Number(notebook.Line($@"^λΣw² with λ' = 2αλ: +max \|Δθ\| over 400 steps = {Num}")[1]);
        Assert.True(right < 1e-10);
        var wrong = notebook.Line($@"λ' = αλ \(wrong\): max \|Δθ\| over 400 steps = {Num}");
        Assert.True(PrintedNotebookFixture.Number(wrong[1]) > 1e-4);
        var scheduled = notebook.Line($@"power-law schedule, λ'_t = 2α_tλ: max \|Δθ\| = {Num}");
        Assert.True(PrintedNotebookFixture.Number(scheduled[1]) < 1e-10);
        double momentum = PrintedNotebookFixture.Number(notebook.Line($@"^momentum 0.9, λ' = 2αλ: max \|Δθ\| over 400 steps = {Num}")[1]);
        Assert.True(momentum > 1e-6, $"momentum should break the equivalence (gap {momentum})");
    }

    [Fact]
    public void Adam_with_L2_decays_unevenly_and_each_optimizer_needs_its_own_lambda()
    {
        var kappa = notebook.Line($@"^Adam \+ L2: κ_j = αλ/\(√v̂_j\+ε\) ranges {Num} … {Num}");
        Assert.True(PrintedNotebookFixture.Number(kappa[2]) / PrintedNotebookFixture.Number(kappa[1]) > 10);
        var same = notebook.Line($@"^same nominal λ = 0.01, clean-test accuracy: Adam \+ L2 = {Num}, AdamW = {Num}; relative parameter distance = {Num}");
        Assert.True(PrintedNotebookFixture.Number(same[3]) > 0.05, "the two runs should end at different networks");
        var best = notebook.Line($@"^best clean-test accuracy: Adam \+ L2 {Num}, AdamW {Num}, no penalty {Num}");
        Assert.True(PrintedNotebookFixture.Number(best[1]) > PrintedNotebookFixture.Number(same[1]),
            "at its own best λ, Adam + L2 should beat itself at the nominal λ = 0.01");
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
