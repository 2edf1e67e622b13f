using RegularizationLab.Homework;
using RegularizationLab.Numerics;

namespace Homework.Tests;

/// <summary>A student's null, NaN or ±∞, or a function that writes into its input, gets a specific line, never a crash.</summary>
[Collection("Checks")]
public class CheckRobustnessTests
{
    public CheckRobustnessTests()
    {
        Checks.Output = TextWriter.Null;
        Checks.GradingOverride = false;
    }

    [Fact]
    public void A_soft_threshold_that_returns_null_fails_with_a_reason_instead_of_crashing()
    {
        var result = Checks.SoftThreshold((_, _) => null!);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("your function returned null", result.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_answer_is_called_so_and_gets_no_scaling_hint(double value)
    {
        var soft = Checks.SoftThreshold((v, _) => [.. v.Select(_ => value)]);
        Assert.Equal(CheckStatus.Failed, soft.Status);
        var lambdaMax = Checks.LambdaMaxPrediction((_, _) => value);
        Assert.Equal(CheckStatus.Failed, lambdaMax.Status);
        Assert.Contains("not a finite number", lambdaMax.Message);
        Assert.DoesNotContain("divide by n", lambdaMax.Message);
    }

    [Fact]
    public void A_soft_threshold_that_writes_into_its_input_fails_even_though_it_returns_the_right_numbers()
    {
        var result = Checks.SoftThreshold((v, t) =>
        {
            for (int i = 0; i < v.Length; i++) v[i] = Math.Sign(v[i]) * Math.Max(Math.Abs(v[i]) - t, 0);
            return v;
        });
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("your function wrote into its argument", result.Message);
        Assert.Contains("return a new array", result.Message);
    }

    [Fact]
    public void The_answer_keys_are_not_public()
    {
        Assert.Null(typeof(Checks).GetMethod("ReferenceLassoFit", [typeof(Matrix), typeof(double[]), typeof(double), typeof(double), typeof(int)]));
        Assert.Null(typeof(Checks).GetMethod("DropoutOutputVariance"));
        Assert.Null(typeof(SparseRegressionProblem).GetMethod("LambdaMax"));
    }

    private static Matrix Mask(int rows, int cols, double p, Random rng)
    {
        var keep = new Matrix(rows, cols);
        for (int i = 0; i < keep.Length; i++) keep.Data[i] = rng.NextDouble() < p ? 0 : 1;
        return keep;
    }

    [Fact]
    public void A_mask_that_ignores_the_given_rng_fails_and_one_that_uses_it_passes()
    {
        Assert.Equal(CheckStatus.Passed, Checks.SampleKeepMask(Mask).Status);
        var fresh = Checks.SampleKeepMask((rows, cols, p, _) => Mask(rows, cols, p, new Random()));
        Assert.Equal(CheckStatus.Failed, fresh.Status);
        Assert.Contains("same seeded rng gave different masks", fresh.Message);
        var fixedRng = Checks.SampleKeepMask((rows, cols, p, _) => Mask(rows, cols, p, new Random(5)));
        Assert.Contains("does not depend on rng", fixedRng.Message);
    }

    [Fact]
    public void The_T_minus_1_convention_at_T_equal_1_is_named_rather_than_a_generic_NaN()
    {
        var result = Checks.McDropoutPredict((sample, x, samples) =>
        {
            var outputs = Enumerable.Range(0, samples).Select(_ => sample(x).Clone()).ToList();
            var mean = new Matrix(outputs[0].Rows, outputs[0].Cols);
            var std = new Matrix(mean.Rows, mean.Cols);
            for (int i = 0; i < mean.Length; i++)
            {
                mean.Data[i] = outputs.Average(o => o.Data[i]);
                std.Data[i] = Math.Sqrt(outputs.Sum(o => (o.Data[i] - mean.Data[i]) * (o.Data[i] - mean.Data[i])) / (samples - 1));
            }
            return (mean, std);
        });
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("T = 1", result.Message);
        Assert.Contains("divides by T − 1", result.Message);
    }
}
