using RegularizationLab.Data;
using RegularizationLab.Ensembles;
using RegularizationLab.Homework;
using RegularizationLab.Numerics;

namespace Homework.Tests;

/// <summary>Homework 6's checks: right answers pass, typical mistakes get their specific hint, bad answers never crash.</summary>
[Collection("Checks")]
public class EnsemblesChecksTests
{
    public EnsemblesChecksTests()
    {
        Checks.Output = TextWriter.Null;
        Checks.GradingOverride = false;
    }

    private static void Hint(string expected, CheckResult result) =>
        Assert.True(result.Message.Contains(expected, StringComparison.Ordinal), result.Message);

    private static int[] Bootstrap(int n, Random rng) => [.. Enumerable.Range(0, n).Select(_ => rng.Next(n))];

    private static double[] Bagging(Func<double[], double[], Func<double, double>> fit, double[] x, double[] y, double[] test, int members, Random rng)
    {
        var sum = new double[test.Length];
        for (int m = 0; m < members; m++)
        {
            int[] draw = Bootstrap(x.Length, rng);
            var model = fit([.. draw.Select(i => x[i])], [.. draw.Select(i => y[i])]);
            for (int k = 0; k < test.Length; k++) sum[k] += model(test[k]);
        }
        return [.. sum.Select(s => s / members)];
    }

    private static (Matrix Inputs, Matrix Targets) Mixup(Matrix x, int[] labels, int classes, double lambda, int[] partners) =>
        MixupWith(x, labels, classes, lambda, partners, (t, i, j, l) => { t[i, labels[i]] += l; t[i, labels[j]] += 1 - l; });

