using System.Globalization;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class DropoutNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "04-dropout.ipynb";
}

/// <summary>
/// Pins what the dropout lecture states: the mask's backward pass, the 4-mask expectation, the variance of a dropped unit
/// (Monte Carlo within a tolerance derived from the sample size), weight scaling ≡ inverted dropout, the kink removal,
/// and dropout's effect on the two-moons boundary, its sub-networks and Monte Carlo dropout.
/// </summary>
public sealed class DropoutNotebookTests(DropoutNotebookFixture notebook) : IClassFixture<DropoutNotebookFixture>
{
    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    // Every derivation is followed by a visible pass line; losing one (a deleted or silent cell) is a regression.
    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 25);

    [Fact]
    public void Mask_moments_and_backward_pass_match_the_equations()
    {
        var kept = notebook.Lines(@"kept fraction ([0-9.]+) \(expected ([0-9.]+), ±([0-9.]+)\)");
        Assert.Single(kept);
        Assert.True(Math.Abs(Parse(kept[0].Groups[1].Value) - 0.6) <= Parse(kept[0].Groups[3].Value));
        Assert.Equal(0.6, Parse(kept[0].Groups[2].Value), 12);

        var fd = notebook.Lines(@"matches finite differences \(max \|Δ\| = ([0-9.E+-]+)\)");
        Assert.Single(fd);
        Assert.True(Parse(fd[0].Groups[1].Value) < 1e-8, $"finite-difference gap {fd[0].Groups[1].Value}");
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
    public void Monte_Carlo_variance_of_a_dropped_unit_is_within_the_derived_tolerance()
    {
        // Table rows: p, theory, Monte Carlo, 4·SE, z.
        var rows = notebook.Lines(@"^\s+(0\.[0-9])\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+(-?[0-9.]+)\s*$");
        Assert.Equal(9, rows.Count);
        const double mu = 0.6, sigma = 0.5;
        foreach (Match row in rows)
        {
            double p = Parse(row.Groups[1].Value), theory = Parse(row.Groups[2].Value);
            double mc = Parse(row.Groups[3].Value), tolerance = Parse(row.Groups[4].Value);
            // The printed theory is the derived formula, recomputed here independently.
            Assert.Equal(sigma * sigma / (1 - p) + mu * mu * p / (1 - p), theory, 4);
            Assert.True(Math.Abs(mc - theory) <= tolerance, $"p = {p}: Monte Carlo {mc} vs theory {theory} (tolerance {tolerance})");
            // The tolerance is 4 standard errors of a sample variance from 200,000 draws: small, not a blanket.
            Assert.InRange(tolerance / theory, 0.005, 0.05);
        }
        Assert.InRange(notebook.Number("mc variance max |z|"), 0, 4);
        // The same test has the power to reject the tempting wrong formulas.
        var rejected = notebook.Lines(@"wrong formula .* rejected \(max \|z\| = ([0-9.]+)\)");
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, m => Assert.True(Parse(m.Groups[1].Value) > 4));
    }

    [Fact]
    public void Weight_scaling_and_inverted_dropout_are_the_same_network()
    {
        var gaps = notebook.Lines(@"(?:weight scaling reproduces|inverted dropout's test network reproduces|agree mask by mask).*?max \|Δ\| = ([0-9.E+-]+)");
        Assert.Equal(3, gaps.Count);
        Assert.All(gaps, m => Assert.True(Parse(m.Groups[1].Value) < 1e-12, m.Value));
        var trajectory = notebook.Lines(@"SGD trajectories coincide: max \|W' − \(1−p\)W\| over 200 steps = ([0-9.E+-]+)");
        Assert.Single(trajectory);
        Assert.True(Parse(trajectory[0].Groups[1].Value) < 1e-12);
    }

    [Fact]
    public void Unit_dropout_removes_the_kink_that_gradient_descent_keeps()
    {
        Assert.True(notebook.Number("kink kept by plain GD") > 0.9);
        Assert.True(notebook.Number("kink kept by dropout") < 0.25);
        var along = notebook.Lines(@"gradient along the kink direction .* is zero \(([-0-9.E+]+)\)");
        Assert.Single(along);
        Assert.True(Math.Abs(Parse(along[0].Groups[1].Value)) < 1e-12);
    }

    [Fact]
    public void Dropout_gives_a_shorter_decision_boundary_and_a_smaller_generalization_gap()
    {
        double withoutDropout = notebook.Number("boundary length no dropout");
        double withDropout = notebook.Number("boundary length dropout");
        Assert.True(withDropout < withoutDropout, $"dropout {withDropout} vs none {withoutDropout}");
        Assert.True(notebook.Number("late loss gap dropout") < notebook.Number("late loss gap no dropout"));

        // The p sweep (slider): every p > 0 draws a shorter boundary than p = 0.
        var sweep = notebook.Lines(@"^\s+(0\.[0-6])\s+[0-9.]+ %\s+[0-9.]+ %\s+([0-9.]+)\s*$");
        Assert.Equal(7, sweep.Count);
        double atZero = sweep.Where(m => Parse(m.Groups[1].Value) == 0).Select(m => Parse(m.Groups[2].Value)).Single();
        Assert.Equal(withoutDropout, atZero, 2);
        Assert.All(sweep.Where(m => Parse(m.Groups[1].Value) > 0), m => Assert.True(Parse(m.Groups[2].Value) < atZero, m.Value));
    }

    [Fact]
    public void Sub_networks_are_rougher_and_their_average_is_close_to_the_dropout_off_network()
    {
        Assert.True(notebook.Number("mean sub-network boundary length") > notebook.Number("boundary length dropout"));
        Assert.True(notebook.Number("ensemble agreement") > 0.97);
    }

    [Fact]
    public void Monte_Carlo_dropout_spread_is_largest_near_the_boundary_and_its_mean_differs_systematically()
    {
        Assert.True(notebook.Number("mc spread near boundary") > 3 * notebook.Number("mc spread far from boundary"));
        Assert.True(notebook.Number("mc gap to dropout off") > 3 * notebook.Number("mc standard error"));
    }
}
