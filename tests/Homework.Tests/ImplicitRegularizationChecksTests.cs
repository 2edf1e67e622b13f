using RegularizationLab.Homework;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace Homework.Tests;

/// <summary>Homework 5's checks: right answers pass, typical mistakes get their specific hint, bad answers never crash.</summary>
[Collection("Checks")]
public class ImplicitRegularizationChecksTests
{
    public ImplicitRegularizationChecksTests()
    {
        Checks.Output = TextWriter.Null;
        Checks.GradingOverride = false;
    }

    private static void Hint(string expected, CheckResult result) =>
        Assert.True(result.Message.Contains(expected, StringComparison.Ordinal), result.Message);

    private static double Squared(double[] v) => v.Sum(x => x * x);

    private static double[] HessianTimes(ISmoothLoss loss, double[] phi, double[] v)
    {
        double[,] h = loss.Hessian(phi);
        return [.. Enumerable.Range(0, v.Length).Select(i => Enumerable.Range(0, v.Length).Sum(j => h[i, j] * v[j]))];
    }

    /// <summary>∇L + c·H∇L; c = α/2 is right.</summary>
    private static double[] Corrected(ISmoothLoss loss, double[] phi, double c)
    {
        double[] g = loss.Gradient(phi), hg = HessianTimes(loss, phi, g);
        return [.. g.Select((gi, i) => gi + c * hg[i])];
    }

    private static double[] Descend(ISmoothLoss loss, double[] start, double alpha, int steps)
    {
        double[] phi = [.. start];
        for (int s = 0; s < steps; s++) phi = [.. phi.Zip(loss.Gradient(phi), (p, g) => p - alpha * g)];
        return phi;
    }

    private static double Slope(double[] x, double[] y)
    {
        double[] u = [.. x.Select(v => Math.Log(v))], w = [.. y.Select(v => Math.Log(v))];
        double mu = u.Average(), mw = w.Average();
        return u.Zip(w, (a, b) => (a - mu) * (b - mw)).Sum() / u.Sum(a => (a - mu) * (a - mu));
    }

    private static double BatchTerm(double[][] g, int batchSize, double alpha) => BatchTermScaled(g, batchSize, alpha, 1);

    /// <summary>scale = batchSize is the slip of summing a batch's gradients instead of averaging them.</summary>
    private static double BatchTermScaled(double[][] g, int batchSize, double alpha, double scale)
    {
        int batches = g.Length / batchSize, d = g[0].Length;
        double[] full = [.. Enumerable.Range(0, d).Select(j => g.Average(row => row[j]))];
        double sum = 0;
        for (int b = 0; b < batches; b++)
            for (int j = 0; j < d; j++)
            {
                double mean = g.Skip(b * batchSize).Take(batchSize).Average(row => row[j]);
                sum += (scale * mean - full[j]) * (scale * mean - full[j]);
            }
        return alpha / 4 * sum / batches;
    }

    [Fact]
    public void Correct_answers_pass_every_homework_5_check_public_and_hidden()
    {
        foreach (var options in new[] { CheckOptions.Public, CheckOptions.Hidden(seed: 5) })
        {
            var value = Checks.ModifiedLoss((loss, phi, alpha) => loss.Value(phi) + alpha / 4 * Squared(loss.Gradient(phi)), options);
            Assert.True(value.Passed, value.Message);
            var gradient = Checks.ModifiedGradient((loss, phi, alpha) => Corrected(loss, phi, alpha / 2), options);
            Assert.True(gradient.Passed, gradient.Message);
            var run = Checks.GradientDescentRun(Descend, options);
            Assert.True(run.Passed, run.Message);
            var slope = Checks.LogLogSlope(Slope, options);
            Assert.True(slope.Passed, slope.Message);
            var batch = Checks.BatchVarianceTerm(BatchTerm, options);
            Assert.True(batch.Passed, batch.Message);
        }
    }

