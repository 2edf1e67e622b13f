using RegularizationLab.Homework;
using RegularizationLab.Numerics;

namespace Homework.Tests;

/// <summary>Homework 2's checks: right answers pass, typical mistakes get their specific hint.</summary>
[Collection("Checks")]
public class DropoutChecksTests
{
    public DropoutChecksTests()
    {
        Checks.Output = TextWriter.Null;
        Checks.GradingOverride = false;
    }

    private static Matrix Scaled(Matrix a, Matrix keep, double factor)
    {
        var result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Length; i++) result.Data[i] = a.Data[i] * keep.Data[i] * factor;
        return result;
    }

    private static Matrix Forward(Matrix x, Matrix keep, double p) => Scaled(x, keep, 1 / (1 - p));
    private static Matrix Backward(Matrix delta, Matrix keep, double p) => Scaled(delta, keep, 1 / (1 - p));

    private static (Matrix, Matrix) McPredict(Func<Matrix, Matrix> sample, Matrix x, int samples, bool copy = true, double divisor = 0)
    {
        var outputs = Enumerable.Range(0, samples).Select(_ => copy ? sample(x).Clone() : sample(x)).ToList();
        var mean = new Matrix(outputs[0].Rows, outputs[0].Cols);
        var std = new Matrix(mean.Rows, mean.Cols);
        for (int i = 0; i < mean.Length; i++)
        {
            double m = outputs.Average(o => o.Data[i]);
            mean.Data[i] = m;
            std.Data[i] = Math.Sqrt(outputs.Sum(o => (o.Data[i] - m) * (o.Data[i] - m)) / (divisor == 0 ? samples : divisor));
        }
        return (mean, std);
    }

    [Fact]
    public void Correct_answers_pass_every_homework_2_check()
    {
        Assert.True(Checks.SampleKeepMask((rows, cols, p, rng) =>
        {
            var keep = new Matrix(rows, cols);
            for (int i = 0; i < keep.Length; i++) keep.Data[i] = rng.NextDouble() < p ? 0 : 1;
            return keep;
        }).Passed);
        Assert.True(Checks.DropoutForward(Forward).Passed);
        Assert.True(Checks.DropoutBackward(Backward).Passed);
        var gradient = Checks.DropoutGradientCheck(Forward, Backward);
        Assert.True(gradient.Passed, gradient.Message);
        Assert.True(Checks.DropoutVariance((mean, variance, p) => (variance + p * mean * mean) / (1 - p)).Passed);
        var mc = Checks.McDropoutPredict((sample, x, t) => McPredict(sample, x, t));
        Assert.True(mc.Passed, mc.Message);
    }

    [Fact]
    public void The_variance_formula_agrees_with_a_Monte_Carlo_run_of_the_library_dropout_layer()
    {
        // The reference formula (σ² + pμ²)/(1 − p) checked against simulation, and a wrong formula rejected by the same test.
        var right = Checks.DropoutVarianceMonteCarlo(Checks.DropoutOutputVariance, mean: 1.5, variance: 0.5, p: 0.4);
        Assert.True(right.Passed, right.Message);
        var wrong = Checks.DropoutVarianceMonteCarlo((_, variance, p) => variance / (1 - p), mean: 1.5, variance: 0.5, p: 0.4);
        Assert.Equal(CheckStatus.Failed, wrong.Status);
        Assert.True(wrong.Message.Contains("4 standard errors"), wrong.Message);
    }

    [Fact]
    public void A_missing_inverted_scaling_is_named_in_forward_and_backward()
    {
        var forward = Checks.DropoutForward((x, keep, _) => Scaled(x, keep, 1));
        Assert.Equal(CheckStatus.Failed, forward.Status);
        Assert.True(forward.Message.Contains("missing the 1/(1−p) scaling"), forward.Message);
        Assert.True(forward.Message.Contains("DropoutForward(x = [2] (1 × 1), keep = [1], p = 0.5) should be [4], got [2]"), forward.Message);
        var backward = Checks.DropoutBackward((d, keep, _) => Scaled(d, keep, 1));
        Assert.True(backward.Message.Contains("missing the 1/(1−p) scaling"), backward.Message);
    }

    [Fact]
    public void The_gradient_check_catches_a_backward_pass_that_disagrees_with_the_forward_pass()
    {
        var consistent = Checks.DropoutGradientCheck((x, keep, _) => Scaled(x, keep, 1), (d, keep, _) => Scaled(d, keep, 1));
        Assert.True(consistent.Passed, consistent.Message); // consistent (though unscaled) passes: the check is about agreement
        var inconsistent = Checks.DropoutGradientCheck(Forward, (d, keep, _) => Scaled(d, keep, 1));
        Assert.Equal(CheckStatus.Failed, inconsistent.Status);
        Assert.True(inconsistent.Message.Contains("(your backward pass)"), inconsistent.Message);
    }

    [Fact]
    public void Variance_mistakes_are_named()
    {
        var noMeanTerm = Checks.DropoutVariance((_, variance, p) => variance / (1 - p));
        Assert.True(noMeanTerm.Message.Contains("p·μ²/(1 − p)"), noMeanTerm.Message);
        var secondMoment = Checks.DropoutVariance((mean, variance, p) => (variance + mean * mean) / (1 - p));
        Assert.True(secondMoment.Message.Contains("that is E[d²]"), secondMoment.Message);
    }

    [Fact]
    public void Keeping_the_output_buffer_without_copying_is_explained()
    {
        var result = Checks.McDropoutPredict((sample, x, t) => McPredict(sample, x, t, copy: false));
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.True(result.Message.Contains("buffer that the next call overwrites"), result.Message);
        var sampleStd = Checks.McDropoutPredict((sample, x, t) => McPredict(sample, x, t, divisor: Math.Max(t - 1, 1)));
        Assert.True(sampleStd.Message.Contains("divides by T − 1"), sampleStd.Message);
    }

    [Fact]
    public void Keeping_with_probability_p_instead_of_1_minus_p_is_named()
    {
        var result = Checks.SampleKeepMask((rows, cols, p, rng) =>
        {
            var keep = new Matrix(rows, cols);
            for (int i = 0; i < keep.Length; i++) keep.Data[i] = rng.NextDouble() < p ? 1 : 0;
            return keep;
        });
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.True(result.Message.Contains("probability of DROPPING"), result.Message);
    }
}
