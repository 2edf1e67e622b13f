using System.Globalization;
using System.Text.RegularExpressions;
using RegularizationLab.Data;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;
using RegularizationLab.Training;

namespace RegularizationLab.Notebooks.Tests;

public sealed class ImplicitRegularizationNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "03-implicit-regularization.ipynb";

    // Full-scale training cells take ~20 s on a quiet 2-core machine but minutes on a shared one.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins the phenomena the implicit-regularization lecture shows, read from the tables and lines it prints for the
/// student: gradient descent and gradient flow end apart on the valley while the modified flow of eq. 9.20 follows
/// gradient descent; the one-step distances shrink like α² and α³; the mean SGD epoch follows L̃_SGD under random
/// reshuffling and L̃_GD with replacement; fig. 9.4 is drawn where the first-order shift is accurate and actual SGD
/// settles near the moved minimum; larger learning rates and smaller batches generalize better on MNIST-1D (3 seeds).
/// </summary>
public sealed class ImplicitRegularizationNotebookTests(ImplicitRegularizationNotebookFixture notebook)
    : IClassFixture<ImplicitRegularizationNotebookFixture>
{
    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 28);

    [Fact]
    public void Gradient_descent_ends_elsewhere_on_the_valley_floor_and_the_modified_flow_follows_it()
    {
        // Recompute the α = 0.1 run of fig. 9.3 here, independently of the notebook, and compare with what it printed.
        var valley = new ValleyLoss(0.61, 0.15, 2.0);
        double[] start = [0.05, 0.10];
        double[] gd = GradientFlow.GradientDescentPath(valley, start, 0.1, 50)[^1];
        double[] flow = GradientFlow.FlowEndPoint(valley, start, 5.0, 5000);
        var printedGd = notebook.Line(@"^gradient descent\s+ends at φ = \(([-0-9.]+), ([-0-9.]+)\)");
        var printedFlow = notebook.Line(@"^gradient flow\s+ends at φ = \(([-0-9.]+), ([-0-9.]+)\)");
        Assert.InRange(Parse(printedGd[1].Value), gd[0] - 6e-4, gd[0] + 6e-4);        // printed with 3 decimals
        Assert.InRange(Parse(printedFlow[1].Value), flow[0] - 6e-4, flow[0] + 6e-4);
        double flowGap = notebook.Number("endpoint gap GD↔flow");
        double modifiedGap = notebook.Number("endpoint gap GD↔modified flow");
        Assert.InRange(flowGap, 0.03, 0.3);              // visibly different end points, as in fig. 9.3a
        Assert.True(modifiedGap < 0.25 * flowGap, $"modified-flow gap {modifiedGap} vs flow gap {flowGap}");
    }

    [Fact]
    public void Derivation_checks_have_the_predicted_orders()
    {
        var ratios = notebook.Lines(@"remainder = [0-9.E+-]+\s+÷ remainder at α/2 = ([0-9.]+)");
        Assert.Equal(4, ratios.Count);
        Assert.All(ratios, m => Assert.InRange(Parse(m.Groups[1].Value), 7.6, 8.4));   // O(α³): halving α divides by 2³
        Assert.InRange(Parse(notebook.Line(@"^RK4 error .* ratio ([0-9.]+)$")[1].Value), 12, 20);   // fourth order
    }

    [Fact]
    public void One_step_distances_shrink_like_alpha_squared_and_alpha_cubed()
    {
        Assert.InRange(notebook.Number("slope GD↔flow"), 1.9, 2.1);
        Assert.InRange(notebook.Number("slope GD↔modified flow"), 2.85, 3.15);
        // The slope-2 constant is ½‖H∇L‖ at φ₀ = (0.3, 0.45) (eq. 9.17); recompute it here from the library.
        var valley = new ValleyLoss(0.61, 0.15, 2.0);
        double[] hg = SmallMatrices.Times(valley.Hessian([0.30, 0.45]), valley.Gradient([0.30, 0.45]));
        double predicted = 0.5 * Math.Sqrt(hg[0] * hg[0] + hg[1] * hg[1]);
        var constants = notebook.Line(@"^measured d/α² = ([0-9.]+)\s+predicted ½‖H∇L‖ = ([0-9.]+)");
        Assert.InRange(Parse(constants[2].Value), predicted - 1e-4, predicted + 1e-4);
        Assert.InRange(Parse(constants[1].Value) / predicted, 0.98, 1.02);
        Assert.True(Parse(notebook.Line(@"modified flow is ([0-9]+) times closer")[1].Value) > 100);
    }

    [Fact]
    public void Larger_steps_end_further_along_the_valley_and_overshoot_where_the_first_order_flow_stops_tracking()
    {
        // Rows: α, GD end φ₀, modified-flow end φ₀, flow end φ₀, max α·λmax along the GD path.
        var rows = notebook.Lines(@"^ (0\.[0-9]{2})\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s*$");
        Assert.Equal(8, rows.Count);
        double previousGd = double.NegativeInfinity;
        foreach (Match row in rows)
        {
            double alpha = Parse(row.Groups[1].Value), gd = Parse(row.Groups[2].Value);
            double modified = Parse(row.Groups[3].Value), flow = Parse(row.Groups[4].Value), stiffest = Parse(row.Groups[5].Value);
            Assert.True(gd > previousGd && gd > flow, $"α = {alpha}: GD end {gd} (previous {previousGd}, flow {flow})");
            if (alpha <= 0.10 + 1e-9)
                Assert.True(Math.Abs(modified - gd) < 0.25 * (gd - flow), $"α = {alpha}: modified flow {modified} vs GD {gd}");
            Assert.True(alpha <= 0.10 + 1e-9 ? stiffest < 1 : stiffest > 1, $"α = {alpha}: max α·λmax {stiffest}");
            previousGd = gd;
        }
        // Past α·λmax = 1 the first-order correction no longer tracks gradient descent.
        double Gap(Match r) => Math.Abs(Parse(r.Groups[3].Value) - Parse(r.Groups[2].Value));
        Assert.True(Gap(rows[^1]) > 10 * Gap(rows[0]));
    }

    [Fact]
    public void The_mean_SGD_epoch_follows_its_own_modified_loss_for_each_sampling_scheme()
    {
        Assert.InRange(notebook.Number("slope reshuffling ↔ L̃_SGD"), 2.85, 3.15);            // eq. 9.9 closes the α² gap
        Assert.InRange(notebook.Number("slope reshuffling ↔ L̃_GD"), 1.9, 2.1);
        Assert.InRange(notebook.Number("slope with replacement ↔ L̃_GD"), 2.85, 3.15);       // no batch-variance term
        Assert.InRange(notebook.Number("slope with replacement ↔ L̃_SGD"), 1.9, 2.1);
        var rows = notebook.Lines(@"^ (0\.0[0-9]+)\s+([0-9.]+E[-+][0-9]+)\s+([0-9.]+E[-+][0-9]+)\s+([0-9.]+E[-+][0-9]+)\s+([0-9.]+E[-+][0-9]+)\s*$");
        Assert.Equal(3, rows.Count);
        foreach (Match row in rows)
        {
            double reshuffledGd = Parse(row.Groups[2].Value), reshuffledSgd = Parse(row.Groups[3].Value);
            double replacedGd = Parse(row.Groups[4].Value), replacedSgd = Parse(row.Groups[5].Value);
            Assert.True(reshuffledSgd < 0.01 * reshuffledGd && replacedGd < 0.01 * replacedSgd, row.Value);
        }
    }

    [Fact]
    public void The_Gabor_data_are_the_textbooks_and_fig_9_4_is_drawn_where_the_first_order_shift_is_accurate()
    {
        Assert.Single(notebook.Lines($@"^{GaborData.Textbook().X.Length} examples in B = 6 batches"));
        // Rows: α, α·λmax, exact/predicted shift ratio, |SGD average − min L̃|, |SGD average − φ*|.
        var rows = notebook.Lines(@"^ ([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+E[-+][0-9]+)\s+([0-9.]+E[-+][0-9]+)\s*$");
        Assert.Equal(4, rows.Count);
        double Col(int row, int col) => Parse(rows[row].Groups[col].Value);
        for (int i = 1; i < 4; i++)
            Assert.True(Math.Abs(Col(i, 3) - 1) > Math.Abs(Col(i - 1, 3) - 1), "the first-order error must grow with α");
        Assert.InRange(Col(0, 3), 0.98, 1.02);
        Assert.Equal(0.25, Col(1, 1));                                     // the α fig. 9.4 is drawn at
        Assert.InRange(Col(1, 3), 0.9, 1.1);
        Assert.True(Col(1, 4) < 0.5 * Col(1, 5) && Col(0, 4) < 0.1 * Col(0, 5), "actual SGD settles near the minimum of L̃_SGD");
        Assert.True(Col(3, 2) < 2 && Col(3, 5) > 1, "at α = 4 SGD is stable at φ* yet leaves its basin");
        // The moved minimum is inside the zoomed panel (d), whose axes cover φ* and the α = 4 minimum.
        var at025 = notebook.Line(@"^minimum of L̃_SGD at α = 0.25: \(([-0-9.]+), ([-0-9.]+)\)");
        var phiStar = notebook.Line(@"^minimum of L: φ\* = \(([-0-9.]+), ([-0-9.]+)\)");
        Assert.True(Math.Abs(Parse(at025[2].Value) - Parse(phiStar[2].Value)) > 1e-3);
    }

    private IReadOnlyList<(double Setting, double Train, double Test, double Min, double Max)> SweepRows(string header)
    {
        int start = notebook.Printed.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table headed '{header}'");
        return Regex.Matches(notebook.Printed[start..], @"^\s+([0-9.]+)\s+[0-9]+\s+([0-9.]+)\s+([0-9.]+) \[([0-9.]+), ([0-9.]+)\]\s*$",
                RegexOptions.Multiline).Take(4)
            .Select(m => (Parse(m.Groups[1].Value), Parse(m.Groups[2].Value), Parse(m.Groups[3].Value),
                Parse(m.Groups[4].Value), Parse(m.Groups[5].Value))).ToList();
    }

    [Fact]
    public void Larger_learning_rates_and_smaller_batches_generalize_better_on_MNIST_1D_over_three_seeds()
    {
        var lr = SweepRows(" LR     iterations");
        var batch = SweepRows(" batch   epochs");
        Assert.Equal(4, lr.Count);
        Assert.Equal(4, batch.Count);
        Assert.All(lr.Concat(batch), r => Assert.True(r.Train >= 0.99, $"setting {r.Setting} did not fit the training set"));
        Assert.True(lr[^1].Min > lr[0].Max, $"LR {lr[^1].Setting} worst seed {lr[^1].Min} vs LR {lr[0].Setting} best {lr[0].Max}");
        Assert.True(batch[0].Min > batch[^1].Max, $"batch {batch[0].Setting} worst {batch[0].Min} vs {batch[^1].Setting} best {batch[^1].Max}");
        Assert.True(lr[0].Setting < lr[^1].Setting && batch[0].Setting < batch[^1].Setting);
    }

    [Fact]
    public void The_book_scale_file_came_from_the_lecture_code_and_the_lecture_shows_it()
    {
        var file = FlowTimeSweepFile.Load(Path.Combine(PrintedNotebookFixture.FindRepoRoot(),
            "data", "full-scale", "fig9-5-flow-time.json"));
        double[] rates = [0.05, 0.1, 0.2, 0.5];
        foreach (var (sweep, flowTime) in new[] { (file.InClass, 600.0), (file.FullScale, 6000.0) })
        {
            Assert.Equal(flowTime, sweep.FlowTime);                        // the lecture's T and the book's T
            Assert.Equal(100, sweep.BatchSize);
            Assert.Equal([1, 2, 3], sweep.Seeds);
            Assert.Equal(rates, sweep.LearningRates);
            Assert.All(sweep.Runs, r => Assert.Equal(EqualFlowTimeSweep.Iterations(flowTime, r.LearningRate), r.Iterations));
            Assert.All(sweep.Runs, r => Assert.True(r.TrainAccuracy >= 0.99, $"T = {flowTime}, LR {r.LearningRate}: train {r.TrainAccuracy}"));
        }
        // The notebook recomputed the T = 600 part with EqualFlowTimeSweep.Run and compared it with the file, bit for bit.
        Assert.Single(notebook.Lines(@"^✓ the file's T = 600 part is bit-identical to this run$"));
        // The book's scale keeps the phenomenon: LR 0.5 above LR 0.05 on average and seed by seed.
        Assert.Single(notebook.Lines(@"^✓ at the book's T the large learning rate still tests better on average$"));
        Assert.Single(notebook.Lines(@"^✓ at the book's T every LR-0.5 seed tests above every LR-0.05 seed$"));
        // It printed the file's book-scale means beside its own run.
        var rows = notebook.Lines(@"^ (0\.[0-9]+)\s+([0-9.]+)\s+([0-9.]+)\s*$");
        Assert.Equal(4, rows.Count);
        for (int i = 0; i < 4; i++)
        {
            double mean = file.FullScale.At(rates[i]).Average(r => r.TestAccuracy);
            Assert.Equal(rates[i], Parse(rows[i].Groups[1].Value));
            Assert.Equal(mean.ToString("F3", CultureInfo.InvariantCulture), rows[i].Groups[3].Value);
        }
    }

    [Fact]
    public void Most_of_the_small_batch_advantage_opens_late_in_training()
    {
        var gaps = notebook.Line(@"^gap at 1/3 = ([-0-9.]+), gap at the end = ([-0-9.]+)$");
        double early = Parse(gaps[1].Value), end = Parse(gaps[2].Value);
        Assert.True(end > 0.02 && end > 2 * early, $"gap {early} at 1/3 of training, {end} at the end");
    }

    [Fact]
    public void The_notebook_draws_its_charts_including_the_sliders()
    {
        var html = notebook.Html.Where(t => t.Contains("Plotly.newPlot")).ToList();
        Assert.True(html.Count >= 6, $"expected at least 6 charts, found {html.Count}");
        Assert.True(html.Count(t => t.Contains("\"sliders\"")) >= 2, "expected two slider charts (α paths, batch-size curves)");
    }
}
