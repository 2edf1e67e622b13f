using RegularizationLab.Homework;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace Homework.Tests;

/// <summary>Homework 4's checks: right answers pass, typical mistakes get their specific hint, bad values never crash.</summary>
[Collection("Checks")]
public class LabelSmoothingChecksTests
{
    public LabelSmoothingChecksTests()
    {
        Checks.Output = TextWriter.Null;
        Checks.GradingOverride = false;
    }

    private static double[] Target(int classes, int label, double epsilon, LabelSmoothing convention)
    {
        bool others = convention == LabelSmoothing.SpreadOverOtherClasses;
        var target = Enumerable.Repeat(others ? epsilon / (classes - 1) : epsilon / classes, classes).ToArray();
        target[label] = others ? 1 - epsilon : 1 - epsilon + epsilon / classes;
        return target;
    }

    private static double[] LogSoftmax(double[] z, bool stable = true)
    {
        double max = stable ? z.Max() : 0;
        double lse = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
        return [.. z.Select(v => v - lse)];
    }

    private static double Loss(double[] z, int label, double epsilon, LabelSmoothing convention, bool stable = true)
    {
        var logP = LogSoftmax(z, stable);
        return -Target(z.Length, label, epsilon, convention).Select((y, k) => y == 0 ? 0 : y * logP[k]).Sum();
    }

    private static double[] Gradient(double[] z, int label, double epsilon, LabelSmoothing convention, double sign = 1)
    {
        var logP = LogSoftmax(z);
        var target = Target(z.Length, label, epsilon, convention);
        return [.. logP.Select((l, k) => sign * (Math.Exp(l) - target[k]))];
    }

    private static (double[], double[]) Bins(double[] confidences, bool[] correct, int m)
    {
        var order = Enumerable.Range(0, confidences.Length).OrderBy(i => confidences[i]).ToArray(); // OrderBy is stable
        var (meanConfidence, accuracy) = (new double[m], new double[m]);
        for (int b = 0, start = 0; b < m; b++)
        {
            int size = confidences.Length / m + (b < confidences.Length % m ? 1 : 0);
            var members = order.Skip(start).Take(size).ToArray();
            meanConfidence[b] = members.Average(i => confidences[i]);
            accuracy[b] = members.Average(i => correct[i] ? 1.0 : 0.0);
            start += size;
        }
        return (meanConfidence, accuracy);
    }

    private static double Ece(double[] confidences, bool[] correct, int m, bool weighted = true)
    {
        var (conf, acc) = Bins(confidences, correct, m);
        int n = confidences.Length;
        return Enumerable.Range(0, m).Sum(b => (weighted ? (n / m + (b < n % m ? 1 : 0)) / (double)n : 1.0 / m) * Math.Abs(conf[b] - acc[b]));
    }

    /// <summary>Golden-section search of the NLL over T in [0.05, 50] (a student's method, not the library's bisection).</summary>
    private static double FitT(Matrix logits, int[] labels, int iterations = 70)
    {
        double Nll(double t) => Enumerable.Range(0, logits.Rows).Average(i =>
            -LogSoftmax([.. logits.Row(i).ToArray().Select(v => v / t)])[labels[i]]);
        double low = Math.Log(0.05), high = Math.Log(50), golden = (Math.Sqrt(5) - 1) / 2;
        for (int k = 0; k < iterations; k++)
        {
            double a = high - golden * (high - low), b = low + golden * (high - low);
            if (Nll(Math.Exp(a)) < Nll(Math.Exp(b))) high = b; else low = a;
        }
        return Math.Exp((low + high) / 2);
    }

    [Fact]
    public void Correct_answers_pass_every_homework_4_check_public_and_hidden()
    {
        foreach (var options in new[] { CheckOptions.Public, CheckOptions.Hidden(4000) })
        {
            var loss = Checks.SmoothedCrossEntropy((z, j, e, c) => Loss(z, j, e, c), options);
            Assert.True(loss.Passed, loss.Message);
            var gradient = Checks.SmoothedCrossEntropyGradient((z, j, e, c) => Gradient(z, j, e, c), options);
            Assert.True(gradient.Passed, gradient.Message);
            var bins = Checks.ReliabilityBins(Bins, options);
            Assert.True(bins.Passed, bins.Message);
            var ece = Checks.ExpectedCalibrationError((c, r, m) => Ece(c, r, m), options);
            Assert.True(ece.Passed, ece.Message);
        }
        var temperature = Checks.FitTemperature((z, y) => FitT(z, y));
        Assert.True(temperature.Passed, temperature.Message);
    }

