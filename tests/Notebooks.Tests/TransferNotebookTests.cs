using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class TransferNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "11-transfer-multitask-self-supervised.ipynb";

    // Each sweep is one cell; on a heavily shared machine a cell can exceed the default 300 s.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins what lecture 11 shows: fine-tuning a pretrained trunk beats training from scratch on every seed and target size
/// (most at the smallest), a frozen trunk falls behind from 100 labels on, freezing equals a linear probe; with two heads and
/// Adam the weighting α, β barely matters between the extremes; a masked-reconstruction pretext task gives features a
/// linear probe reads better than the same trunk untrained.
/// </summary>
public sealed class TransferNotebookTests(TransferNotebookFixture notebook) : IClassFixture<TransferNotebookFixture>
{
    private static double N(Group g) => PrintedNotebookFixture.Number(g);
    private const string Pct = @"([\d.]+) ± ([\d.]+) %";
    private static readonly int[] Sizes = [25, 100, 400, 1600];

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 13);

    [Fact]
    public void Pretraining_learns_the_source_task()
    {
        var line = notebook.Line($@"^source task \(digits 0–4\) test accuracy after pretraining: {Pct} \(3 seeds\)");
        Assert.InRange(N(line[1]), 95, 100);
    }

    private (double Scratch, double FineTune, double Freeze) TransferRow(int n)
    {
        var row = notebook.Line($@"^N = +{n}: scratch {Pct}, fine-tune {Pct}, freeze {Pct}$");
        return (N(row[1]), N(row[3]), N(row[5]));
    }

    private double[] Gaps(int n)
    {
        var line = notebook.Line($@"^fine-tune − scratch at N = +{n}: ([-+\d., ]+) points \(seeds 1, 2, 3\)");
        return line[1].Value.Split(", ").Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void Fine_tuning_beats_scratch_on_every_seed_most_with_the_fewest_labels()
    {
        foreach (int n in Sizes)
        {
            double[] gaps = Gaps(n);
            Assert.Equal(3, gaps.Length);
            Assert.All(gaps, g => Assert.True(g > 0, $"N = {n}: fine-tune − scratch = {g}"));
            var row = TransferRow(n);
            Assert.True(row.FineTune > row.Scratch, $"N = {n}");
        }
        Assert.True(Gaps(25).Average() > Gaps(1600).Average(), "the gain should be largest with the fewest target labels");
        var means = notebook.Lines(@"^mean over seeds at N = +(\d+): fine-tune − scratch ([-+\d.]+) points, fine-tune − freeze ([-+\d.]+) points");
        Assert.Equal(4, means.Count);
        Assert.All(means, m => Assert.True(N(m.Groups[2]) > 0));
        Assert.True(N(means[0].Groups[2]) > N(means[3].Groups[2]), "mean gain largest at N = 25");
        Assert.True(TransferRow(25).Scratch < TransferRow(1600).Scratch - 10, "learning curve: more labels, much better");
    }

    [Fact]
    public void A_frozen_trunk_falls_behind_fine_tuning_from_100_labels_and_equals_a_linear_probe()
    {
        Assert.All(Sizes.Where(n => n >= 100), n => Assert.True(TransferRow(n).FineTune > TransferRow(n).Freeze, $"N = {n}"));
        // per seed: behind on every seed from 100 labels on (the text: no clear gap at 25)
        foreach (int n in Sizes.Where(n => n >= 100))
        {
            var line = notebook.Line($@"^fine-tune − freeze at N = +{n}: ([-+\d., ]+) points \(seeds 1, 2, 3\)");
            Assert.All(line[1].Value.Split(", "), v => Assert.True(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) > 0, $"N = {n}: {v}"));
        }
        var same = notebook.Line(@"^frozen trunk \+ trained head: ([\d.]+) %; linear probe: ([\d.]+) %");
        Assert.Equal(N(same[1]), N(same[2]));
    }

    [Fact]
    public void With_two_heads_and_Adam_the_weighting_matters_only_at_the_extremes()
    {
        var rows = notebook.Lines($@"^w = +([\d.]+): task 1 \(digits 5–9, 100 labels\) {Pct}, task 2 \(digits 0–4, 3000 labels\) {Pct}$")
            .ToDictionary(m => N(m.Groups[1]), m => (Task1: N(m.Groups[2]), Task2: N(m.Groups[4])));
        Assert.Equal([0.0, 0.1, 0.5, 0.9, 1.0], rows.Keys.Order());
        foreach (double w in new[] { 0.1, 0.5, 0.9 })
        {
            Assert.InRange(rows[w].Task1, rows[0].Task1 - 2, rows[0].Task1 + 2);
            Assert.True(rows[w].Task2 > 95, $"w = {w}: task 2 {rows[w].Task2}");
        }
        Assert.True(rows[1.0].Task1 < 40 && rows[0.0].Task2 < 40, "a task with weight 0 stays near chance (20%)");
        var relative = notebook.Line(@"^task 1 against training it alone \(w = 0\): w = 0.1 ([-+\d.]+), w = 0.5 ([-+\d.]+), w = 0.9 ([-+\d.]+) points");
        Assert.All(new[] { 1, 2, 3 }, i => Assert.InRange(N(relative[i]), -2, 2));
        Assert.True(N(relative[3]) < N(relative[1]), "task 1 gets slightly worse as task 2 takes over the trunk");
    }

    private (double Pretext, double Random, double Pixels) ProbeRow(int n)
    {
        var row = notebook.Line($@"^probe, N = +{n}: pretext-trained {Pct}, random {Pct}, pixels {Pct}$");
        return (N(row[1]), N(row[3]), N(row[5]));
    }

    [Fact]
    public void Pretext_features_beat_the_same_trunk_untrained()
    {
        foreach (int n in Sizes)
            Assert.True(ProbeRow(n).Pretext > ProbeRow(n).Random, $"N = {n}: {ProbeRow(n)}");
    }

    [Fact]
    public void Against_raw_pixels_the_pretext_features_differ_within_the_spread_until_labels_are_plentiful()
    {
        // The text: no clear difference with 25 and 100 labels; with 1600 labels the pixels lead by more than the spread.
        (double Lead, double Sd) Row(int n)
        {
            var m = notebook.Line($@"^pretext − pixels at N = +{n}: ([-+\d.]+) points \(the larger of their seed sds: ([\d.]+) points\)");
            return (N(m[1]), N(m[2]));
        }
        Assert.All(new[] { 25, 100 }, n => Assert.True(Math.Abs(Row(n).Lead) < Row(n).Sd, $"N = {n}: {Row(n)}"));
        Assert.True(-Row(1600).Lead > Row(1600).Sd, $"N = 1600: {Row(1600)}");
        Assert.True(ProbeRow(1600).Pixels > ProbeRow(1600).Pretext);
    }

    [Fact]
    public void The_pretext_network_reconstructs_best_at_its_training_share_and_its_ink_follows_the_share()
    {
        // §4.1's Observe: loss smallest at 50% and growing both ways; with 10% hidden the masked input beats the
        // reconstruction; ink ≈ 1 at 50%, too much below it, too little above it.
        var rows = notebook.Lines(@"^ ?(\d+)% hidden: pretext loss +([\d.]+) \(masked input left as it is: +([\d.]+)\), " +
                @"ink of the reconstruction ([\d.]+)$")
            .ToDictionary(m => (int)N(m.Groups[1]), m => (Loss: N(m.Groups[2]), AsIs: N(m.Groups[3]), Ink: N(m.Groups[4])));
        int[] shares = [0, 10, 30, 50, 70, 90];
        Assert.Equal(shares, rows.Keys.Order());
        for (int i = 1; i < shares.Length; i++)
        {
            double before = rows[shares[i - 1]].Loss, after = rows[shares[i]].Loss;
            Assert.True(shares[i] <= 50 ? after < before : after > before, $"loss {shares[i - 1]}% → {shares[i]}%: {before} → {after}");
            Assert.True(rows[shares[i]].Ink < rows[shares[i - 1]].Ink, $"ink falls from {shares[i - 1]}% to {shares[i]}%");
        }
        Assert.True(rows[10].AsIs < rows[10].Loss, $"10%: as it is {rows[10].AsIs}, reconstruction {rows[10].Loss}");
        Assert.InRange(rows[50].Ink, 0.95, 1.05);
        Assert.True(rows[10].Ink > 1.3 && rows[90].Ink < 0.5, $"ink at 10% {rows[10].Ink}, at 90% {rows[90].Ink}");
        Assert.Contains(notebook.Html, h => h.Contains("sliders") && h.Contains("what it fills in"));
    }

    [Fact]
    public void Learning_curves_and_the_weighting_are_drawn_with_error_bars()
    {
        int withErrorBars = notebook.Html.Count(h => h.Contains("error_y"));
        Assert.True(withErrorBars >= 3, $"expected three charts with error bars, found {withErrorBars}");
    }
}
