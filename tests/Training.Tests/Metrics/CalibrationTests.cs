using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Training.Metrics;

public class CalibrationTests
{
    [Fact]
    public void Two_equal_mass_bins_match_a_hand_computation()
    {
        // Sorted: 0.6 ✓, 0.7 ✓ | 0.8 ✗, 0.9 ✓ → bin 1: conf 0.65, acc 1; bin 2: conf 0.85, acc 0.5.
        // ECE = ½·|0.65 − 1| + ½·|0.85 − 0.5| = 0.35.
        var report = Calibration.EqualMassBins(new[] { 0.9, 0.8, 0.7, 0.6 }, new[] { true, false, true, true }, binCount: 2);
        Assert.Equal(2, report.Bins.Count);
        Assert.Equal(0.65, report.Bins[0].MeanConfidence, 12);
        Assert.Equal(1.0, report.Bins[0].Accuracy, 12);
        Assert.Equal(0.85, report.Bins[1].MeanConfidence, 12);
        Assert.Equal(0.5, report.Bins[1].Accuracy, 12);
        Assert.Equal(0.35, report.ExpectedCalibrationError, 12);
        Assert.Equal(0.6, report.Bins[0].LowestConfidence);
        Assert.Equal(0.9, report.Bins[1].HighestConfidence);
    }

    [Fact]
    public void Unequal_bins_weight_the_ece_by_bin_size()
    {
        // 5 examples, 2 bins → sizes 3 and 2. Bin 1: {0.5 ✗, 0.6 ✓, 0.7 ✓}: conf 0.6, acc 2/3.
        // Bin 2: {0.8 ✓, 1.0 ✓}: conf 0.9, acc 1. ECE = 3/5·|0.6 − 2/3| + 2/5·|0.9 − 1| = 0.04 + 0.04 = 0.08.
        var report = Calibration.EqualMassBins(new[] { 1.0, 0.5, 0.8, 0.7, 0.6 }, new[] { true, false, true, true, true }, 2);
        Assert.Equal(new[] { 3, 2 }, report.Counts);
        Assert.Equal(0.6, report.Bins[0].MeanConfidence, 12);
        Assert.Equal(2.0 / 3, report.Bins[0].Accuracy, 12);
        Assert.Equal(0.08, report.ExpectedCalibrationError, 12);
    }

    [Fact]
    public void From_probabilities_uses_the_max_probability_and_the_argmax()
    {
        // predictions 0, 1, 0 against labels 0, 0, 1 → correct ✓ ✗ ✗; confidences 0.9, 0.8, 0.6.
        var p = new Matrix(3, 2, new[] { 0.9, 0.1, 0.2, 0.8, 0.6, 0.4 });
        var report = Calibration.EqualMassBins(p, new[] { 0, 0, 1 }, binCount: 1);
        Assert.Equal((0.9 + 0.8 + 0.6) / 3 - 1.0 / 3, report.ExpectedCalibrationError, 12);
        Assert.Equal((0.9 + 0.8 + 0.6) / 3 - 1.0 / 3, report.OverallGap, 12);

        var wrong = WrongPredictionConfidence.From(p, new[] { 0, 0, 1 });
        Assert.Equal(new[] { 0.6, 0.8 }, wrong.Sorted);
        Assert.Equal(0.7, wrong.Mean, 12);
        Assert.Equal(0.7, wrong.Median, 12);
        Assert.Equal(0.0, wrong.FractionAbove(0.8));
        Assert.Equal(0.5, wrong.FractionAbove(0.7));
        Assert.Equal(new[] { 0.5, 1.0 }, wrong.CumulativeFractions);
    }

