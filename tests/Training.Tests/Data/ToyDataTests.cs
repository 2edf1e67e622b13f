using RegularizationLab.Data;
using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Training.Data;

public class TwoMoonsTests
{
    [Fact]
    public void Without_noise_every_point_lies_on_its_arc()
    {
        var moons = TwoMoons.Generate(101, noise: 0, labelFlipProbability: 0, seed: 1);
        Assert.Equal(101, moons.Data.Count);
        Assert.Equal(50, moons.Labels.Count(l => l == 0));   // ⌊n/2⌋ on the upper arc
        for (int i = 0; i < 101; i++)
        {
            double x = moons.Features[i, 0], y = moons.Features[i, 1];
            // upper arc: (x, y) on the unit circle with y ≥ 0; lower arc: (1 − x, ½ − y) on it with y ≤ ½.
            double radius = moons.Labels[i] == 0 ? Math.Sqrt(x * x + y * y) : Math.Sqrt((1 - x) * (1 - x) + (0.5 - y) * (0.5 - y));
            Assert.Equal(1.0, radius, 12);
        }
        Assert.Equal(0, moons.FlippedCount);
    }

    [Fact]
    public void Label_flips_happen_with_the_stated_probability()
    {
        var moons = TwoMoons.Generate(20_000, 0.1, 0.1, seed: 5);
        double fraction = (double)moons.FlippedCount / 20_000;
        // Binomial standard deviation √(0.1·0.9/20000) ≈ 0.0021; allow 4 of them.
        Assert.InRange(fraction, 0.1 - 4 * 0.0021, 0.1 + 4 * 0.0021);
        for (int i = 0; i < 20_000; i++)
            Assert.Equal(moons.Flipped[i], moons.Labels[i] != moons.CleanLabels[i]);
    }

    [Fact]
    public void Spatial_noise_has_the_stated_standard_deviation()
    {
        var clean = TwoMoons.Generate(20_000, 0, 0, seed: 8);
        var noisy = TwoMoons.Generate(20_000, 0.3, 0, seed: 8);   // same seed → same shuffle, same arc positions
        double sumSquares = 0;
        for (int i = 0; i < noisy.Features.Length; i++)
        {
            double d = noisy.Features.Data[i] - clean.Features.Data[i];
            sumSquares += d * d;
        }
        double sd = Math.Sqrt(sumSquares / noisy.Features.Length);
        // The sample sd of 40 000 normal draws has relative standard error 1/√(2·40000) ≈ 0.35%; allow 2%.
        Assert.InRange(sd, 0.3 * 0.98, 0.3 * 1.02);
    }

    [Fact]
    public void Same_seed_gives_identical_data_and_a_different_seed_does_not()
    {
        var a = TwoMoons.WeightDecayExperiment(seed: 42);
        var b = TwoMoons.WeightDecayExperiment(seed: 42);
        var c = TwoMoons.WeightDecayExperiment(seed: 43);
        Assert.Equal(250, a.Data.Count);
        Assert.Equal(a.Features.Data, b.Features.Data);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Features.Data, c.Features.Data);
        Assert.Equal(300, TwoMoons.DropoutExperiment(1).Data.Count);
        Assert.Equal(0, TwoMoons.DropoutExperiment(1).FlippedCount);
    }

    [Fact]
    public void Bad_arguments_name_the_argument_and_value()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => TwoMoons.Generate(0, 0.1, 0.1, 1));
        Assert.Equal("count", e1.ParamName);
        Assert.Contains("got 0", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => TwoMoons.Generate(10, -0.1, 0.1, 1));
        Assert.Equal("noise", e2.ParamName);
        Assert.Contains("-0.1", e2.Message);
        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => TwoMoons.Generate(10, 0.1, 1.5, 1));
        Assert.Equal("labelFlipProbability", e3.ParamName);
        Assert.Contains("1.5", e3.Message);
    }
}

public class DatasetTests
{
    [Fact]
    public void Mismatched_counts_NaN_features_and_negative_labels_are_rejected_clearly()
    {
        var features = new Matrix(3, 2, new[] { 1.0, 2, 3, 4, 5, 6 });
        var e1 = Assert.Throws<ArgumentException>(() => new Dataset(features, new[] { 0, 1 }));
        Assert.Equal("labels", e1.ParamName);
        Assert.Contains("2 entries", e1.Message);
        Assert.Contains("3 rows", e1.Message);

        var nan = new Matrix(2, 2, new[] { 1.0, double.NaN, 3, 4 });
        var e2 = Assert.Throws<ArgumentException>(() => new Dataset(nan, new[] { 0, 1 }));
        Assert.Equal("features", e2.ParamName);
        Assert.Contains("row 0, column 1 is NaN", e2.Message);

        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset(features, new[] { 0, -1, 1 }));
        Assert.Equal("labels", e3.ParamName);
        Assert.Contains("labels[1] = -1", e3.Message);

        var e4 = Assert.Throws<ArgumentException>(() => new Dataset(features, new Matrix(2, 1)));
        Assert.Equal("targets", e4.ParamName);