    [Fact]
    public void The_reference_gradient_matches_central_differences_of_the_reference_modified_loss()
    {
        var loss = new ValleyLoss();
        foreach (double[] phi in new[] { new[] { 0.2, 0.9 }, new[] { -0.3, 0.5 }, new[] { 0.7, 0.75 } })
        {
            double[] analytic = Checks.ModifiedGradientReference(loss, phi, 0.1);
            for (int i = 0; i < 2; i++)
            {
                double h = 1e-6;
                double[] plus = [.. phi], minus = [.. phi];
                plus[i] += h;
                minus[i] -= h;
                double numeric = (Checks.ModifiedLossReference(loss, plus, 0.1) - Checks.ModifiedLossReference(loss, minus, 0.1)) / (2 * h);
                Assert.Equal(analytic[i], numeric, 1e-6);
            }
        }
    }

    [Fact]
    public void The_batch_variance_reference_equals_the_library_term_for_batch_losses()
    {
        // Per-example quadratic losses ℓᵢ(φ) = ½‖φ − cᵢ‖²: the batch loss is their mean, its gradient the mean gradient.
        var rng = new Random(3);
        double[][] centres = [.. Enumerable.Range(0, 12).Select(_ => new[] { rng.NextDouble(), rng.NextDouble() })];
        double[] phi = [0.3, -0.2];
        double[][] gradients = [.. centres.Select(c => new[] { phi[0] - c[0], phi[1] - c[1] })];
        var batches = Enumerable.Range(0, 4).Select(b => (ISmoothLoss)new MeanSquareLoss(centres.Skip(3 * b).Take(3).ToArray())).ToList();
        double library = SgdModifiedLoss.BatchVarianceTerm(new MeanSquareLoss(centres), batches, phi, 0.2);
        Assert.Equal(library, Checks.BatchVarianceReference(gradients, 3, 0.2), 1e-12);
    }

    private sealed class MeanSquareLoss(double[][] centres) : ISmoothLoss
    {
        public int Dimension => 2;

        public double Value(double[] phi) => centres.Average(c => 0.5 * ((phi[0] - c[0]) * (phi[0] - c[0]) + (phi[1] - c[1]) * (phi[1] - c[1])));

        public double[] Gradient(double[] phi) => [phi[0] - centres.Average(c => c[0]), phi[1] - centres.Average(c => c[1])];

        public double[,] Hessian(double[] phi) => new double[,] { { 1, 0 }, { 0, 1 } };
    }

    [Theory]
    [InlineData(4.0, "∇‖∇L‖² = 2H∇L")]
    [InlineData(1.0, "the correction is half of what you have")]
    [InlineData(-2.0, "added to ∇L, not subtracted")]
    public void A_wrong_factor_in_the_modified_gradient_is_named(double divisor, string hint)
    {
        var result = Checks.ModifiedGradient((loss, phi, alpha) => Corrected(loss, phi, alpha / divisor));
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.True(result.Message.Contains(hint), result.Message);
        Assert.True(result.FailedCases > 0 && result.FailedCases < result.Cases, $"{result.FailedCases} of {result.Cases}");
    }

    [Fact]
    public void Missing_penalties_and_an_unsquared_norm_are_named()
    {
        Hint("the penalty (α/4)‖∇L‖² has a gradient too", Checks.ModifiedGradient((loss, phi, _) => loss.Gradient(phi)));
        Hint("that is L alone", Checks.ModifiedLoss((loss, phi, _) => loss.Value(phi)));
        Assert.Contains("use the sum of squares, not its square root",
            Checks.ModifiedLoss((loss, phi, alpha) => loss.Value(phi) + alpha / 4 * Math.Sqrt(Squared(loss.Gradient(phi)))).Message);
    }

    [Fact]
    public void Off_by_one_runs_ascent_and_a_mutated_start_are_caught()
    {
        Hint("one step too many", Checks.GradientDescentRun((l, s, a, n) => Descend(l, s, a, n + 1)));
        Hint("one step too few", Checks.GradientDescentRun((l, s, a, n) => Descend(l, s, a, Math.Max(n - 1, 0))));
        Hint("gradient ascent", Checks.GradientDescentRun((l, s, a, n) => Descend(l, s, -a, n)));
        var inPlace = Checks.GradientDescentRun((loss, start, alpha, steps) =>
        {
            for (int s = 0; s < steps; s++)
            {
                double[] g = loss.Gradient(start);
                for (int i = 0; i < start.Length; i++) start[i] -= alpha * g[i];
            }
            return start;
        });
        Hint("your function wrote into its argument", inPlace);
    }

