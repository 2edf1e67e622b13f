using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RegularizationLab.Analysis;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class ImplicitRegularizationNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "03-implicit-regularization.ipynb";
}

/// <summary>
/// Pins what the implicit-regularization lecture states: gradient descent and gradient flow end apart on the valley
/// loss while the modified flow of eq. 9.20 follows gradient descent; the one-step distances shrink like α² and α³;
/// the SGD modified loss moves the Gabor minimum by −αH⁻¹∇R; larger learning rates and smaller batches generalize
/// better on MNIST-1D (fig. 9.5).
/// </summary>
public sealed class ImplicitRegularizationNotebookTests(ImplicitRegularizationNotebookFixture notebook)
    : IClassFixture<ImplicitRegularizationNotebookFixture>
{
    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    // Every derivation is followed by a visible pass line; losing one (a deleted or silent cell) is a regression.
    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 22);

    [Fact]
    public void Gradient_descent_ends_elsewhere_on_the_valley_floor_and_the_modified_flow_follows_it()
    {
        // Recompute the α = 0.1 run of fig. 9.3 here, independently of the notebook, and compare with what it printed.
        var valley = new ValleyLoss(0.61, 0.15, 2.0);
        double[] start = [0.05, 0.10];
        double[] gd = GradientFlow.GradientDescentPath(valley, start, 0.1, 50)[^1];
        double[] flow = GradientFlow.FlowEndPoint(valley, start, 5.0, 5000);
        var printedGd = notebook.Lines(@"^gradient descent\s+ends at φ = \(([-0-9.]+), ([-0-9.]+)\)");
        var printedFlow = notebook.Lines(@"^gradient flow\s+ends at φ = \(([-0-9.]+), ([-0-9.]+)\)");
        Assert.Single(printedGd);
        Assert.Single(printedFlow);
        Assert.InRange(Parse(printedGd[0].Groups[1].Value), gd[0] - 6e-4, gd[0] + 6e-4);        // printed with 3 decimals
        Assert.InRange(Parse(printedFlow[0].Groups[1].Value), flow[0] - 6e-4, flow[0] + 6e-4);

        double flowGap = notebook.Number("endpoint gap GD↔flow");
        double modifiedGap = notebook.Number("endpoint gap GD↔modified flow");
        Assert.InRange(flowGap, 0.03, 0.3);              // visibly different end points, as in fig. 9.3a
        Assert.True(modifiedGap < 0.25 * flowGap, $"modified-flow gap {modifiedGap} vs flow gap {flowGap}");
    }

    [Fact]
    public void Derivation_checks_have_the_predicted_orders()
    {
        Assert.InRange(notebook.Number("taylor remainder ratio"), 7.6, 8.4);   // O(α³): halving α divides by 2³
        Assert.InRange(notebook.Number("rk4 error ratio"), 12, 20);           // RK4 is fourth order: 2⁴ = 16
    }

    [Fact]
    public void One_step_distances_shrink_like_alpha_squared_and_alpha_cubed()
    {
        Assert.InRange(notebook.Number("slope GD↔flow"), 1.9, 2.1);
        Assert.InRange(notebook.Number("slope GD↔modified flow"), 2.85, 3.15);
        // The slope-2 constant is ½‖H∇L‖ at φ₀ = (0.3, 0.45) (eq. 9.17); recompute it here from the library.
        var valley = new ValleyLoss(0.61, 0.15, 2.0);
        double[] phi0 = [0.30, 0.45];
        double[] g = valley.Gradient(phi0);
        double[,] h = valley.Hessian(phi0);
        double predicted = 0.5 * Math.Sqrt(Math.Pow(h[0, 0] * g[0] + h[0, 1] * g[1], 2) + Math.Pow(h[1, 0] * g[0] + h[1, 1] * g[1], 2));
        Assert.InRange(notebook.Number("predicted ½‖H∇L‖"), predicted - 1e-4, predicted + 1e-4);   // printed with 4 decimals
        Assert.InRange(notebook.Number("measured d/α²") / predicted, 0.98, 1.02);
        Assert.True(notebook.Number("distance ratio flow/modified at smallest α") > 100);
    }

    [Fact]
    public void Larger_steps_end_further_along_the_valley_and_the_modified_flow_tracks_small_steps()
    {
        // Table rows: α, GD end φ₀, modified-flow end φ₀, flow end φ₀, α·λmax at the GD end.
        var rows = notebook.Lines(@"^ (0\.[0-9]{2})\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s*$");
        Assert.Equal(8, rows.Count);
        double previousGd = double.NegativeInfinity;
        foreach (Match row in rows)
        {
            double alpha = Parse(row.Groups[1].Value), gd = Parse(row.Groups[2].Value);
            double modified = Parse(row.Groups[3].Value), flow = Parse(row.Groups[4].Value), sharpness = Parse(row.Groups[5].Value);
            Assert.True(gd > previousGd, $"α = {alpha}: GD end {gd} did not move further than {previousGd}");
            Assert.True(gd > flow, $"α = {alpha}: GD end {gd} is not beyond the flow's {flow}");
            if (alpha <= 0.10 + 1e-9)
                Assert.True(Math.Abs(modified - gd) < 0.25 * (gd - flow), $"α = {alpha}: modified flow {modified} does not track GD {gd}");
            Assert.True(sharpness < 2, $"α = {alpha}: GD settled where α·λmax = {sharpness} ≥ 2");
            previousGd = gd;
        }
    }

    [Fact]
    public void Mean_SGD_epoch_follows_the_flow_of_the_SGD_modified_loss_to_third_order()
    {
        Assert.InRange(notebook.Number("slope SGD↔flow"), 1.9, 2.1);
        Assert.InRange(notebook.Number("slope SGD↔GD-modified flow"), 1.9, 2.1);      // the GD penalty alone is not enough
        Assert.InRange(notebook.Number("slope SGD↔SGD-modified flow"), 2.85, 3.15);   // eq. 9.9 closes the α² gap
        // Rows: α, distance of the mean epoch to the flow, to the flow of L̃_GD, to the flow of L̃_SGD.
        var rows = notebook.Lines(@"^ (0\.[0-9]+)\s+([0-9.]+E[-+][0-9]+)\s+([0-9.]+E[-+][0-9]+)\s+([0-9.]+E[-+][0-9]+)\s*$");
        Assert.Equal(5, rows.Count);
        foreach (Match row in rows)
        {
            double flow = Parse(row.Groups[2].Value), gd = Parse(row.Groups[3].Value), sgd = Parse(row.Groups[4].Value);
            Assert.True(sgd < 0.1 * gd && gd < flow, $"α = {row.Groups[1].Value}: distances {flow}, {gd}, {sgd} are not ordered");
        }
    }

    [Fact]
    public void Batch_variance_moves_the_Gabor_minimum_as_first_order_theory_predicts()
    {
        // Table rows: α, measured shift, predicted shift, ratio; the ratio must tend to 1 as α → 0.
        var rows = notebook.Lines(@"^ ([0-9.]+)\s+\(\s*[-0-9.]+,\s*[-0-9.]+\)\s+\(\s*[-0-9.]+,\s*[-0-9.]+\)\s+([0-9.]+)\s*$");
        Assert.Equal(4, rows.Count);
        double[] errors = rows.Select(r => Math.Abs(Parse(r.Groups[2].Value) - 1)).ToArray();
        for (int i = 1; i < errors.Length; i++)
            Assert.True(errors[i] < errors[i - 1], $"the first-order error did not shrink with α: {string.Join(", ", errors)}");
        Assert.InRange(notebook.Number("shift ratio at smallest α"), 0.98, 1.02);
        Assert.True(notebook.Number("largest curvature at the minimum") * 4.0 < 2.0);

        var trade = notebook.Lines(@"L rises ([0-9.]+) → ([0-9.]+), batch variance term falls ([0-9.E+-]+) → ([0-9.E+-]+)");
        Assert.Single(trade);
        Assert.True(Parse(trade[0].Groups[2].Value) >= Parse(trade[0].Groups[1].Value));
        Assert.True(Parse(trade[0].Groups[4].Value) < Parse(trade[0].Groups[3].Value));
    }

    [Fact]
    public void Larger_learning_rates_generalize_better_on_MNIST_1D()
    {
        // Rows: LR, iterations, train accuracy, test accuracy (means over seeds).
        var rows = notebook.Lines(@"^ (0\.[0-9]+)\s+([0-9]+)\s+([0-9.]+)\s+([0-9.]+)\s*$");
        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            double lr = Parse(row.Groups[1].Value);
            Assert.Equal(Math.Round(600 / lr), Parse(row.Groups[2].Value));     // equal flow time T = 600
            Assert.True(Parse(row.Groups[3].Value) >= 0.99, $"LR {lr} did not memorize the training set");
        }
        double smallest = Parse(rows[0].Groups[4].Value), largest = Parse(rows[^1].Groups[4].Value);
        Assert.True(largest - smallest >= 0.02, $"test accuracy {smallest} at the smallest LR vs {largest} at the largest");
        Assert.InRange(notebook.Number("LR test accuracy gain"), largest - smallest - 2e-3, largest - smallest + 2e-3);
    }

    [Fact]
    public void Smaller_batches_generalize_better_on_MNIST_1D()
    {
        // Rows: batch size, epochs, train accuracy, test accuracy (means over seeds).
        var rows = notebook.Lines(@"^\s+([0-9]+)\s+([0-9]+)\s+([0-9.]+)\s+([0-9.]+)\s*$");
        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
            Assert.True(Parse(row.Groups[3].Value) >= 0.99, $"batch {row.Groups[1].Value} did not memorize the training set");
        double smallBatch = Parse(rows[0].Groups[4].Value), largeBatch = Parse(rows[^1].Groups[4].Value);
        Assert.True(Parse(rows[0].Groups[1].Value) < Parse(rows[^1].Groups[1].Value));
        Assert.True(smallBatch - largeBatch >= 0.02, $"test accuracy {smallBatch} with small batches vs {largeBatch} with large ones");
        Assert.InRange(notebook.Number("batch test accuracy gain"), smallBatch - largeBatch - 2e-3, smallBatch - largeBatch + 2e-3);
    }

    [Fact]
    public void The_notebook_draws_its_charts_including_the_sliders()
    {
        var html = notebook.Html.Where(t => t.Contains("Plotly.newPlot")).ToList();
        Assert.True(html.Count >= 6, $"expected at least 6 charts, found {html.Count}");
        Assert.True(html.Count(t => t.Contains("\"sliders\"")) >= 2, "expected two slider charts (α paths, batch-size curves)");
    }
}