    [Theory]
    [InlineData(1000, 15)]
    [InlineData(1003, 15)]
    [InlineData(15, 15)]
    public void Equal_mass_bins_have_equal_counts_up_to_one(int n, int bins)
    {
        var random = new Random(3);
        double[] confidence = Enumerable.Range(0, n).Select(_ => 0.5 + 0.5 * random.NextDouble()).ToArray();
        bool[] correct = confidence.Select(c => random.NextDouble() < c).ToArray();
        var report = Calibration.EqualMassBins(confidence, correct, bins);
        Assert.Equal(n, report.Counts.Sum());
        Assert.True(report.Counts.Max() - report.Counts.Min() <= 1);
        if (n % bins == 0) Assert.All(report.Counts, c => Assert.Equal(n / bins, c));
        // Bins are ordered: each bin's confidences lie above the previous bin's.
        for (int m = 1; m < bins; m++) Assert.True(report.Bins[m].LowestConfidence >= report.Bins[m - 1].HighestConfidence);
    }

    [Fact]
    public void A_perfectly_calibrated_sample_has_small_ece()
    {
        // Correct with probability equal to the confidence: ECE → 0 as n grows (sampling noise ~ 1/√(n/M)).
        var random = new Random(11);
        int n = 200_000;
        double[] confidence = Enumerable.Range(0, n).Select(_ => 0.5 + 0.5 * random.NextDouble()).ToArray();
        bool[] correct = confidence.Select(c => random.NextDouble() < c).ToArray();
        double ece = Calibration.EqualMassBins(confidence, correct, 10).ExpectedCalibrationError;
        // Per bin the accuracy's standard error is ≤ √(0.25 / 20000) ≈ 0.0035; 0.01 is about 3 of them.
        Assert.True(ece < 0.01, $"ECE = {ece}");
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_survive_huge_logits()
    {
        var logits = new Matrix(2, 3, new[] { 1000.0, 999.0, 0.0, 1.0, 2.0, 3.0 });
        Matrix p = Probabilities.Softmax(logits);
        for (int r = 0; r < 2; r++) Assert.Equal(1.0, p.Row(r).ToArray().Sum(), 12);
        Assert.Equal(1 / (1 + Math.Exp(-1) + Math.Exp(-1000)), p[0, 0], 12);
        Assert.Equal(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), p[1, 2], 12);
        Assert.Equal(new[] { 0, 2 }, Probabilities.PredictedClasses(logits));
        Assert.Equal(0.5, Accuracy.Of(logits, new[] { 0, 0 }));
    }

    [Fact]
    public void Bad_input_names_the_argument_and_the_value()
    {
        var e1 = Assert.Throws<ArgumentException>(() =>
            Calibration.EqualMassBins(new[] { 0.9, 0.8 }, new[] { true }, 1));
        Assert.Equal("correct", e1.ParamName);
        Assert.Contains("1 entries", e1.Message);

        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calibration.EqualMassBins(new[] { 0.9, 1.5 }, new[] { true, false }, 1));
        Assert.Equal("confidences", e2.ParamName);
        Assert.Contains("1.5", e2.Message);

        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calibration.EqualMassBins(new[] { 0.9, 0.5 }, new[] { true, false }, 3));
        Assert.Equal("binCount", e3.ParamName);

        var e4 = Assert.Throws<ArgumentException>(() =>
            Calibration.EqualMassBins(Array.Empty<double>(), Array.Empty<bool>(), 1));
        Assert.Equal("confidences", e4.ParamName);

        var logits = new Matrix(1, 2, new[] { 3.0, -1.0 });
        var e5 = Assert.Throws<ArgumentException>(() => Calibration.EqualMassBins(logits, new[] { 0 }, 1));
        Assert.Contains("Softmax", e5.Message);

        var e6 = Assert.Throws<ArgumentOutOfRangeException>(() => Accuracy.Of(logits, new[] { 2 }));
        Assert.Equal("labels", e6.ParamName);
        Assert.Contains("2", e6.Message);

        var e7 = Assert.Throws<ArgumentException>(() => Probabilities.Softmax(new Matrix(1, 2, new[] { double.NaN, 0 })));
        Assert.Contains("NaN", e7.Message);
    }
}
