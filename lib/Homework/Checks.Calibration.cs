using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>
/// Checks for homework 4, parts 3–4: equal-mass reliability bins and their expected calibration error (reference: the
/// library's <see cref="Calibration"/>), and fitting a temperature (reference: <see cref="TemperatureScaling"/>).
/// </summary>
public static partial class Checks
{
    private sealed record BinsInput(double[] Confidences, bool[] Correct, int BinCount);

    private static List<CheckCase<BinsInput>> BinsCases(CheckOptions options)
    {
        var cases = new List<CheckCase<BinsInput>>
        {
            Case([0.7], [true], 1),                                                     // one prediction, one bin
            Case([0.9, 0.6, 0.8, 0.7], [true, false, true, true], 2),                   // unsorted input
            Case([0.5, 0.9, 0.6, 0.8, 0.7], [false, true, true, true, false], 2),       // N mod M = 1: the LOW bin gets 3
            Case([0.8, 0.8, 0.8, 0.8], [false, true, true, false], 2),                  // ties keep their order
            Case([1.0, 1.0, 1.0], [true, true, true], 3),                               // perfectly calibrated: ECE 0
            Case([0.95, 0.9, 0.99, 0.97, 0.92, 0.3, 0.6], [false, true, true, false, true, false, true], 3),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int n = 1 + rng.Next(120), bins = 1 + rng.Next(Math.Min(n, 15));
            double sharpness = 0.5 + 3 * rng.NextDouble();
            var confidences = new double[n];
            var correct = new bool[n];
            for (int k = 0; k < n; k++)
            {
                double c = 0.1 + 0.9 * Math.Pow(rng.NextDouble(), 1 / sharpness);
                confidences[k] = rng.Next(4) == 0 ? Math.Round(c, 1) : c;              // rounded ones tie
                correct[k] = rng.NextDouble() < confidences[k] * confidences[k];       // over-confident on average
            }
            cases.Add(Case(confidences, correct, bins));
        }
        return cases;

        static CheckCase<BinsInput> Case(double[] confidences, bool[] correct, int bins) =>
            new(new BinsInput(confidences, correct, bins), 2 * confidences.Length + 1);
    }

    private static string BinsCall(string name, BinsInput input) =>
        $"{name}(confidences = {Show.Vector(input.Confidences)}, correct = [{string.Join(", ", input.Correct.Take(6).Select(c => c ? "true" : "false"))}" +
        $"{(input.Correct.Length > 6 ? ", …" : "")}], M = {input.BinCount})";

    private static BinsInput CopyBinsInput(BinsInput input) =>
        input with { Confidences = CaseMaker.Copy(input.Confidences), Correct = (bool[])input.Correct.Clone() };

    private static string BinsFingerprint(BinsInput input) =>
        Show.Fingerprint(input.Confidences) + "|" + string.Concat(input.Correct.Select(c => c ? '1' : '0'));

    private static CalibrationReport ReferenceBins(BinsInput input) =>
        Calibration.EqualMassBins(input.Confidences, input.Correct, input.BinCount);

    /// <summary>
    /// Equal-mass bins with the remainder N mod M given to the HIGHEST-confidence bins instead of the lowest — the one
    /// convention a correct-looking answer most often gets differently (returns per-bin (conf, acc, size)).
    /// </summary>
    private static (double Confidence, double Accuracy, int Size)[] BinsWithRemainderOnTop(BinsInput input)
    {
        int n = input.Confidences.Length, m = input.BinCount;
        int[] order = Enumerable.Range(0, n).OrderBy(i => input.Confidences[i]).ThenBy(i => i).ToArray();
        var bins = new (double, double, int)[m];
        for (int b = 0, start = 0; b < m; b++)
        {
            int size = n / m + (b >= m - n % m ? 1 : 0);
            var members = order.Skip(start).Take(size).ToArray();
            bins[b] = (members.Average(i => input.Confidences[i]), members.Average(i => input.Correct[i] ? 1.0 : 0.0), size);
            start += size;
        }
        return bins;
    }