    [Fact]
    public void End_point_slopes_swapped_axes_and_missing_logarithms_are_named()
    {
        Hint("first and last points only", Checks.LogLogSlope((x, y) => Math.Log(y[^1] / y[0]) / Math.Log(x[^1] / x[0])));
        Hint("you regressed log x on log y", Checks.LogLogSlope((x, y) => Slope(y, x)));
        // Base-10 logarithms give the same slope: they are accepted.
        Assert.True(Checks.LogLogSlope((x, y) => Slope([.. x.Select(Math.Log10).Select(Math.Exp)], [.. y.Select(Math.Log10).Select(Math.Exp)])).Passed);
    }

    [Fact]
    public void Batch_term_slips_get_their_hints_and_partial_case_counts()
    {
        var sumNotMean = Checks.BatchVarianceTerm((g, size, alpha) => BatchTermScaled(g, size, alpha, size));
        Hint("not their sum", sumNotMean);
        Assert.True(sumNotMean.FailedCases < sumNotMean.Cases); // batches of one are right either way
        Hint("variance of single examples' gradients", Checks.BatchVarianceTerm((g, _, alpha) => BatchTerm(g, 1, alpha)));
        Hint("multiply by α/4", Checks.BatchVarianceTerm((g, size, _) => BatchTerm(g, size, 4)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_null_and_throwing_answers_fail_with_a_reason(double value)
    {
        Hint("not a finite number", Checks.ModifiedLoss((_, _, _) => value));
        Hint("returned null", Checks.ModifiedGradient((_, _, _) => null!));
        Hint("length 1 instead of 2", Checks.GradientDescentRun((_, _, _, _) => [value]));
        Hint("threw IndexOutOfRangeException", Checks.BatchVarianceTerm((g, _, _) => g[g.Length][0]));
    }

    [Fact]
    public void The_answer_keys_are_internal()
    {
        foreach (var name in new[] { "ModifiedLossReference", "ModifiedGradientReference", "GradientDescentReference", "LogLogSlopeReference", "BatchVarianceReference" })
            Assert.Null(typeof(Checks).GetMethod(name));
    }

    /// <summary>
    /// The order experiment of the notebook, with the references in place of a student's answers: the numbers its model
    /// answer quotes (slopes ≈ 1 and ≈ 2, distance ratios ≈ 9 at α = 0.02 and ≈ 80 at α = 0.002).
    /// </summary>
    [Fact]
    public void The_order_experiment_gives_slopes_one_and_two_as_the_model_answer_says()
    {
        var valley = new ValleyLoss();
        double[] start = [0.2, 0.9], alphas = [0.02, 0.0125, 0.01, 0.005, 0.004, 0.002];
        double[] Flow(double modified) => RungeKutta4.Integrate(
            phi => [.. Checks.ModifiedGradientReference(valley, phi, modified).Select(g => -g)], start, 1.0, 4000);
        double[] flow = Flow(0);
        double[] toFlow = [.. alphas.Select(a => GradientFlow.Distance(Checks.GradientDescentReference(valley, start, a, (int)Math.Round(1 / a)), flow))];
        double[] toModified = [.. alphas.Select(a => GradientFlow.Distance(Checks.GradientDescentReference(valley, start, a, (int)Math.Round(1 / a)), Flow(a)))];
        Assert.InRange(Checks.LogLogSlopeReference(alphas, toFlow), 0.95, 1.05);
        Assert.InRange(Checks.LogLogSlopeReference(alphas, toModified), 1.9, 2.05);
        Assert.InRange(toFlow[0] / toModified[0], 8, 10);
        Assert.InRange(toFlow[^1] / toModified[^1], 75, 85);
    }
}
