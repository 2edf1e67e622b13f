using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>Checks for homework 2: sampling keep masks and Monte Carlo dropout prediction.</summary>
public static partial class Checks
{
    private sealed record McInput(int[] Widths, double P, int NetworkSeed, Matrix X, int Samples);

    /// <summary>
    /// Checks <c>McDropoutPredict(sampleForward, x, T)</c>: the mean and the standard deviation (dividing by T) of T
    /// stochastic forward passes. Student and reference each get an identically seeded network with dropout, so they
    /// see the same T random masks; its Forward returns a reused buffer, exactly like the library's layers.
    /// </summary>
    public static CheckResult McDropoutPredict(
        Func<Func<Matrix, Matrix>, Matrix, int, (Matrix Mean, Matrix Std)> mcDropoutPredict, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<McInput>>
        {
            Case(new McInput([1, 8, 1], 0.5, 1, Matrix.ColumnVector(0.5), 1)),          // T = 1: the std is 0
            Case(new McInput([1, 8, 1], 0.5, 2, Matrix.ColumnVector(0.5), 2)),
            Case(new McInput([1, 16, 1], 0.3, 3, Matrix.ColumnVector(-1, 0, 1), 50)),
            Case(new McInput([2, 8, 3], 0.2, 4, Matrix.FromRows([[1.0, -1.0], [0.5, 2.0]]), 20)),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < Math.Max(options.RandomCases / 20, 4); i++)
        {
            int inputs = 1 + rng.Next(3), outputs = 1 + rng.Next(3), rows = 1 + rng.Next(5);
            var x = new Matrix(rows, inputs, CaseMaker.Vector(rng, rows * inputs));
            cases.Add(Case(new McInput([inputs, 4 + rng.Next(12), outputs], 0.1 + 0.6 * rng.NextDouble(), rng.Next(), x, 1 + rng.Next(40))));
        }

        var check = new FunctionCheck<McInput, MeanAndStd>
        {
            Name = "mc_dropout_predict",
            Call = input => $"McDropoutPredict(network {string.Join("→", input.Widths)} with p = {Show.Number(input.P)}, x {input.X.Shape}, T = {input.Samples})",
            Reference = input => ReferenceMcDropout(Network(input), input.X, input.Samples),
            Cases = cases,
            Copy = input => input with { X = input.X.Clone() },
            InputFingerprint = input => Show.Fingerprint(input.X.Data),
            Compare = (_, expected, got) =>
                got.Mean is null || got.Std is null
                    ? new Mismatch("a mean and a standard deviation", "null", "return both matrices")
                    : CompareMatrices(expected.Mean, got.Mean, Tolerance.Exact) is { } meanWrong
                        ? meanWrong with { Detail = "the mean: " + meanWrong.Detail }
                        : CompareMatrices(expected.Std, got.Std, StdTolerance) is { } stdWrong
                            ? stdWrong with { Detail = "the standard deviation: " + stdWrong.Detail }
                            : null,
            Verified = "T = 1 (std 0), several outputs and examples, and a network that reuses its output buffer",
            Criterion = "relative error ≤ 1e-9 for the mean, 1e-7 for the standard deviation",
            Hint = "call sampleForward(x) T times; average the outputs entry by entry, and take √(mean of squared deviations).",
            Diagnose = (input, expected, got) => got.Mean is null || got.Std is null ? null : DiagnoseMc(input, expected, got),
        };
        return Report(check.Run(input =>
        {
            var network = Network(input);
            var (mean, std) = mcDropoutPredict(x => network.Forward(x, training: true), input.X, input.Samples);
            return new MeanAndStd(mean, std);
        }, options));

        static CheckCase<McInput> Case(McInput input) => new(input, input.X.Length * 100 + input.Samples);
    }

    private sealed record MeanAndStd(Matrix Mean, Matrix Std);

