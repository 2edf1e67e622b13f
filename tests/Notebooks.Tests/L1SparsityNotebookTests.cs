using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class L1SparsityNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "02-l1-sparsity-and-soft-thresholding.ipynb";

    // The full-scale two-moons sweep is one cell; on a heavily shared machine it can exceed the default 300 s.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins what lecture 02 states: soft thresholding vs brute force, the worked example (0.8/0.5 vs 0.75/0), the L1 sweep's
/// sparsity, L1 vs L2 vs no regularization on the hidden-to-hidden weights, exact zeros only from proximal SGD, the Lp
/// ratios, the elastic net's equal split, and agreement with ML.NET once the objectives are scaled alike.
/// </summary>
public sealed class L1SparsityNotebookTests(L1SparsityNotebookFixture notebook) : IClassFixture<L1SparsityNotebookFixture>
{
    private const string Num = @"([-+0-9.Ee]+)";
    private static double N(System.Text.RegularExpressions.Group g) => PrintedNotebookFixture.Number(g);

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 28);

    [Fact]
    public void Soft_thresholding_matches_brute_force()
    {
        Assert.True(N(notebook.Line($@"^soft threshold max \|Δ\| = {Num}")[1]) < 1e-6);
        var zeros = notebook.Line($@"^400 random \(v, t\) pairs: {Num} land in the dead zone \|v\| ≤ t \(brute force agrees on {Num}\)");
        Assert.Equal(N(zeros[1]), N(zeros[2]));
        Assert.InRange(N(zeros[1]), 1, 399);   // both cases occur, so the comparison tests both branches
    }

    [Fact]
    public void Worked_example_gives_the_course_page_numbers()
    {
        var half = notebook.Line($@"^worked example λ = 0.5: L2 w\* = {Num} \(brute force {Num}\), L1 w\* = {Num} \(brute force {Num}\)");
        var two = notebook.Line($@"^worked example λ = 2: L2 w\* = {Num} \(brute force {Num}\), L1 w\* = {Num} \(brute force {Num}\)");
        Assert.Equal(0.8, N(half[1]), 6);
        Assert.Equal(0.75, N(half[3]), 6);
        Assert.Equal(0.5, N(two[1]), 6);
        Assert.Equal(0.0, N(two[3]), 6);
        Assert.Equal(0.0, N(two[4]), 5);
    }

    [Fact]
    public void The_course_page_subgradient_erratum_is_computed()
    {
        var e = notebook.Line($@"^subdifferential at 0 for λ = 2: \[{Num}, {Num}\]; λ_max = {Num}; at λ = 1.9, w\* = {Num}");
        Assert.Equal(-4.0, N(e[1]), 4);
        Assert.Equal(0.0, N(e[2]), 4);
        Assert.Equal(2.0, N(e[3]));
        Assert.Equal(0.05, N(e[4]), 3);   // 1 − 1.9/2
    }

    [Fact]
    public void L1_sweep_shows_memorization_then_smooth_sparse_then_straight()
    {
        var rows = notebook.Lines($@"^ *{Num} +(\d+) of (\d+) +{Num} +{Num} +{Num} ?%\s*$")
            .Select(m => (Lambda: N(m.Groups[1]), Flipped: N(m.Groups[2]), Length: N(m.Groups[4]), Test: N(m.Groups[5]), NearZero: N(m.Groups[6]) / 100))
            .ToList();
        Assert.Equal(9, rows.Count);
        Assert.True(rows[0].Flipped >= 5, $"λ₁ = 0 fits only {rows[0].Flipped} flipped labels");
        var smooth = rows.First(r => r.Flipped <= 2 && r.Test > 0.96);
        Assert.True(smooth.NearZero > 0.5, $"in the smooth regime most hidden weights should be near zero ({smooth.NearZero})");
        Assert.True(rows[0].NearZero < 0.05, $"without L1 few weights are near zero ({rows[0].NearZero})");
        Assert.True(rows[^1].Test < 0.95, "the largest λ₁ should straighten the boundary");
        Assert.True(rows[0].Length > smooth.Length && smooth.Length > rows[^1].Length, "boundary length: jagged > smooth > straight");
    }

    [Fact]
    public void L1_is_far_sparser_than_L2_and_only_proximal_SGD_gives_exact_zeros()
    {
        double NearZero(string label) => N(notebook.Line($@"^{label}.* clean-test acc {Num}, near-zero hidden weights {Num} ?%")[2]) / 100;
        double none = NearZero("none"), l2 = NearZero("L2 λ₂"), l1 = NearZero("L1 λ₁");
        // At 10⁴ epochs L2 also drives a third of the weights below 10⁻³; L1 empties nearly the whole matrix.
        Assert.True(l1 > 0.9 && l1 > 2 * l2 && l1 > 5 * Math.Max(none, 0.01), $"none {none}, L2 {l2}, L1 {l1}");
        var z = notebook.Line($@"exact zeros among all weights: subgradient SGD {Num} ?%, proximal SGD {Num} ?%");
        Assert.True(N(z[1]) < 1);
        Assert.True(N(z[2]) > 30);
    }

    [Fact]
    public void Only_a_kink_at_zero_gives_exact_zeros_even_though_p_one_and_a_half_favours_the_axes()
    {
        var rows = notebook.Lines($@"^p = +{Num}, λ = 0.3:  argmin ≈ \({Num}, {Num}\)").ToDictionary(m => N(m.Groups[1]), m => N(m.Groups[3]));
        Assert.Equal(5, rows.Count);
        Assert.Equal(0.0, rows[1.0]);
        Assert.Equal(0.0, rows[0.5]);
        Assert.NotEqual(0.0, rows[1.5]);
        Assert.NotEqual(0.0, rows[2.0]);
    }

    [Fact]
    public void Elastic_net_keeps_correlated_twins_together_where_the_lasso_picks_one()
    {
        Assert.InRange(N(notebook.Line($@"^correlation of the twins ρ = {Num}")[1]), 0.8, 0.95);
        var balance = notebook.Line($@"^balance of the twins \(smaller / larger weight\): lasso {Num}, elastic net {Num}");
        Assert.True(N(balance[2]) > N(balance[1]) + 0.2, $"lasso {balance[1].Value}, elastic net {balance[2].Value}");
        var net = notebook.Line($@"^elastic net w = \({Num}, {Num}, {Num}\)");
        Assert.Equal(0.0, N(net[3]));
    }

    [Fact]
    public void MLNET_agrees_with_the_proximal_solution_once_scaled()
    {
        var m = notebook.Line($@"^ℓ₁ = 4, ℓ₂ = 1:  exact zeros ML.NET {Num}/49, course library {Num}/49, zero pattern agrees on {Num}/49 weights");
        Assert.InRange(N(m[2]), 5, 45);      // a real mix of zero and non-zero weights
        Assert.Equal(N(m[1]), N(m[2]));
        Assert.Equal(49, N(m[3]));
    }
}
