using RegularizationLab.Homework;
using RegularizationLab.Numerics;

namespace Homework.Tests;

/// <summary>Homework 3's checks: right answers pass, typical mistakes get their specific hint, bad values never crash.</summary>
[Collection("Checks")]
public class EarlyStoppingChecksTests
{
    public EarlyStoppingChecksTests()
    {
        Checks.Output = TextWriter.Null;
        Checks.GradingOverride = false;
    }

    /// <summary>Gradient descent as a student writes it; <paramref name="scale"/> and <paramref name="extraSteps"/> plant mistakes.</summary>
    private static double[] Descent(Matrix x, double[] y, double eta, int steps, double scale = 1, int extraSteps = 0)
    {
        int n = x.Rows, d = x.Cols;
        var w = new double[d];
        for (int step = 0; step < steps + extraSteps; step++)
        {
            var residual = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < d; j++) residual[i] += x[i, j] * w[j];
                residual[i] -= y[i];
            }
            for (int j = 0; j < d; j++)
            {
                double g = 0;
                for (int i = 0; i < n; i++) g += x[i, j] * residual[i];
                w[j] -= eta * scale * g / n;
            }
        }
        return w;
    }

    private static (int Best, int Stop) Stopping(double[] losses, int patience, bool tiesImprove = false)
    {
        int best = 0;
        for (int k = 1; k < losses.Length; k++)
        {
            if (losses[k] < losses[best] || tiesImprove && losses[k] == losses[best]) best = k;
            else if (k - best >= patience) return (best, k);
        }
        return (best, losses.Length - 1);
    }

    [Fact]
    public void Correct_answers_pass_every_homework_3_check_public_and_hidden()
    {
        foreach (var options in new[] { CheckOptions.Public, CheckOptions.Hidden(3000) })
        {
            var descent = Checks.GradientDescentWeights((x, y, eta, t) => Descent(x, y, eta, t), options);
            Assert.True(descent.Passed, descent.Message);
            var filter = Checks.GradientDescentFilter((s, eta, t) => 1 - Math.Pow(1 - eta * s, t), options);
            Assert.True(filter.Passed, filter.Message);
            Assert.True(Checks.RidgeFilter((s, lambda) => s / (s + lambda), options).Passed);
            var stopping = Checks.EarlyStoppingChoice((losses, p) => Stopping(losses, p), options);
            Assert.True(stopping.Passed, stopping.Message);
            Assert.True(stopping.Cases > 400);
        }
    }

    [Theory]
    [InlineData(-1.0, 0, "the sign is flipped")]
    [InlineData(2.0, 0, "the ½ in (1/2n)")]
    [InlineData(1.0, 1, "off by one step")]
    public void Descent_mistakes_get_their_hint(double scale, int extraSteps, string hint)
    {
        var result = Checks.GradientDescentWeights((x, y, eta, t) => Descent(x, y, eta, t, scale, extraSteps));
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains(hint, result.Message);
    }

    [Fact]
    public void A_sum_instead_of_a_mean_is_told_to_divide_by_n()
    {
        var result = Checks.GradientDescentWeights((x, y, eta, t) => Descent(x, y, eta * x.Rows, t));
        Assert.Contains("n times too large", result.Message);
    }

    [Fact]
    public void Descent_that_writes_into_y_fails_even_with_the_right_weights()
    {
        var result = Checks.GradientDescentWeights((x, y, eta, t) =>
        {
            var w = Descent(x, y, eta, t);
            Array.Clear(y);
            return w;
        });
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("your function wrote into its argument", result.Message);
    }

    [Theory]
    [InlineData("remaining", "the part still missing")]
    [InlineData("flow", "continuous-time")]
    [InlineData("one-less", "off by one step")]
    public void Filter_mistakes_get_their_hint(string mistake, string hint)
    {
        Func<double, double, int, double> filter = mistake switch
        {
            "remaining" => (s, eta, t) => Math.Pow(1 - eta * s, t),
            "flow" => (s, eta, t) => 1 - Math.Exp(-eta * s * t),
            _ => (s, eta, t) => 1 - Math.Pow(1 - eta * s, Math.Max(t - 1, 0)),
        };
        var result = Checks.GradientDescentFilter(filter);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains(hint, result.Message);
    }

    [Fact]
    public void The_reference_filter_stays_accurate_where_the_direct_formula_cancels()
    {
        // ηs = 1e-12, t = 10: the filter is 1e-11 to 12 digits, which 1 − (1 − ηs)ᵗ gets wrong in the 5th digit.
        Assert.Equal(1e-11, Checks.GdFilter(1e-12, 1, 10), 1e-22);
        Assert.Equal(0.875, Checks.GdFilter(1, 0.5, 3), 15);
        Assert.Equal(1 - Math.Pow(-0.5, 4), Checks.GdFilter(3, 0.5, 4), 15);
    }

    [Fact]
    public void Ridge_filter_mistakes_get_their_hint()
    {
        Assert.Contains("the fraction ridge removes", Checks.RidgeFilter((s, l) => l / (s + l)).Message);
        Assert.Contains("filter/s", Checks.RidgeFilter((s, l) => 1 / (s + l)).Message);
    }

    [Fact]
    public void Stopping_mistakes_get_their_hint()
    {
        Assert.Contains("a tie as an improvement", Checks.EarlyStoppingChoice((l, p) => Stopping(l, p, tiesImprove: true)).Message);
        Assert.Contains("minimum of the whole run", Checks.EarlyStoppingChoice((l, _) => Stopping(l, int.MaxValue)).Message);
        Assert.Contains("off by one", Checks.EarlyStoppingChoice((l, p) => Stopping(l, p + 1)).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_answers_fail_with_a_reason(double value)
    {
        Assert.Contains("not a finite number", Checks.GradientDescentFilter((_, _, _) => value).Message);
        Assert.Contains("not a finite number", Checks.RidgeFilter((_, _) => value).Message);
        var descent = Checks.GradientDescentWeights((x, _, _, _) => [.. Enumerable.Repeat(value, x.Cols)]);
        Assert.Equal(CheckStatus.Failed, descent.Status);
    }

    [Fact]
    public void Null_wrong_length_and_exceptions_fail_with_a_reason_instead_of_crashing()
    {
        Assert.Contains("your function returned null", Checks.GradientDescentWeights((_, _, _, _) => null!).Message);
        Assert.Contains("one weight per column", Checks.GradientDescentWeights((_, _, _, _) => [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]).Message);
        var thrown = Checks.EarlyStoppingChoice((_, _) => throw new IndexOutOfRangeException("boom"));
        Assert.Equal(CheckStatus.Failed, thrown.Status);
        Assert.Contains("threw IndexOutOfRangeException", thrown.Message);
        var sorted = Checks.EarlyStoppingChoice((l, p) => { var r = Stopping(l, p); Array.Sort(l); return r; });
        Assert.Contains("your function wrote into its argument", sorted.Message);
    }

    [Fact]
    public void The_answer_keys_are_not_public()
    {
        Assert.Null(typeof(Checks).GetMethod("ReferenceDescent"));
        Assert.Null(typeof(Checks).GetMethod("GdFilter"));
        Assert.Null(typeof(Checks).GetMethod("ReferenceEarlyStopping"));
    }
}