    /// <summary>
    /// Checks <c>ReliabilityBins(confidences, correct, M)</c> → (MeanConfidence, Accuracy), one entry per equal-mass bin
    /// from the least to the most confident; the first N mod M bins hold one extra prediction; ties keep their order.
    /// </summary>
    public static CheckResult ReliabilityBins(Func<double[], bool[], int, (double[] MeanConfidence, double[] Accuracy)> reliabilityBins, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<BinsInput, (double[] MeanConfidence, double[] Accuracy)>
        {
            Name = "reliability_bins",
            Call = input => BinsCall("ReliabilityBins", input),
            Reference = input => (ReferenceBins(input).MeanConfidences, ReferenceBins(input).Accuracies),
            Cases = BinsCases(options),
            Copy = CopyBinsInput,
            InputFingerprint = BinsFingerprint,
            Compare = (_, expected, got) =>
                got.MeanConfidence is null || got.Accuracy is null
                    ? new Mismatch("two arrays", "null", "return both the mean confidences and the accuracies")
                    : Compare.Vector(expected.MeanConfidence, got.MeanConfidence, Tolerance.Exact) is { } confidenceWrong
                        ? confidenceWrong with { Detail = "the mean confidences: " + confidenceWrong.Detail }
                        : Compare.Vector(expected.Accuracy, got.Accuracy, Tolerance.Exact) is { } accuracyWrong
                            ? accuracyWrong with { Detail = "the accuracies: " + accuracyWrong.Detail }
                            : null,
            Verified = "unsorted input, N not a multiple of M, ties and a single bin; the inputs are left unchanged",
            Hint = "sort the predictions by confidence (keeping the original order among ties), cut the sorted list into M " +
                   "consecutive groups of sizes that differ by at most one, and average within each group.",
            Diagnose = (input, expected, got) =>
                got.MeanConfidence is null || got.Accuracy is null ? null
                : got.MeanConfidence.Length != input.BinCount ? $"return one entry per bin: M = {input.BinCount} entries."
                : Compare.Vector(Enumerable.Reverse(expected.MeanConfidence).ToArray(), got.MeanConfidence, Tolerance.Exact) is null && input.BinCount > 1
                    ? "your bins run from the most to the least confident; list them from the least confident up."
                : Compare.Vector(BinsWithRemainderOnTop(input).Select(b => b.Confidence).ToArray(), got.MeanConfidence, Tolerance.Exact) is null
                    ? "the extra predictions (N mod M of them) must go to the LOWEST-confidence bins, one each."
                : got.MeanConfidence.Zip(got.Accuracy).Any(pair => !(pair.First >= 0 && pair.First <= 1 && pair.Second >= 0 && pair.Second <= 1))
                    ? "a mean confidence or an accuracy outside [0, 1]: is a bin empty (0/0), or did you divide by the wrong count?"
                : null,
        };
        return Report(check.Run(input => reliabilityBins(input.Confidences, input.Correct, input.BinCount), options));
    }

    /// <summary>
    /// Checks <c>ExpectedCalibrationError(confidences, correct, M)</c>: Σ_m (|Q_m|/N)·|conf(Q_m) − acc(Q_m)| on the same
    /// equal-mass bins.
    /// </summary>
    public static CheckResult ExpectedCalibrationError(Func<double[], bool[], int, double> expectedCalibrationError, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<BinsInput, double>
        {
            Name = "expected_calibration_error",
            Call = input => BinsCall("ExpectedCalibrationError", input),
            Reference = input => ReferenceBins(input).ExpectedCalibrationError,
            Cases = BinsCases(options),
            Copy = CopyBinsInput,
            InputFingerprint = BinsFingerprint,
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Verified = "unsorted input, N not a multiple of M, ties, a perfectly calibrated set and a single bin",
            Hint = "the ECE weighs each bin's |mean confidence − accuracy| by the fraction of all predictions in that bin.",
            Diagnose = (input, expected, got) =>
            {
                var bins = ReferenceBins(input).Bins;
                if (Near(got, Math.Abs(bins.Sum(b => b.Count * b.Gap)) / input.Confidences.Length) && !Near(expected, got))
                    return "you took |Σ (|Q_m|/N)(conf − acc)|: the absolute value belongs inside the sum, bin by bin.";
                if (Near(got, bins.Average(b => Math.Abs(b.Gap))) && !Near(expected, got))
                    return "a plain average over bins: weigh each bin by its share |Q_m|/N (bins differ by one when N mod M ≠ 0).";
                if (Near(got, EqualWidthEce(input)) && !Near(expected, got))
                    return "those are equal-WIDTH bins on [0, 1]; this homework uses equal-MASS bins (the same number of predictions each).";
                return null;
            },
        };
        return Report(check.Run(input => expectedCalibrationError(input.Confidences, input.Correct, input.BinCount), options));
    }

    private static double EqualWidthEce(BinsInput input)
    {
        int n = input.Confidences.Length;
        return Enumerable.Range(0, n).GroupBy(i => Math.Min((int)(input.Confidences[i] * input.BinCount), input.BinCount - 1))
            .Sum(bin => (double)bin.Count() / n * Math.Abs(bin.Average(i => input.Confidences[i]) - bin.Average(i => input.Correct[i] ? 1.0 : 0.0)));
    }

    private sealed record TemperatureInput(Matrix Logits, int[] Labels, string Description);