    [Fact]
    public void Smoothing_mistakes_get_their_hint()
    {
        Assert.Contains("exp overflowed", Checks.SmoothedCrossEntropy((z, j, e, c) => Loss(z, j, e, c, stable: false)).Message);
        Assert.Contains("the other convention", Checks.SmoothedCrossEntropy((z, j, e, c) =>
            Loss(z, j, e, c == LabelSmoothing.SpreadOverAllClasses ? LabelSmoothing.SpreadOverOtherClasses : LabelSmoothing.SpreadOverAllClasses)).Message);
        Assert.Contains("without smoothing", Checks.SmoothedCrossEntropy((z, j, _, c) => Loss(z, j, 0, c)).Message);
        Assert.Contains("the sign is flipped", Checks.SmoothedCrossEntropyGradient((z, j, e, c) => Gradient(z, j, e, c, sign: -1)).Message);
        Assert.Contains("without smoothing", Checks.SmoothedCrossEntropyGradient((z, j, _, c) => Gradient(z, j, 0, c)).Message);
    }

    [Fact]
    public void Calibration_mistakes_get_their_hint()
    {
        Assert.Contains("LOWEST-confidence bins", Checks.ReliabilityBins((c, r, m) =>
        {
            // remainder on the top bins: bin sizes reversed
            var order = Enumerable.Range(0, c.Length).OrderBy(i => c[i]).ToArray();
            var (conf, acc) = (new double[m], new double[m]);
            for (int b = 0, start = 0; b < m; b++)
            {
                int size = c.Length / m + (b >= m - c.Length % m ? 1 : 0);
                var members = order.Skip(start).Take(size).ToArray();
                (conf[b], acc[b]) = (members.Average(i => c[i]), members.Average(i => r[i] ? 1.0 : 0.0));
                start += size;
            }
            return (conf, acc);
        }).Message);
        Assert.Contains("from the most to the least confident", Checks.ReliabilityBins((c, r, m) =>
        {
            var (conf, acc) = Bins(c, r, m);
            return ([.. conf.Reverse()], [.. acc.Reverse()]);
        }).Message);
        Assert.Contains("weigh each bin by its share", Checks.ExpectedCalibrationError((c, r, m) => Ece(c, r, m, weighted: false)).Message);
    }

    [Fact]
    public void Temperature_mistakes_get_their_hint()
    {
        Assert.Contains("you returned 1/T", Checks.FitTemperature((z, y) => 1 / FitT(z, y)).Message);
        Assert.Contains("T = 1 leaves the logits unchanged", Checks.FitTemperature((_, _) => 1.0).Message);
        Assert.Contains("refine your search", Checks.FitTemperature((z, y) => FitT(z, y, iterations: 8)).Message);
        Assert.Contains("a temperature is a positive, finite number", Checks.FitTemperature((_, _) => double.NaN).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_answers_fail_with_a_reason(double value)
    {
        Assert.Contains("not a finite number", Checks.SmoothedCrossEntropy((_, _, _, _) => value).Message);
        Assert.Contains("not a finite number", Checks.ExpectedCalibrationError((_, _, _) => value).Message);
        Assert.Equal(CheckStatus.Failed, Checks.SmoothedCrossEntropyGradient((z, _, _, _) => [.. z.Select(_ => value)]).Status);
        Assert.Equal(CheckStatus.Failed, Checks.FitTemperature((_, _) => value).Status);
    }

    [Fact]
    public void Null_answers_and_input_mutation_fail_with_a_reason_instead_of_crashing()
    {
        Assert.Contains("your function returned null", Checks.SmoothedCrossEntropyGradient((_, _, _, _) => null!).Message);
        Assert.Contains("return both", Checks.ReliabilityBins((_, _, _) => (null!, null!)).Message);
        var sorting = Checks.ExpectedCalibrationError((c, r, m) => { var e = Ece(c, r, m); Array.Sort(c); return e; });
        Assert.Contains("your function wrote into its argument", sorting.Message);
        var softmaxInPlace = Checks.SmoothedCrossEntropyGradient((z, j, e, c) => { var g = Gradient(z, j, e, c); z[0] = 0; return g; });
        Assert.Contains("your function wrote into its argument", softmaxInPlace.Message);
    }
}
