using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Core;

public class LossTests
{
    private static Matrix LogitsWithSoftmax(params double[] probabilities) =>
        Matrix.RowVector(probabilities.Select(p => Math.Log(p)).ToArray());   // softmax(log p) = p when Σp = 1

    [Fact]
    public void The_seeds_label_smoothing_gradient_example()
    {
        // p = softmax(z) = [0.7, 0.2, 0.1], true class 0 (the seeds' "class 1"), K = 3.
        var logits = LogitsWithSoftmax(0.7, 0.2, 0.1);
        var g = new Matrix(1, 3);

        new SoftmaxCrossEntropy().Compute(logits, new[] { 0 }, g);
        AssertVector(new[] { -0.3, 0.2, 0.1 }, g.Data);                // p − y

        new SoftmaxCrossEntropy(0.1, LabelSmoothing.SpreadOverOtherClasses).Compute(logits, new[] { 0 }, g);
        AssertVector(new[] { -0.2, 0.15, 0.05 }, g.Data);              // ỹ = [0.9, 0.05, 0.05]

        new SoftmaxCrossEntropy(0.1, LabelSmoothing.SpreadOverAllClasses).Compute(logits, new[] { 0 }, g);
        AssertVector(new[] { 0.7 - (0.9 + 0.1 / 3), 0.2 - 0.1 / 3, 0.1 - 0.1 / 3 }, g.Data);   // ỹ = 0.9·onehot + 0.1/3
    }

    private static void AssertVector(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], tolerance: 1e-12);
    }

    [Fact]
    public void Smoothed_targets_in_both_conventions()
    {
        AssertVector(new[] { 0.05, 0.9, 0.05 }, new SoftmaxCrossEntropy(0.1).SmoothedTarget(1, 3));
        AssertVector(new[] { 0.025, 0.025, 0.925, 0.025 }, new SoftmaxCrossEntropy(0.1, LabelSmoothing.SpreadOverAllClasses).SmoothedTarget(2, 4));
        // With K = 2 and the seeds' convention, ε = 0.5 is the uniform target.
        AssertVector(new[] { 0.5, 0.5 }, new SoftmaxCrossEntropy(0.5).SmoothedTarget(0, 2));
    }

    [Fact]
    public void Cross_entropy_value_is_the_mean_negative_log_likelihood_of_the_smoothed_target()
    {
        var logits = Matrix.FromRows(new[] { new[] { 1.0, 2.0, 0.5 }, new[] { -1.0, 0.0, 3.0 } });
        int[] labels = { 1, 2 };
        var loss = new SoftmaxCrossEntropy(0.2);
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            var z = logits.Row(i).ToArray();
            double logZ = Math.Log(z.Sum(v => Math.Exp(v)));
            var y = loss.SmoothedTarget(labels[i], 3);
            for (int k = 0; k < 3; k++) expected -= y[k] * (z[k] - logZ) / 2;
        }
        Assert.Equal(expected, loss.Compute(logits, labels), tolerance: 1e-14);
    }

    [Fact]
    public void Cross_entropy_is_stable_for_huge_logits()
    {
        var logits = Matrix.RowVector(1000.0, 0.0, -1000.0);
        var g = new Matrix(1, 3);
        double value = new SoftmaxCrossEntropy().Compute(logits, new[] { 1 }, g);
        Assert.Equal(1000.0, value, tolerance: 1e-9);
        AssertVector(new[] { 1.0, -1.0, 0.0 }, g.Data);
        var p = SoftmaxCrossEntropy.Softmax(logits);
        Assert.Equal(1.0, p[0, 0]);
    }

    [Fact]
    public void Mean_squared_error_is_the_mean_over_examples_of_the_summed_squares()
    {
        var predictions = Matrix.FromRows(new[] { new[] { 1.0, 2.0 }, new[] { 0.0, -1.0 } });
        var targets = Matrix.FromRows(new[] { new[] { 0.0, 2.0 }, new[] { 2.0, 1.0 } });
        var g = new Matrix(2, 2);
        double value = new MeanSquaredError().Compute(predictions, targets, g);
        Assert.Equal((1.0 + 0 + 4 + 4) / 2, value);
        AssertVector(new[] { 1.0, 0.0, -2.0, -2.0 }, g.Data);          // 2(ŷ − y)/n
    }
}
