using RegularizationLab.Losses;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Training.Metrics;

public class TemperatureScalingTests
{
    // Logits whose labels are drawn from softmax(z / T_true): the NLL-optimal temperature is then ≈ T_true.
    private static (Matrix Logits, int[] Labels) Sample(double trueTemperature, int n, int seed)
    {
        var random = new Random(seed);
        var logits = new Matrix(n, 5);
        for (int i = 0; i < logits.Length; i++) logits.Data[i] = 3 * random.NextGaussian();
        Matrix p = TemperatureScaling.Probabilities(logits, trueTemperature);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble(), cumulative = 0;
            labels[i] = 4;
            for (int k = 0; k < 5; k++) { cumulative += p[i, k]; if (u < cumulative) { labels[i] = k; break; } }
        }
        return (logits, labels);
    }

    [Fact]
    public void Derivative_in_inverse_temperature_matches_finite_differences()
    {
        var (logits, labels) = Sample(2.0, 200, 1);
        foreach (double beta in new[] { 0.2, 0.7, 1.5 })
        {
            double h = 1e-5;
            double numeric = (TemperatureScaling.NegativeLogLikelihood(logits, labels, 1 / (beta + h))
                - TemperatureScaling.NegativeLogLikelihood(logits, labels, 1 / (beta - h))) / (2 * h);
            Assert.Equal(numeric, TemperatureScaling.DerivativeInInverseTemperature(logits, labels, beta), 7);
        }
    }

    [Fact]
    public void Fit_recovers_the_temperature_that_generated_the_labels_and_minimizes_the_nll()
    {
        var (logits, labels) = Sample(2.5, 20_000, 2);
        double t = TemperatureScaling.Fit(logits, labels);
        Assert.InRange(t, 2.3, 2.7);
        double best = TemperatureScaling.NegativeLogLikelihood(logits, labels, t);
        Assert.True(best <= TemperatureScaling.NegativeLogLikelihood(logits, labels, t * 1.01));
        Assert.True(best <= TemperatureScaling.NegativeLogLikelihood(logits, labels, t / 1.01));
    }

    [Fact]
    public void Scaling_keeps_the_argmax_and_temperature_one_is_the_plain_softmax()
    {
        var (logits, _) = Sample(1.0, 50, 3);
        Assert.Equal(Probabilities.PredictedClasses(logits), Probabilities.PredictedClasses(TemperatureScaling.Probabilities(logits, 3.7)));
        Matrix plain = SoftmaxCrossEntropy.Softmax(logits), one = TemperatureScaling.Probabilities(logits, 1);
        for (int i = 0; i < plain.Length; i++) Assert.Equal(plain.Data[i], one.Data[i], 14);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var (logits, labels) = Sample(1.0, 10, 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.NegativeLogLikelihood(logits, labels, 0));
        Assert.Contains("temperature", e.Message);
        logits.Data[0] = double.NaN;
        Assert.ThrowsAny<ArgumentException>(() => TemperatureScaling.Fit(logits, labels));
    }
}
