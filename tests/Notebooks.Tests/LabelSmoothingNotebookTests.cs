using System.Globalization;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class LabelSmoothingNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "08-label-smoothing-and-calibration.ipynb";

    // Full-scale trainings: a cell takes seconds on a quiet machine but can take many minutes on a shared, loaded one.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins what the label-smoothing lecture shows: both target conventions, the course page's example 3 gradient,
/// problem 9.4 and the exact decomposition, the blog's fig. 7 over-confidence (errors above 0.8), fig. 8's ε sweep
/// (an interior ECE minimum beyond the seed spread), temperature scaling, and the problem 5 erratum (floor H(ỹ) ≈ 0.545).
/// </summary>
public sealed class LabelSmoothingNotebookTests(LabelSmoothingNotebookFixture notebook) : IClassFixture<LabelSmoothingNotebookFixture>
{
    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    private static double Number(Group g) => PrintedNotebookFixture.Number(g);

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 13);

    [Fact]
    public void Targets_and_the_example_3_gradient_match_the_course_page()
    {
        var blog = notebook.Line(@"^blog/course page ε = 0\.1: true class ([0-9.]+), each other class ([0-9.]+)");
        Assert.Equal(0.9, Number(blog[1]), 10);
        Assert.Equal(0.1 / 9, Number(blog[2]), 4);
        var torch = notebook.Line(@"^PyTorch\s+ε = 0\.1: true class ([0-9.]+), each other class ([0-9.]+)");
        Assert.Equal(0.91, Number(torch[1]), 10);
        Assert.Equal(0.01, Number(torch[2]), 10);
        Assert.Contains("with ε = 0.1      ∂ℓ/∂z = [-0.20, 0.15, 0.05]", notebook.Printed);
        Assert.Contains("without smoothing ∂ℓ/∂z = [-0.30, 0.20, 0.10]", notebook.Printed);
        var fd = notebook.Line(@"p − ỹ matches central differences \(max \|Δ\| = ([0-9.E+-]+)\)");
        Assert.True(Number(fd[1]) < 1e-8);
    }

    [Fact]
    public void Problem_9_4_and_the_decomposition_are_exact_while_the_blog_approximation_is_not()
    {
        var values = notebook.Line(@"ℓ' library ([0-9.]+), problem 9\.4 formula ([0-9.]+), decomposition ([0-9.]+)");
        Assert.Equal(Number(values[1]), Number(values[2]), 9);
        Assert.Equal(Number(values[1]), Number(values[3]), 9);
        var approx = notebook.Line(@"the blog's approximation .* off by ([0-9.]+)");
        Assert.True(Number(approx[1]) > 1e-3, "the K/(K−1) ≈ 1 step must make a visible difference");
    }

    [Fact]
    public void Figure_7_networks_are_over_confident_with_most_errors_above_0_8()
    {
        // seed, train acc, test acc, ECE, mean conf − acc, errors, errors with confidence > 0.8
        var rows = notebook.Lines(@"^\s+([123])\s+([0-9.]+)\s?%\s+([0-9.]+)\s?%\s+([0-9.]+)\s+(-?[0-9.]+)\s+([0-9]+)\s+([0-9]+)\s?%\s*$");
        Assert.Equal(3, rows.Count);
        foreach (Match r in rows)
        {
            Assert.Equal(100.0, Number(r.Groups[2]), 1);                 // interpolates the 1000 training images
            Assert.True(Number(r.Groups[5]) > 0, "over-confident on average");
            Assert.InRange(Number(r.Groups[3]), 80, 95);                  // MNIST, N = 1000, one hidden layer
        }
        Assert.True(rows.Average(r => Number(r.Groups[7])) > 50, "the blog: more than half of the errors above 0.8");
    }

    [Fact]
    public void Figure_8_sweep_has_an_interior_ece_minimum_beyond_the_seed_spread()
    {
        var rows = notebook.Lines(@"^(0(?:\.[0-9]+)?)\s+([0-9.]+) ± ([0-9.]+)\s+([0-9.]+)\s?% ± ([0-9.]+)\s?%\s*$");
        Assert.Equal(9, rows.Count);
        double[] eps = rows.Select(r => Number(r.Groups[1])).ToArray();
        double[] ece = rows.Select(r => Number(r.Groups[2])).ToArray();
        double[] sd = rows.Select(r => Number(r.Groups[3])).ToArray();
        int best = Array.IndexOf(ece, ece.Min());
        Assert.InRange(best, 1, eps.Length - 2);                        // neither no smoothing nor the largest ε
        Assert.True(ece[best] + sd[best] < ece[0] - sd[0]);
        Assert.True(ece[^1] > ece[best] + sd[best], "ε = 0.2 over-corrects");
        var printed = notebook.Line(@"lowest mean ECE at ε = ([0-9.]+) \(the blog: ε = 0\.015\)");
        Assert.Equal(eps[best], Number(printed[1]), 10);
    }

    [Fact]
    public void Temperature_scaling_softens_and_calibrates_every_seed()
    {
        var rows = notebook.Lines(@"^\s+([123])\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s*$");
        Assert.Equal(3, rows.Count);
        foreach (Match r in rows)
        {
            Assert.True(Number(r.Groups[2]) > 1, r.Value);
            Assert.True(Number(r.Groups[4]) < 0.5 * Number(r.Groups[3]), "scaling should remove most of the ECE: " + r.Value);
        }
    }

    [Fact]
    public void Problem_5_erratum_floor_is_the_target_entropy()
    {
        var floor = notebook.Line(@"H\(ỹ\) = ([0-9.]+) for K = 10, ε = 0\.1 \(the course page's floor −log 0\.9 = ([0-9.]+)\)");
        double h = -0.9 * Math.Log(0.9) - 0.1 * Math.Log(0.1 / 9);
        Assert.Equal(h, Number(floor[1]), 4);
        Assert.Equal(0.545, Number(floor[1]), 3);
        Assert.Equal(-Math.Log(0.9), Number(floor[2]), 4);
        var trained = notebook.Lines(@"ε = 0\.1, seed [123]: train accuracy ([0-9.]+)\s?%, smoothed train loss ([0-9.]+) \(floor");
        Assert.Equal(3, trained.Count);
        Assert.All(trained, m => Assert.True(Number(m.Groups[2]) >= h, m.Value));
    }
}
