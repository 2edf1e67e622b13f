using RegularizationLab.Data;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Training;

/// <summary>Choosing settings on validation and comparing methods over seeds (lecture 12's capstone).</summary>
public class ModelSelectionTests
{
    // Ten examples on a line: label 1 when x > 0.
    private static readonly Dataset Validation = Line(10, 0.05);
    private static readonly Dataset Test = Line(20, 0.01);

    private static Dataset Line(int n, double offset)
    {
        var x = new Matrix(n, 1);
        for (int i = 0; i < n; i++) x[i, 0] = -1 + 2.0 * i / (n - 1) + offset;
        return new Dataset(x, Enumerable.Range(0, n).Select(i => x[i, 0] > 0 ? 1 : 0).ToArray());
    }

    // A "trained" classifier: threshold t; class 1 when x > t.
    private static Func<Matrix, Matrix> Threshold(double t) => x =>
    {
        var p = new Matrix(x.Rows, 2);
        for (int i = 0; i < x.Rows; i++) { int c = x[i, 0] > t ? 1 : 0; p[i, c] = 1; }
        return p;
    };

    private static Candidate Fixed(string method, string setting, double threshold, double seedShift = 0) =>
        new(method, setting, 1, seed => Threshold(threshold + seedShift * seed));

    [Fact]
    public void Every_candidate_is_run_with_every_seed_and_scored_on_both_sets()
    {
        var runs = ModelSelection.Run(new[] { Fixed("a", "exact", 0), Fixed("b", "shifted", 0.5) }, new[] { 1, 2, 3 },
            Validation, Test, new SweepOptions { Parallel = false });
        Assert.Equal(6, runs.Length);
        Assert.Equal(new[] { 1, 2, 3, 1, 2, 3 }, runs.Select(r => r.Seed));
        Assert.All(runs.Take(3), r => Assert.Equal(1.0, r.TestAccuracy));
        Assert.All(runs.Skip(3), r => Assert.True(r.ValidationAccuracy < 1 && r.TestAccuracy < 1));
    }

    [Fact]
    public void The_setting_with_the_best_mean_validation_accuracy_is_chosen_per_method()
    {
        var candidates = new[] { Fixed("m", "bad", 0.6), Fixed("m", "good", 0.0), Fixed("other", "only", 0.3) };
        var methods = ModelSelection.ChoosePerMethod(ModelSelection.Run(candidates, new[] { 1, 2 }, Validation, Test));
        Assert.Equal(new[] { "m", "other" }, methods.Select(m => m.Method));
        Assert.Equal("good", methods[0].ChosenSetting);
        Assert.Equal(2, methods[0].Test.Length);
    }

    [Fact]
    public void A_beats_B_only_when_its_worst_seed_is_above_Bs_best_seed()
    {
        var a = new MethodResult("a", "", 1, new[] { 0.9, 0.9 }, new[] { 0.95, 0.96 });
        var b = new MethodResult("b", "", 1, new[] { 0.9, 0.9 }, new[] { 0.90, 0.94 });
        var c = new MethodResult("c", "", 1, new[] { 0.9, 0.9 }, new[] { 0.80, 0.99 });
        Assert.True(ModelSelection.Beats(a, b));
        Assert.False(ModelSelection.Beats(b, a));
        Assert.False(ModelSelection.Beats(a, c));      // overlapping seeds: no verdict either way
        Assert.False(ModelSelection.Beats(c, a));
        Assert.Equal(0.955, a.TestMean, 12);
        Assert.Equal(Math.Sqrt(0.00005), a.TestSpread, 12);
        // the same rule on plain per-seed scores (lecture 11's probes)
        Assert.True(ModelSelection.Beats(a.Test, b.Test));
        Assert.False(ModelSelection.Beats(new[] { 0.94, 0.97 }, b.Test));   // worst seed ties B's best: no verdict
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ModelSelection.Beats(a.Test, Array.Empty<double>())).ParamName);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_message()
    {
        var free = new Candidate("free", "", 0, _ => Threshold(0));
        var e = Assert.Throws<ArgumentException>(() => ModelSelection.Run(new[] { free }, new[] { 1 }, Validation, Test));
        Assert.Contains("at least 1 training", e.Message);
        var wrongRows = new Candidate("rows", "", 1, _ => x => new Matrix(1, 2));
        var r = Assert.Throws<InvalidOperationException>(() => ModelSelection.Run(new[] { wrongRows }, new[] { 1 }, Validation, Test));
        Assert.Contains("one row per example", r.Message);
        Assert.ThrowsAny<ArgumentException>(() => ModelSelection.Run(Array.Empty<Candidate>(), new[] { 1 }, Validation, Test));
    }
}