    /// <summary>
    /// Looser than the mean: the one-pass formula √(E[f²] − E[f]²) is a correct method that loses about half the
    /// digits to cancellation (√ of rounding noise), so the standard deviation is accepted to 1e-7.
    /// </summary>
    private static readonly Tolerance StdTolerance = new(1e-7, 1e-7);

    private static Sequential Network(McInput input) =>
        Mlp.Create(input.Widths, Activation.Tanh, dropout: input.P, seed: input.NetworkSeed);

    private static MeanAndStd ReferenceMcDropout(Sequential network, Matrix x, int samples)
    {
        var outputs = new List<Matrix>();
        for (int t = 0; t < samples; t++) outputs.Add(network.Forward(x, training: true).Clone()); // copy: the buffer is reused
        var mean = new Matrix(outputs[0].Rows, outputs[0].Cols);
        var std = new Matrix(mean.Rows, mean.Cols);
        for (int i = 0; i < mean.Length; i++)
        {
            double average = outputs.Average(o => o.Data[i]);
            mean.Data[i] = average;
            std.Data[i] = Math.Sqrt(outputs.Average(o => (o.Data[i] - average) * (o.Data[i] - average)));
        }
        return new MeanAndStd(mean, std);
    }

    private static string? DiagnoseMc(McInput input, MeanAndStd expected, MeanAndStd got)
    {
        if (CompareMatrices(expected.Mean, got.Mean, Tolerance.Exact) is null)
        {
            // With T = 1 the T − 1 convention divides 0 by 0: the student sees NaN and needs this hint, not the generic one.
            if (input.Samples == 1 && got.Std.Data.Any(double.IsNaN))
                return "with T = 1 your standard deviation is 0/0 = NaN: it divides by T − 1; this homework divides by T, so one pass has spread 0.";
            if (input.Samples > 1 && Compare.IsMultipleOf(expected.Std.Data, got.Std.Data, Math.Sqrt(input.Samples / (input.Samples - 1.0))))
                return "your standard deviation divides by T − 1; this homework divides by T (the spread of these T passes).";
            if (Compare.Vector(expected.Std.Data.Select(s => s * s).ToArray(), got.Std.Data, Tolerance.Exact) is null)
                return "that is the variance: take its square root.";
            return null;
        }
        var last = network(input);
        if (input.Samples > 1 && CompareMatrices(last, got.Mean, Tolerance.Exact) is null)
            return "every sample looks like the last one: sampleForward returns a buffer that the next call overwrites — " +
                   "add its entries to your sums right away, or keep a copy with .Clone().";
        if (CompareMatrices(Network(input).Predict(input.X), got.Mean, Tolerance.Exact) is null)
            return "that is the prediction without dropout: call sampleForward, which keeps dropout switched on.";
        return null;

        static Matrix network(McInput input)
        {
            var net = Network(input);
            Matrix output = net.Forward(input.X, training: true);
            for (int t = 1; t < input.Samples; t++) output = net.Forward(input.X, training: true);
            return output.Clone();
        }
    }