        var data = new Dataset(features, new[] { 0, 1, 1 });
        var e5 = Assert.Throws<ArgumentException>(() => data.Subset(Array.Empty<int>()));
        Assert.Equal("indices", e5.ParamName);
        var e6 = Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset(new[] { 0, 3 }));
        Assert.Contains("indices[1] = 3", e6.Message);
        Assert.Throws<InvalidOperationException>(() => data.RequireTargets());
    }

    [Fact]
    public void Subset_copies_rows_in_order_with_repeats()
    {
        var data = new Dataset(new Matrix(3, 2, new[] { 1.0, 2, 3, 4, 5, 6 }), new[] { 0, 1, 2 });
        var subset = data.Subset(new[] { 2, 0, 2 });
        Assert.Equal(new[] { 5.0, 6, 1, 2, 5, 6 }, subset.Features.Data);
        Assert.Equal(new[] { 2, 0, 2 }, subset.Labels);
        Assert.Equal(3, subset.ClassCount);
        subset.Features[0, 0] = 99;
        Assert.Equal(5, data.Features[2, 0]);   // a copy, not a view
    }
}

public class SplitAndBootstrapTests
{
    private static Dataset Moons(int n = 250) => TwoMoons.Generate(n, 0.1, 0.1, seed: 3).Data;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Splits_are_disjoint_complete_and_deterministic(bool stratified)
    {
        var data = Moons();
        var a = DataSplit.Split(data, 0.2, 0.2, seed: 7, stratified);
        var b = DataSplit.Split(data, 0.2, 0.2, seed: 7, stratified);
        int[] all = a.Indices.Train.Concat(a.Indices.Validation).Concat(a.Indices.Test).ToArray();
        Assert.Equal(250, all.Length);
        Assert.Equal(Enumerable.Range(0, 250), all.OrderBy(i => i));   // every example exactly once
        Assert.Equal(50, a.Indices.Validation.Length);
        Assert.Equal(50, a.Indices.Test.Length);
        Assert.Equal(a.Indices.Train, b.Indices.Train);
        Assert.Equal(a.Indices.Test, b.Indices.Test);
        Assert.Equal(data.Features.Row(a.Indices.Test[0]).ToArray(), a.Test!.Features.Row(0).ToArray());
        var c = DataSplit.Split(data, 0.2, 0.2, seed: 8, stratified);
        Assert.NotEqual(a.Indices.Test, c.Indices.Test);
    }

    [Fact]
    public void Stratified_split_keeps_class_proportions()
    {
        var data = Moons(1000);
        int[] labels = data.RequireLabels();
        var split = DataSplit.Split(data, 0.25, 0.0, seed: 1, stratified: true);
        Assert.Null(split.Test);
        for (int k = 0; k < 2; k++)
        {
            int total = labels.Count(l => l == k);
            int inValidation = split.Validation!.RequireLabels().Count(l => l == k);
            Assert.Equal((int)Math.Round(0.25 * total), inValidation);
        }
    }

    [Fact]
    public void Split_fractions_that_leave_no_training_data_are_rejected()
    {
        var data = Moons();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Split(data, 0.6, 0.5, 1));
        Assert.Equal("testFraction", e.ParamName);
        Assert.Contains("0.6 + 0.5", e.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Split(data, -0.1, 0.1, 1));
        Assert.Equal("validationFraction", e2.ParamName);
    }

    [Fact]
    public void Empty_requests_are_rejected_with_the_argument_named()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.SampleIndices(0, seed: 1));
        Assert.Equal("count", e1.ParamName);
        Assert.Contains("got 0", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Indices(0, 0.1, 0.1, 1));
        Assert.Equal("count", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() =>
            RegularizationLab.Training.Sweep.Run(Array.Empty<double>(), c => c.Value));
        Assert.Equal("values", e3.ParamName);
        Assert.Contains("0 elements", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => DataSplit.StratifiedIndices(Array.Empty<int>(), 0.1, 0.1, 1));
        Assert.Equal("labels", e4.ParamName);
    }

    [Fact]
    public void Bootstrap_is_deterministic_counts_add_up_and_out_of_bag_is_about_e_inverse()
    {
        var data = Moons(2000);
        var a = Bootstrap.Resample(data, new Random(4));
        var b = Bootstrap.Resample(data, new Random(4));
        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(2000, a.Data.Count);
        Assert.Equal(2000, a.Counts.Sum());
        Assert.All(a.OutOfBag, i => Assert.Equal(0, a.Counts[i]));
        Assert.Equal(a.Counts.Count(c => c == 0), a.OutOfBag.Length);
        // P(never drawn) = (1 − 1/n)ⁿ ≈ 0.3679; sd of the fraction ≈ √(0.37·0.63/2000) ≈ 0.011; allow 4 sd.
        double outOfBag = a.OutOfBag.Length / 2000.0;
        Assert.InRange(outOfBag, Math.Pow(1 - 1 / 2000.0, 2000) - 0.044, Math.Pow(1 - 1 / 2000.0, 2000) + 0.044);
        for (int i = 0; i < 2000; i++)
            Assert.Equal(data.Features.Row(a.Indices[i]).ToArray(), a.Data.Features.Row(i).ToArray());

        var many = Bootstrap.Resamples(data, 3, seed: 9);
        var again = Bootstrap.Resamples(data, 3, seed: 9);
        Assert.Equal(many[2].Indices, again[2].Indices);
        Assert.NotEqual(many[0].Indices, many[1].Indices);
    }
}