    private static (Matrix Inputs, Matrix Targets) MixupWith(Matrix x, int[] labels, int classes, double lambda, int[] partners,
        Action<Matrix, int, int, double> target)
    {
        var inputs = new Matrix(x.Rows, x.Cols);
        var targets = new Matrix(x.Rows, classes);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int k = 0; k < x.Cols; k++) inputs[i, k] = lambda * x[i, k] + (1 - lambda) * x[partners[i], k];
            target(targets, i, partners[i], lambda);
        }
        return (inputs, targets);
    }

    private static (double, double, double) Ambiguity(double[][] members, double[] targets) =>
        AmbiguityWith(members, targets, members.Length);

    private static (double, double, double) AmbiguityWith(double[][] members, double[] targets, int divisor)
    {
        double ensemble = 0, average = 0, diversity = 0;
        for (int k = 0; k < targets.Length; k++)
        {
            double mean = members.Average(f => f[k]);
            ensemble += (mean - targets[k]) * (mean - targets[k]);
            average += members.Sum(f => (f[k] - targets[k]) * (f[k] - targets[k])) / members.Length;
            diversity += members.Sum(f => (f[k] - mean) * (f[k] - mean)) / divisor;
        }
        return (ensemble / targets.Length, average / targets.Length, diversity / targets.Length);
    }

    [Fact]
    public void Correct_answers_pass_every_homework_6_check_public_and_hidden()
    {
        foreach (var options in new[] { CheckOptions.Public, CheckOptions.Hidden(seed: 6) })
        {
            var bootstrap = Checks.BootstrapIndices(Bootstrap, options);
            Assert.True(bootstrap.Passed, bootstrap.Message);
            var bagging = Checks.BaggedPrediction(Bagging, options);
            Assert.True(bagging.Passed, bagging.Message);
            Assert.True(Checks.MixupInputs(Mixup, options).Passed);
            Assert.True(Checks.MixupTargets(Mixup, options).Passed);
            var ambiguity = Checks.AmbiguityTerms(Ambiguity, options);
            Assert.True(ambiguity.Passed, ambiguity.Message);
        }
    }

    [Fact]
    public void The_references_agree_with_the_library()
    {
        // The library's Bootstrap draws rng.Next(n) n times, as the homework prescribes.
        Assert.Equal(RegularizationLab.Data.Bootstrap.SampleIndices(40, new Random(9)), Checks.BootstrapReference(40, new Random(9)));
        // The library's Mixup with a fixed λ, given the partners it drew.
        var x = new Matrix(5, 3, [.. Enumerable.Range(0, 15).Select(i => Math.Sin(i))]);
        int[] labels = [0, 2, 1, 2, 0];
        var batch = RegularizationLab.Data.Mixup.WithFixedLambda(0.3, seed: 4).Apply(x, labels, 3);
        var (inputs, targets) = Checks.MixupReference(x, labels, 3, 0.3, batch.Partners);
        Assert.Equal(batch.Inputs.Data, inputs.Data);
        Assert.Equal(batch.Targets.Data, targets.Data);
        // Krogh and Vedelsby's decomposition as the library computes it (one output per input).
        double[][] members = [[1.0, 2.0, 0.5], [0.0, 2.5, 1.5], [2.0, 1.0, 1.0]];
        double[] y = [1.2, 1.8, 0.7];
        var library = AmbiguityDecomposition.Of([.. members.Select(m => Matrix.ColumnVector(m))], Matrix.ColumnVector(y));
        var (e, a, d) = Checks.AmbiguityReference(members, y);
        Assert.Equal((library.EnsembleError, library.AverageMemberError, library.Diversity), (e, a, d), new ToleranceComparer());
        Assert.Equal(e, a - d, 1e-12);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) p, (double, double, double) q) =>
            Math.Abs(p.Item1 - q.Item1) < 1e-12 && Math.Abs(p.Item2 - q.Item2) < 1e-12 && Math.Abs(p.Item3 - q.Item3) < 1e-12;

        public int GetHashCode((double, double, double) value) => 0;
    }

    [Fact]
    public void A_permutation_an_rng_of_its_own_and_an_off_by_one_range_fail_with_their_hints()
    {
        var permutation = Checks.BootstrapIndices((n, rng) => [.. Enumerable.Range(0, n).OrderBy(_ => rng.Next())]);
        Assert.Equal(CheckStatus.Failed, permutation.Status);
        Hint("that is a permutation", permutation);
        Hint("same seeded rng gave different samples", Checks.BootstrapIndices((n, _) => Bootstrap(n, new Random())));
        Hint("do not depend on rng", Checks.BootstrapIndices((n, _) => Bootstrap(n, new Random(1))));
        Hint("do not pass n − 1", Checks.BootstrapIndices((n, rng) => [.. Enumerable.Range(0, n).Select(_ => rng.Next(Math.Max(n - 1, 1)))]));
    }

    [Fact]
    public void Bagging_shortcuts_are_named_one_member_no_resampling_and_the_last_member_only()
    {
        var oneMember = Checks.BaggedPrediction((fit, x, y, test, _, rng) => Bagging(fit, x, y, test, 1, rng));
        Assert.Equal(CheckStatus.Failed, oneMember.Status);
        Hint("that is the first member's prediction", oneMember);
        Assert.True(oneMember.FailedCases < oneMember.Cases); // the one-member and one-example cases are right
        var noResampling = Checks.BaggedPrediction((fit, x, y, test, _, _) => [.. test.Select(fit(x, y))]);
        Hint("each member must be fit on its own bootstrap sample", noResampling);
        var lastOnly = Checks.BaggedPrediction((fit, x, y, test, members, rng) =>
        {
            for (int m = 0; m < members - 1; m++) Bootstrap(x.Length, rng);
            return Bagging(fit, x, y, test, 1, rng);
        });
        Hint("the last member's prediction alone", lastOnly);
        var inPlace = Checks.BaggedPrediction((fit, x, y, test, members, rng) =>
        {
            var result = Bagging(fit, x, y, test, members, rng);
            Array.Sort(x);
            return result;
        });
        Hint("your function wrote into its argument", inPlace);
    }

    [Fact]
    public void Mixup_slips_are_named_swapped_weights_unmixed_labels_and_overwritten_shares()
    {
        var swapped = Checks.MixupInputs((x, l, c, lambda, p) => Mixup(x, l, c, 1 - lambda, p));
        Hint("λ and 1 − λ are swapped", swapped);
        var oneHot = Checks.MixupTargets((x, l, c, lambda, p) => MixupWith(x, l, c, lambda, p, (t, i, _, _) => t[i, l[i]] = 1));
        Hint("the original one-hot labels", oneHot);
        var overwritten = Checks.MixupTargets((x, l, c, lambda, p) => MixupWith(x, l, c, lambda, p, (t, i, j, w) => { t[i, l[i]] = w; t[i, l[j]] = 1 - w; }));
        Hint("add, do not overwrite", overwritten);
        Assert.Equal(CheckStatus.Passed, Checks.MixupInputs((x, l, c, lambda, p) => MixupWith(x, l, c, lambda, p, (t, i, j, w) => { t[i, l[i]] = w; t[i, l[j]] = 1 - w; })).Status);
    }

    [Fact]
    public void Ambiguity_slips_are_named()
    {
        Hint("divides by M", Checks.AmbiguityTerms((m, y) => AmbiguityWith(m, y, Math.Max(m.Length - 1, 1))));
        Assert.Contains("not about the target", Checks.AmbiguityTerms((m, y) =>
        {
            var (e, a, _) = Ambiguity(m, y);
            return (e, a, a);
        }).Message);
        Assert.Contains("error of the AVERAGED prediction", Checks.AmbiguityTerms((m, y) =>
        {
            var (_, a, d) = Ambiguity(m, y);
            return (a, a, d);
        }).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_null_and_throwing_answers_fail_with_a_reason(double value)
    {
        Hint("not a finite number", Checks.AmbiguityTerms((_, _) => (value, value, value)));
        Hint("returned null", Checks.BootstrapIndices((_, _) => null!));
        Hint("returned null", Checks.BaggedPrediction((_, _, _, _, _, _) => null!));
        Hint("returned null", Checks.MixupTargets((_, _, _, _, _) => (null!, null!)));
        Hint("threw InvalidOperationException", Checks.BaggedPrediction((_, _, _, _, _, _) => throw new InvalidOperationException("no")));
    }

    [Fact]
    public void The_answer_keys_are_internal()
    {
        foreach (var name in new[] { "BootstrapReference", "BaggingReference", "MixupReference", "AmbiguityReference" })
            Assert.Null(typeof(Checks).GetMethod(name));
    }
}
