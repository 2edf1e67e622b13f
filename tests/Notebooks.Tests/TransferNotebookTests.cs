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
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 16);

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

    [Fact]
    public void Every_target_size_sees_16000_examples_and_the_updates_stated()
    {
        // "Our setting": 640 updates for N = 25 and 100, 520 for 400, 500 for 1600.
        var line = notebook.Line(@"^N = 25: (\d+) epochs, (\d+) updates; N = 100: (\d+) epochs, (\d+) updates; " +
            @"N = 400: (\d+) epochs, (\d+) updates; N = 1600: (\d+) epochs, (\d+) updates$");
        double[] values = Enumerable.Range(1, 8).Select(i => N(line[i])).ToArray();
        Assert.Equal([640.0, 640, 160, 640, 40, 520, 10, 500], values);
    }

    /// <summary>A per-seed comparison line of §2: (per-seed differences, mean, paired verdict).</summary>
    private (double[] PerSeed, double Mean, string Verdict) Diffs(string pair, int n)
    {
        var line = notebook.Line($@"^{pair} at N = +{n}: ([-+\d., ]+) points \(seeds 1, 2, 3; mean ([-+\d.]+)\): (.+)$");
        var perSeed = line[1].Value.Split(", ").Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (perSeed, N(line[2]), line[3].Value);
    }

    private double[] Gaps(int n) => Diffs("fine-tune − scratch", n).PerSeed;

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
        Assert.All(Sizes, n => Assert.True(Diffs("fine-tune − scratch", n).Mean > 0));
        Assert.True(Diffs("fine-tune − scratch", 25).Mean > Diffs("fine-tune − scratch", 1600).Mean, "mean gain largest at N = 25");
        // the text: the weaker condition everywhere, clearly better only with 1600 labels
        Assert.All(new[] { 25, 100, 400 }, n => Assert.Equal("ahead on every seed, within the seed spread", Diffs("fine-tune − scratch", n).Verdict));
        Assert.Equal("clearly better (worst seed above best seed)", Diffs("fine-tune − scratch", 1600).Verdict);
        Assert.True(TransferRow(25).Scratch < TransferRow(1600).Scratch - 10, "learning curve: more labels, much better");
    }

    [Fact]
    public void A_frozen_trunk_falls_behind_fine_tuning_from_100_labels_and_equals_a_linear_probe()
    {
        Assert.All(Sizes.Where(n => n >= 100), n => Assert.True(TransferRow(n).FineTune > TransferRow(n).Freeze, $"N = {n}"));
        // per seed: behind on every seed from 100 labels on, clearly worse (the text: mixed signs at 25)
        foreach (int n in Sizes.Where(n => n >= 100))
        {
            var diffs = Diffs("fine-tune − freeze", n);
            Assert.All(diffs.PerSeed, v => Assert.True(v > 0, $"N = {n}: {v}"));
            Assert.Equal("clearly better (worst seed above best seed)", diffs.Verdict);
            Assert.InRange(diffs.Mean, 3, 5.5);
        }
        Assert.Equal("mixed signs, within the seed spread", Diffs("fine-tune − freeze", 25).Verdict);
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
        Assert.Equal(-1.6, N(relative[3]));
        // the chart's y axis is zoomed to 78–100%: every learned point lies inside it, the two unlearned ones below
        Assert.Contains(notebook.Html, h => h.Contains("Two heads, one trunk") && h.Contains("\"range\":[78.0,100.0]"));
        foreach (double w in new[] { 0.1, 0.5, 0.9 })
            Assert.All(new[] { rows[w].Task1, rows[w].Task2 }, v => Assert.InRange(v, 78, 100));
        Assert.True(rows[0.0].Task2 < 78 && rows[1.0].Task1 < 78);
        // §3's hypothesis quotes §2's sequential transfer at N = 100: +1.0 points, ahead on every seed
        Assert.Equal(1.0, Diffs("fine-tune − scratch", 100).Mean);
    }

    private (double Pretext, double Random, double Pixels, double Frozen) ProbeRow(int n)
    {
        var row = notebook.Line($@"^probe, N = +{n}: pretext-trained {Pct}, random {Pct}, pixels {Pct}, §2's frozen trunk {Pct}$");
        return (N(row[1]), N(row[3]), N(row[5]), N(row[7]));
    }

    [Fact]
    public void Pretext_features_beat_the_same_trunk_untrained()
    {
        foreach (int n in Sizes)
            Assert.True(ProbeRow(n).Pretext > ProbeRow(n).Random, $"N = {n}: {ProbeRow(n)}");
    }

    [Fact]
    public void Against_raw_pixels_the_pretext_features_lead_on_every_seed_with_few_labels_and_trail_with_many()
    {
        // The text (paired by seed): ahead on every seed with 25 and 100 labels, within the seed spread; mixed signs
        // with 400; with 1600 the pixels lead with their worst seed above the pretext trunk's best.
        (double[] PerSeed, double Mean, string Verdict) Row(int n)
        {
            var m = notebook.Line($@"^pretext − pixels at N = +{n}: ([-+\d., ]+) points \(same labelled images; mean ([-+\d.]+)\): (.+)$");
            var perSeed = m[1].Value.Split(", ").Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return (perSeed, N(m[2]), m[3].Value);
        }
        Assert.All(new[] { 25, 100 }, n => Assert.Equal("ahead on every seed, within the seed spread", Row(n).Verdict));
        Assert.All(new[] { 25, 100 }, n => Assert.All(Row(n).PerSeed, v => Assert.True(v > 0)));
        Assert.Equal("mixed signs, within the seed spread", Row(400).Verdict);
        Assert.Equal("clearly worse (best seed below worst seed)", Row(1600).Verdict);
        Assert.True(Row(1600).Mean < -1, $"N = 1600: {Row(1600).Mean}");
        Assert.True(ProbeRow(1600).Pixels > ProbeRow(1600).Pretext);
    }

    [Fact]
    public void The_frozen_supervised_trunk_trails_pixels_and_pretext_and_is_no_better_than_random()
    {
        // §4's Observe: the same probe on §2's frozen trunk; from 100 labels on its best seed is below the worst of
        // pixels and pretext; level with random at 100, behind on every seed at 400 and 1600 (clearly worse only
        // at 1600); mixed signs against all three at 25.
        Dictionary<string, (double Lead, string Verdict)> Row(int n)
        {
            var m = notebook.Line($@"^§2's frozen trunk − other features at N = +{n}: pretext-trained ([-+\d.]+), (.+?); " +
                @"random ([-+\d.]+), (.+?); pixels ([-+\d.]+), (.+)$");
            return new() { ["pretext"] = (N(m[1]), m[2].Value), ["random"] = (N(m[3]), m[4].Value), ["pixels"] = (N(m[5]), m[6].Value) };
        }
        foreach (int n in Sizes)
        {
            Assert.Equal(TransferRow(n).Freeze, ProbeRow(n).Frozen);   // the very numbers of §2's freeze arm
            var row = Row(n);
            if (n == 25)
            {
                Assert.All(row.Values, r => Assert.Equal("mixed signs, within the seed spread", r.Verdict));
                continue;
            }
            Assert.Equal("clearly worse (best seed below worst seed)", row["pixels"].Verdict);
            Assert.Equal("clearly worse (best seed below worst seed)", row["pretext"].Verdict);
            Assert.True(row["pixels"].Lead < -2.5, $"N = {n}: {row["pixels"]}");
        }
        Assert.Equal("mixed signs, within the seed spread", Row(100)["random"].Verdict);
        Assert.InRange(Row(100)["random"].Lead, -1, 1);
        Assert.Equal("behind on every seed, within the seed spread", Row(400)["random"].Verdict);
        Assert.Equal("clearly worse (best seed below worst seed)", Row(1600)["random"].Verdict);
    }

    [Fact]
    public void Giving_the_trunk_its_training_ink_back_does_not_change_the_probe_measurably()
    {
        // The Observe at the end of §4: 85.3% clean vs 85.2% on inputs × ½ with 100 labels, mixed signs per seed.
        var m = notebook.Line($@"^pretext probe, N = 100: clean input {Pct}, input × ½ {Pct}; × ½ − clean per seed: " +
            @"([-+\d., ]+) points \((.+)\)$");
        Assert.Equal(ProbeRow(100).Pretext, N(m[1]));
        Assert.Equal("mixed signs, within the seed spread", m[6].Value);
        Assert.InRange(N(m[3]) - N(m[1]), -1, 1);
        var perSeed = m[5].Value.Split(", ").Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, perSeed.Length);
        Assert.All(perSeed, v => Assert.InRange(v, -1, 1));
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
        // the slider opens at the training share (position 3 of 0, 10, 30, 50, 70, 90%)
        Assert.Contains(notebook.Html, h => h.Contains("sliders") && h.Contains("what it fills in") && h.Contains("\"active\":3"));
    }

    [Fact]
    public void Learning_curves_and_the_weighting_are_drawn_with_error_bars()
    {
        int withErrorBars = notebook.Html.Count(h => h.Contains("error_y"));
        Assert.True(withErrorBars >= 3, $"expected three charts with error bars, found {withErrorBars}");
        // the learning curves are labelled at the target sizes used, not at plotly's default log ticks
        Assert.Equal(2, notebook.Html.Count(h => h.Contains("\"tickvals\":[25.0,100.0,400.0,1600.0]")));
        // the frozen trunk keeps one colour (the palette's third, green) in both learning-curve charts
        var frozenColours = notebook.Html.SelectMany(h => System.Text.RegularExpressions.Regex.Matches(h,
                @"""name"":""(?:freeze it \(linear probe\)|[^""]*frozen trunk[^""]*)""[^{]*\{""color"":""(#[0-9A-Fa-f]{6})""")
            .Select(m => m.Groups[1].Value)).ToArray();
        Assert.Equal(["#009E73", "#009E73"], frozenColours);
    }

    [Fact]
    public void The_digit_panels_are_square_pictures_without_axes()
    {
        string panels = Assert.Single(notebook.Html, h => h.Contains("reconstruct a test digit from half of its pixels"));
        Assert.Contains("\"scaleanchor\":\"x4\"", panels);
        Assert.Contains("\"visible\":false", panels);
    }
}