    /// <summary>
    /// Checks <c>SampleKeepMask(rows, cols, p, rng)</c>: entries are 0 or 1, the shape is right, p = 0 keeps every
    /// unit, and the kept fraction lies within 5 standard errors √(p(1 − p)/N) of 1 − p on large masks.
    /// </summary>
    public static CheckResult SampleKeepMask(Func<int, int, double, Random, Matrix> sampleKeepMask, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<(int Rows, int Cols, double P)>>
        {
            new((1, 1, 0.0), 1), new((3, 4, 0.0), 12), new((200, 100, 0.5), 2e4),
            new((100, 100, 0.1), 1e4), new((100, 100, 0.9), 1e4), new((50, 80, 0.3), 4e3),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < Math.Min(options.RandomCases / 20, 30); i++)
            cases.Add(new((20 + rng.Next(80), 20 + rng.Next(80), Math.Round(rng.NextDouble() * 0.9, 2)), 1e4));

        var check = new FunctionCheck<(int Rows, int Cols, double P), Matrix>
        {
            Name = "sample_keep_mask",
            Call = input => $"SampleKeepMask({input.Rows}, {input.Cols}, p = {Show.Number(input.P)}, rng)",
            Reference = input => new Matrix(input.Rows, input.Cols),
            Cases = cases,
            Compare = (input, _, got) => CheckMask(input.Rows, input.Cols, input.P, got),
            Verified = "0/1 entries, the shape, p = 0 and the kept fraction",
            Criterion = "kept fraction within 5 standard errors of 1 − p",
            Hint = "for every entry draw u = rng.NextDouble() and keep the unit (1) when u ≥ p, drop it (0) otherwise.",
            Diagnose = (input, _, got) =>
                got.Rows == input.Rows && got.Cols == input.Cols && input.P != 0.5 && Math.Abs(got.Data.Average() - input.P) < 0.05
                    ? "you keep units with probability p, but p is the probability of DROPPING a unit." : null,
        };
        int draw = 0;
        var result = check.Run(input => sampleKeepMask(input.Rows, input.Cols, input.P, new Random(options.Seed + 1000 + draw++)), options);
        return Report(result.Passed ? UsesTheGivenRandom(sampleKeepMask, result, options) : result);
    }

    /// <summary>
    /// A mask must come from the <c>rng</c> it is given: the same seed twice gives the same mask (reproducible runs),
    /// another seed another mask (a fixed pattern, or <c>new Random()</c> inside, fails one of the two).
    /// </summary>
    private static CheckResult UsesTheGivenRandom(Func<int, int, double, Random, Matrix> sampleKeepMask, CheckResult passed, CheckOptions options)
    {
        string tag = options.Kind == CheckKind.Public ? "[public check]" : "[hidden test]";
        CheckResult Fail(string why) => passed with
        {
            Status = CheckStatus.Failed, FailedCases = 1,
            Message = $"✗ sample_keep_mask {tag}: {why}",
        };
        try
        {
            var first = sampleKeepMask(30, 30, 0.5, new Random(options.Seed + 7));
            var again = sampleKeepMask(30, 30, 0.5, new Random(options.Seed + 7));
            var other = sampleKeepMask(30, 30, 0.5, new Random(options.Seed + 8));
            if (!first.Data.SequenceEqual(again.Data))
                return Fail("two calls with the same seeded rng gave different masks. Hint: draw every entry from the rng you are given; new Random() inside makes runs impossible to reproduce.");
            if (first.Data.SequenceEqual(other.Data))
                return Fail("two differently seeded rngs gave the same mask: your mask does not depend on rng. Hint: draw each entry with rng.NextDouble().");
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return Fail($"SampleKeepMask(30, 30, p = 0.5, rng) threw {error.GetType().Name} “{error.Message}”.");
        }
        return passed with { Message = passed.Message.Replace("and the kept fraction", "the kept fraction and its dependence on rng", StringComparison.Ordinal) };
    }

    private static Mismatch? CheckMask(int rows, int cols, double p, Matrix got)
    {
        if (got.Rows != rows || got.Cols != cols)
            return new Mismatch($"a {rows} × {cols} mask", $"a {got.Shape} matrix", "wrong shape");
        int bad = Array.FindIndex(got.Data, v => v != 0.0 && v != 1.0);
        if (bad >= 0)
            return new Mismatch("only 0 and 1", $"{Show.Number(got.Data[bad])} at entry {bad}",
                "a keep mask holds 0 (dropped) or 1 (kept); the 1/(1 − p) scaling belongs to DropoutForward");
        double kept = got.Data.Average();
        double standardError = Math.Sqrt(p * (1 - p) / got.Length);
        if (Math.Abs(kept - (1 - p)) > 5 * standardError + 1e-12)
            return new Mismatch($"a kept fraction ≈ {Show.Number(1 - p)}", $"{Show.Number(kept)}",
                $"more than 5 standard errors ({Show.Number(5 * standardError)}) away");
        return null;
    }
}
