namespace RegularizationLab.Notebooks.Tests;

public sealed class L1SparsityNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "02-l1-sparsity-and-soft-thresholding.ipynb";
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
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 22);

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
    public void L1_sweep_makes_hidden_weights_sparse()
    {
        var rows = notebook.Lines($@"^λ₁ = {Num}: train acc {Num}, clean-test acc {Num}, Σ\|W\| {Num}, near-zero hidden weights {Num}");
        Assert.Equal(9, rows.Count);
        double[] test = rows.Select(m => N(m.Groups[3])).ToArray();
        double[] nearZero = rows.Select(m => N(m.Groups[5])).ToArray();
        Assert.True(nearZero[0] < 0.05, $"without L1 few weights are near zero ({nearZero[0]})");
        Assert.True(nearZero[1] > 0.5, $"λ₁ = 0.0005 should zero most hidden weights ({nearZero[1]})");
        Assert.True(test[1] > 0.95, "λ₁ = 0.0005 should still separate the moons");
    }

    [Fact]
    public void L1_is_far_sparser_than_L2_and_no_regularization()
    {
        var s = notebook.Line($@"^sparsity none = {Num}, L2 = {Num}, L1 = {Num}");
        Assert.True(N(s[3]) > 0.5);
        Assert.True(N(s[3]) > 5 * Math.Max(N(s[2]), 0.01));
        Assert.True(N(s[3]) > 5 * Math.Max(N(s[1]), 0.01));
    }

    [Fact]
    public void Only_proximal_SGD_gives_exact_zeros()
    {
        var z = notebook.Line($@"^exact zeros subgradient = {Num}, proximal = {Num}");
        Assert.True(N(z[1]) < 0.01);
        Assert.True(N(z[2]) > 0.3);
    }

    [Fact]
    public void Lp_ratios_follow_two_to_the_one_minus_p_over_two()
    {
        var rows = notebook.Lines($@"^p = +{Num}:  R_p\(diagonal\) / R_p\(axis\) = {Num}   formula 2\^\(1−p/2\) = {Num}");
        Assert.Equal(4, rows.Count);
        foreach (var m in rows)
            Assert.Equal(Math.Pow(2, 1 - N(m.Groups[1]) / 2), N(m.Groups[2]), 6);
    }

    [Fact]
    public void Elastic_net_splits_identical_features_equally()
    {
        var fit = notebook.Line($@"^elastic-net fit: w = \({Num}, {Num}, {Num}\)");
        Assert.Equal(N(fit[1]), N(fit[2]), 6);
        Assert.True(N(fit[1]) > 0.1);
        Assert.Equal(0.0, N(fit[3]));
    }

    [Fact]
    public void MLNET_agrees_with_the_proximal_solution_once_scaled()
    {
        var m = notebook.Line($@"^mlnet l1 zeros = {Num}, agree = {Num}, max gap = {Num}");
        Assert.InRange(N(m[1]), 5, 45);      // a real mix of zero and non-zero weights
        Assert.Equal(49, N(m[2]));
        Assert.True(N(m[3]) < 5e-3, $"max |Δw| = {m[3].Value}");
    }
}