    /// <summary>
    /// Checks <c>FitTemperature(logits, labels)</c>: the T in [0.05, 50] that minimizes the mean negative log-likelihood
    /// of softmax(z/T). Accepted when T is within a relative 1e-4 of the minimizer, or its NLL within 1e-10 of the
    /// minimum (a flat minimum leaves T itself less determined).
    /// </summary>
    public static CheckResult FitTemperature(Func<Matrix, int[], double> fitTemperature, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<TemperatureInput>>
        {
            // Three right, one wrong, all with margin 2: softmax(2/T) must equal the accuracy ¾, so T = 2/ln 3.
            Case(new TemperatureInput(Matrix.FromRows([[2.0, 0.0], [2.0, 0.0], [0.0, 2.0], [2.0, 0.0]]), [0, 0, 1, 1], "3 of 4 right, margin 2")),
        };
        var rng = new Random(options.Seed);
        while (cases.Count < 1 + Math.Max(options.RandomCases / 20, 6))
            if (RandomTemperatureCase(rng) is { } input) cases.Add(Case(input));

        var check = new FunctionCheck<TemperatureInput, double>
        {
            Name = "fit_temperature",
            Call = input => $"FitTemperature(logits {input.Logits.Shape}, labels) [{input.Description}]",
            Reference = input => TemperatureScaling.Fit(input.Logits, input.Labels),
            Cases = cases,
            Copy = input => input with { Logits = input.Logits.Clone(), Labels = (int[])input.Labels.Clone() },
            InputFingerprint = input => Show.Fingerprint(input.Logits.Data) + "|" + string.Join(",", input.Labels),
            Compare = (input, expected, got) =>
                !(got > 0) || double.IsInfinity(got) ? new Mismatch(Show.Number(expected), Show.Number(got), "a temperature is a positive, finite number")
                : Math.Abs(got - expected) <= 1e-4 * expected
                  || TemperatureScaling.NegativeLogLikelihood(input.Logits, input.Labels, got)
                     <= TemperatureScaling.NegativeLogLikelihood(input.Logits, input.Labels, expected) + 1e-10 ? null
                : new Mismatch(Show.Number(expected), Show.Number(got),
                    $"NLL {Show.Number(TemperatureScaling.NegativeLogLikelihood(input.Logits, input.Labels, got))} at your T, " +
                    $"{Show.Number(TemperatureScaling.NegativeLogLikelihood(input.Logits, input.Labels, expected))} at the minimum"),
            Criterion = "T within a relative 1e-4 of the minimizer, or an NLL within 1e-10 of the minimum",
            Verified = "over- and under-confident logits, 2 to 10 classes",
            Hint = "NLL(T) has a single minimum in [0.05, 50]: search it to about 5 significant digits (golden-section " +
                   "search on T, or bisection on the sign of the derivative), evaluating NLL with a stable log-softmax.",
            Diagnose = (input, expected, got) =>
                Math.Abs(got * expected - 1) < 1e-3 ? "you returned 1/T: the logits are DIVIDED by T, p = softmax(z/T)."
                : got == 1 ? "T = 1 leaves the logits unchanged: search for the T that minimizes the NLL."
                : Math.Abs(got / expected - 1) < 0.05 ? "close, but not the minimum: refine your search (a grid step of 0.1 is too coarse)."
                : got is <= 0.05 or >= 50 ? "your T sits at the end of [0.05, 50]: is your search going in the right direction?"
                : null,
        };
        return Report(check.Run(input => fitTemperature(input.Logits, input.Labels), options));

        static CheckCase<TemperatureInput> Case(TemperatureInput input) => new(input, input.Logits.Length);
    }

    /// <summary>
    /// Logits of a classifier that is right with probability q: a margin m on the class it picks plus noise. Large m
    /// relative to q is over-confident (T > 1), small m under-confident (T &lt; 1). Null unless the minimizer lies well
    /// inside [0.05, 50].
    /// </summary>
    private static TemperatureInput? RandomTemperatureCase(Random rng)
    {
        int n = 20 + rng.Next(150), classes = 2 + rng.Next(9);
        double q = 0.55 + 0.4 * rng.NextDouble(), margin = 0.3 + 8 * rng.NextDouble(), noise = 0.2 + rng.NextDouble();
        var logits = new Matrix(n, classes);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = rng.Next(classes);
            int picked = rng.NextDouble() < q ? labels[i] : rng.Next(classes);
            for (int k = 0; k < classes; k++) logits[i, k] = noise * rng.NextGaussian() + (k == picked ? margin : 0);
        }
        double t = TemperatureScaling.Fit(logits, labels);
        return t is > 0.1 and < 25
            ? new TemperatureInput(logits, labels, $"{n} examples, {classes} classes, {(t > 1 ? "over" : "under")}-confident")
            : null;
    }
}
