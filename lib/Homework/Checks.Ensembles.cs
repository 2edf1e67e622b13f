using RegularizationLab.Data;
using RegularizationLab.Ensembles;
using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>
/// Checks for homework 6 (ensembles and augmentation): bootstrap resampling, bagging, mixup and the ambiguity
/// decomposition. The references call the library where it has the formula (bootstrap draws, the mixup of two rows,
/// the ambiguity decomposition) and are written out here otherwise (internal); the library's public versions are
/// forbidden in the answer cells by each part's list.
/// </summary>
public static partial class Checks
{
    /// <summary>n indices drawn uniformly from 0 … n − 1 with replacement, each with <c>rng.Next(n)</c>: the library's
    /// <see cref="Bootstrap.SampleIndices(int, Random)"/> (lecture 06).</summary>
    internal static int[] BootstrapReference(int n, Random rng) => Bootstrap.SampleIndices(n, rng);

    /// <summary>
    /// Checks <c>BootstrapIndices(n, rng)</c>: the length, the range, draws WITH replacement (the fraction of distinct
    /// indices near 1 − (1 − 1/n)ⁿ ≈ 63%, not 100% as for a permutation), and that the indices come from <c>rng</c>.
    /// </summary>
    public static CheckResult BootstrapIndices(Func<int, Random, int[]> bootstrapIndices, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        // Repeats > 1: the student's function is called that many times on one rng and the draws are joined, so that
        // every index of a small data set must turn up (a range that misses n − 1 cannot hide).
        var cases = new List<CheckCase<(int N, int Seed, int Repeats)>>
        {
            new((1, 1, 1), 1), new((2, 2, 1), 2), new((2, 5, 200), 2), new((3, 6, 200), 3), new((5, 7, 100), 5),
            new((500, 3, 1), 500), new((2000, 4, 1), 2000),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < Math.Min(options.RandomCases / 10, 60); i++)
        {
            int n = rng.Next(3) == 0 ? 1 + rng.Next(10) : 200 + rng.Next(3000);
            cases.Add(new((n, rng.Next(), n <= 10 ? 100 : 1), n));
        }

        var check = new FunctionCheck<(int N, int Seed, int Repeats), int[]>
        {
            Name = "bootstrap_indices",
            Call = input => input.Repeats == 1 ? $"BootstrapIndices(n = {input.N}, rng)" : $"BootstrapIndices(n = {input.N}, rng), called {input.Repeats} times",
            Reference = input => BootstrapReference(input.N * input.Repeats, new Random(input.Seed)),
            Cases = cases,
            Compare = (input, _, got) => CheckResample(input.N, input.Repeats, got),
            Verified = "n = 1, every index 0 … n − 1 turning up, the share of distinct indices and its dependence on rng",
            Criterion = "share of distinct indices within 5 standard errors of 1 − (1 − 1/n)ⁿ",
            Hint = "draw n times rng.Next(n): every draw may repeat an index drawn before.",
            Diagnose = (input, _, got) =>
                got.Length == input.N && input.N > 20 && got.Distinct().Count() == input.N
                    ? "every index appears exactly once: that is a permutation (drawing without replacement). A bootstrap " +
                      "sample draws WITH replacement, so about 37% of the examples are missing and others repeat."
                    : null,
            // For n = 2 a range one too short also repeats one sample; only all wrong answers together tell the two apart.
            DiagnoseAll = wrong =>
                wrong.All(w => w.Got.Length == w.Input.N * w.Input.Repeats && w.Input.N > 1 && w.Got.All(i => i < w.Input.N - 1))
                && wrong.Any(w => !SameSampleEveryCall(w.Input.N, w.Input.Repeats, w.Got))
                    ? "the last index n − 1 never appears: rng.Next(n) already excludes n, so do not pass n − 1."
                : wrong.All(w => SameSampleEveryCall(w.Input.N, w.Input.Repeats, w.Got))
                    ? "every call returned the same sample: your indices do not depend on rng. Draw each index with rng.Next(n)." : null,
        };
        var result = check.Run(input =>
        {
            var shared = new Random(input.Seed);
            var draws = new List<int>();
            for (int r = 0; r < input.Repeats; r++)
            {
                int[]? sample = bootstrapIndices(input.N, shared);
                if (sample is null) return null!;
                draws.AddRange(sample);
            }
            return [.. draws];
        }, options);
        return Report(result.Passed ? BootstrapUsesTheGivenRandom(bootstrapIndices, result, options) : result);
    }

    private static bool SameSampleEveryCall(int n, int repeats, int[] got) =>
        repeats > 1 && got.Length == n * repeats && got.Chunk(n).All(c => c.SequenceEqual(got.Take(n)));

    private static Mismatch? CheckResample(int n, int repeats, int[] got)
    {
        if (got.Length != n * repeats) return new Mismatch($"{n} indices", $"{got.Length / repeats} indices", "a bootstrap sample has as many draws as there are examples");
        int bad = Array.FindIndex(got, i => i < 0 || i >= n);
        if (bad >= 0) return new Mismatch($"indices in 0 … {n - 1}", $"{got[bad]} at position {bad % n}", "an index outside the data set");
        if (repeats > 1)
        {
            // P(an index never turns up in n·repeats draws) ≤ n(1 − 1/n)^(n·repeats) < 1e-17 for these cases.
            int missing = Enumerable.Range(0, n).FirstOrDefault(i => !got.Contains(i), -1);
            return missing < 0 ? null
                : new Mismatch($"every index 0 … {n - 1} in {repeats} samples", $"index {missing} never drawn", "some examples can never be drawn");
        }
        if (n < 100) return null;
        // The number of examples never drawn is a sum of n dependent indicators with P = (1 − 1/n)ⁿ; their variance is
        // below the binomial n·P·(1 − P), so 5 binomial standard errors is a conservative band.
        double expected = 1 - Math.Pow(1 - 1.0 / n, n), distinct = (double)got.Distinct().Count() / n;
        double standardError = Math.Sqrt(expected * (1 - expected) / n);
        return Math.Abs(distinct - expected) <= 5 * standardError ? null
            : new Mismatch($"a share of distinct indices ≈ {Show.Number(expected)}", Show.Number(distinct),
                $"more than 5 standard errors ({Show.Number(5 * standardError)}) away");
    }

    private static CheckResult BootstrapUsesTheGivenRandom(Func<int, Random, int[]> bootstrapIndices, CheckResult passed, CheckOptions options)
    {
        string tag = options.Kind == CheckKind.Public ? "[public check]" : "[hidden test]";
        CheckResult Fail(string why) => passed with { Status = CheckStatus.Failed, FailedCases = 1, Message = $"✗ bootstrap_indices {tag}: {why}" };
        try
        {
            var first = bootstrapIndices(50, new Random(options.Seed + 7));
            var again = bootstrapIndices(50, new Random(options.Seed + 7));
            var other = bootstrapIndices(50, new Random(options.Seed + 8));
            if (!first.SequenceEqual(again))
                return Fail("two calls with the same seeded rng gave different samples. Hint: draw every index from the rng you are given; new Random() inside makes runs impossible to reproduce.");
            if (first.SequenceEqual(other))
                return Fail("two differently seeded rngs gave the same sample: your indices do not depend on rng. Hint: draw each index with rng.Next(n).");
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return Fail($"BootstrapIndices(50, rng) threw {error.GetType().Name} “{error.Message}”.");
        }
        return passed;
    }

    /// <summary>A fitting procedure for bagging: given training inputs and targets, returns the fitted function.</summary>
    private sealed record Fitter(string Name, Func<double[], double[], Func<double, double>> Fit);

    private sealed record BaggingInput(Fitter Fitter, double[] X, double[] Y, double[] Test, int Members, int Seed);

    private static readonly Fitter[] Fitters =
    [
        new("the mean of the targets", (_, y) => { double mean = y.Average(); return _ => mean; }),
        new("a least-squares line", FitLine),
        new("the nearest neighbour", (x, y) => t => y[NearestIndex(x, t)]),
    ];

    private static Func<double, double> FitLine(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxx = x.Sum(v => (v - mx) * (v - mx));
        if (sxx == 0) return _ => my; // every draw of this resample is the same input: no slope to fit
        double slope = x.Zip(y, (u, v) => (u - mx) * (v - my)).Sum() / sxx;
        return t => my + slope * (t - mx);
    }

    /// <summary>The index of the input closest to t; ties go to the earlier index.</summary>
    private static int NearestIndex(double[] x, double t)
    {
        int best = 0;
        for (int i = 1; i < x.Length; i++) if (Math.Abs(x[i] - t) < Math.Abs(x[best] - t)) best = i;
        return best;
    }

    /// <summary>
    /// Bagging: for each of the members, draw a bootstrap sample with <c>rng.Next(n)</c> n times (member after member,
    /// from one rng), fit on the resampled pairs, and average the members' predictions at the test inputs.
    /// </summary>
    internal static double[] BaggingReference(Func<double[], double[], Func<double, double>> fit, double[] x, double[] y,
        double[] test, int members, Random rng)
    {
        var sum = new double[test.Length];
        for (int m = 0; m < members; m++)
        {
            int[] draw = BootstrapReference(x.Length, rng);
            var model = fit(draw.Select(i => x[i]).ToArray(), draw.Select(i => y[i]).ToArray());
            for (int k = 0; k < test.Length; k++) sum[k] += model(test[k]);
        }
        return sum.Select(s => s / members).ToArray();
    }

    /// <summary>
    /// Checks <c>BaggedPrediction(fit, x, y, xTest, members, rng)</c>. Student and reference get identically seeded
    /// generators, so the same resamples; <c>BootstrapIndices</c> is the student's own (part 1).
    /// </summary>
    public static CheckResult BaggedPrediction(
        Func<Func<double[], double[], Func<double, double>>, double[], double[], double[], int, Random, double[]> baggedPrediction,
        CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<BaggingInput>>
        {
            Case(Fitters[0], [0.0], [2.0], [0.5], 1, 1),                     // one example: every resample is that example
            Case(Fitters[0], [0.0, 1.0], [0.0, 1.0], [0.5], 1, 2),           // one member
            Case(Fitters[1], [0.0, 0.5, 1.0], [0.0, 1.0, 0.0], [0.0, 1.0], 5, 3),
            Case(Fitters[2], [0.1, 0.4, 0.7, 0.9], [1.0, -1.0, 2.0, 0.5], [0.0, 0.5, 1.0], 20, 4),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < Math.Min(options.RandomCases / 4, 150); i++)
        {
            int n = 1 + rng.Next(25), tests = 1 + rng.Next(8);
            double[] x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            double[] y = x.Select(v => Math.Sin(6 * v) + 0.3 * rng.NextGaussian()).ToArray();
            double[] test = Enumerable.Range(0, tests).Select(_ => rng.NextDouble() * 1.2 - 0.1).ToArray();
            cases.Add(Case(Fitters[rng.Next(Fitters.Length)], x, y, test, 2 + rng.Next(30), rng.Next()));
        }

        var check = new FunctionCheck<BaggingInput, double[]>
        {
            Name = "bagged_prediction",
            Call = input => $"BaggedPrediction(fit = {input.Fitter.Name}, x = {Show.Vector(input.X)}, y = {Show.Vector(input.Y)}, xTest = {Show.Vector(input.Test)}, members = {input.Members}, rng)",
            Reference = input => BaggingReference(input.Fitter.Fit, input.X, input.Y, input.Test, input.Members, new Random(input.Seed)),
            Cases = cases,
            Copy = input => input with { X = CaseMaker.Copy(input.X), Y = CaseMaker.Copy(input.Y), Test = CaseMaker.Copy(input.Test) },
            InputFingerprint = input => Show.Fingerprint(input.X) + ";" + Show.Fingerprint(input.Y) + ";" + Show.Fingerprint(input.Test),
            Compare = (_, expected, got) => Compare.Vector(expected, got, new Tolerance(1e-9, 1e-12)),
            Verified = "one example, one member, constant, linear and nearest-neighbour fits, and up to 31 members",
            Hint = "for each member: draw its bootstrap indices with BootstrapIndices(n, rng), fit on the resampled pairs " +
                   "(x[i], y[i]), predict every test input; then average the members' predictions.",
            // One case can match two slips by coincidence (a resample that fits like another); all wrong answers cannot.
            DiagnoseAll = wrong => BaggingSlips.Select(slip => (slip.Hint, Fits: wrong.All(w =>
                    w.Got.Length == w.Input.Test.Length && slip.Prediction(w.Input) is { } candidate
                    && Compare.Vector(candidate, w.Got, new Tolerance(1e-9, 1e-12)) is null)))
                .FirstOrDefault(s => s.Fits).Hint,
            Diagnose = (input, _, got) =>
            {
                if (got.Length != input.Test.Length) return null;
                bool Is(double[] candidate) => Compare.Vector(candidate, got, new Tolerance(1e-9, 1e-12)) is null;
                var fullFit = input.Fitter.Fit(input.X, input.Y);
                if (input.X.Length > 1 && Is(input.Test.Select(fullFit).ToArray()))
                    return "that is one model fit on all the data: each member must be fit on its own bootstrap sample.";
                if (input.Members > 1)
                {
                    var firstOnly = BaggingReference(input.Fitter.Fit, input.X, input.Y, input.Test, 1, new Random(input.Seed));
                    if (Is(firstOnly))
                        return "that is the first member's prediction: draw a NEW bootstrap sample for every member (inside the loop) and average all of them.";
                    var rng = new Random(input.Seed);
                    for (int m = 0; m < input.Members - 1; m++) BootstrapReference(input.X.Length, rng);
                    if (Is(BaggingReference(input.Fitter.Fit, input.X, input.Y, input.Test, 1, rng)))
                        return "that is the last member's prediction alone: average the predictions of all members.";
                    var full = BaggingReference(input.Fitter.Fit, input.X, input.Y, input.Test, input.Members, new Random(input.Seed));
                    if (Is(full.Select(v => v * input.Members).ToArray())) return "divide the sum of the members' predictions by the number of members.";
                }
                return null;
            },
        };
        return Report(check.Run(input =>
            baggedPrediction(input.Fitter.Fit, input.X, input.Y, input.Test, input.Members, new Random(input.Seed)), options));

        static CheckCase<BaggingInput> Case(Fitter fitter, double[] x, double[] y, double[] test, int members, int seed) =>
            new(new BaggingInput(fitter, x, y, test, members, seed), 2 * x.Length + test.Length + members);
    }

    /// <summary>Typical bagging slips: what each would predict (null where it cannot be told apart), and the hint.</summary>
    private static readonly (Func<BaggingInput, double[]?> Prediction, string Hint)[] BaggingSlips =
    [
        (input => input.X.Length > 1 ? input.Test.Select(input.Fitter.Fit(input.X, input.Y)).ToArray() : null,
            "that is one model fit on all the data: each member must be fit on its own bootstrap sample."),
        (input => input.Members > 1 ? BaggingReference(input.Fitter.Fit, input.X, input.Y, input.Test, 1, new Random(input.Seed)) : null,
            "that is the first member's prediction: draw a NEW bootstrap sample for every member (inside the loop) and average all of them."),
        (input =>
        {
            if (input.Members == 1) return null;
            var rng = new Random(input.Seed);
            for (int m = 0; m < input.Members - 1; m++) BootstrapReference(input.X.Length, rng);
            return BaggingReference(input.Fitter.Fit, input.X, input.Y, input.Test, 1, rng);
        }, "that is the last member's prediction alone: average the predictions of all members."),
    ];

    private sealed record MixupInput(Matrix X, int[] Labels, int Classes, double Lambda, int[] Partners);

    /// <summary>Row i becomes λ·xᵢ + (1 − λ)·x_partner(i); its target puts mass λ on labelᵢ and 1 − λ on label_partner(i).</summary>
    internal static (Matrix Inputs, Matrix Targets) MixupReference(Matrix x, int[] labels, int classes, double lambda, int[] partners)
    {
        var inputs = new Matrix(x.Rows, x.Cols);
        var targets = new Matrix(x.Rows, classes);
        for (int i = 0; i < x.Rows; i++)
        {
            int j = partners[i];
            Mixup.Mix(x.Row(i), x.Row(j), lambda, inputs.Row(i));         // the library's λ·a + (1 − λ)·b
            targets[i, labels[i]] += lambda;
            targets[i, labels[j]] += 1 - lambda;
        }
        return (inputs, targets);
    }

    private static List<CheckCase<MixupInput>> MixupCases(CheckOptions options)
    {
        var cases = new List<CheckCase<MixupInput>>
        {
            Case(Matrix.RowVector(1.0, 2.0), [0], 2, 0.3, [0]),                                   // its own partner: unchanged
            Case(Matrix.FromRows([[1.0], [3.0]]), [0, 1], 2, 1.0, [1, 0]),                         // λ = 1: the originals
            Case(Matrix.FromRows([[1.0], [3.0]]), [0, 1], 2, 0.0, [1, 0]),                         // λ = 0: the partners
            Case(Matrix.FromRows([[1.0, 0.0], [0.0, 1.0]]), [1, 1], 3, 0.25, [1, 0]),             // same label: one-hot
            Case(Matrix.FromRows([[2.0, -1.0], [0.0, 4.0], [1.0, 1.0]]), [0, 2, 1], 3, 0.7, [2, 0, 1]),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int rows = 1 + rng.Next(6), cols = 1 + rng.Next(5), classes = 2 + rng.Next(5);
            var x = new Matrix(rows, cols, CaseMaker.Vector(rng, rows * cols));
            int[] labels = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
            int[] partners = Enumerable.Range(0, rows).OrderBy(_ => rng.Next()).ToArray();
            cases.Add(Case(x, labels, classes, Math.Round(rng.NextDouble(), 3), partners));
        }
        return cases;

        static CheckCase<MixupInput> Case(Matrix x, int[] labels, int classes, double lambda, int[] partners) =>
            new(new MixupInput(x, labels, classes, lambda, partners), x.Length + labels.Length);
    }

    private static string MixupCall(MixupInput input) =>
        $"Mixup(x = {Show.Vector(input.X.Data)} ({input.X.Shape}), labels = [{string.Join(", ", input.Labels)}], classes = {input.Classes}, " +
        $"λ = {Show.Number(input.Lambda)}, partners = [{string.Join(", ", input.Partners)}])";

    private static MixupInput CopyMixup(MixupInput input) =>
        input with { X = input.X.Clone(), Labels = [.. input.Labels], Partners = [.. input.Partners] };

    private static string MixupFingerprint(MixupInput input) =>
        Show.Fingerprint(input.X.Data) + ";" + string.Join(",", input.Labels) + ";" + string.Join(",", input.Partners);

    /// <summary>Checks the mixed inputs of the student's <c>Mixup</c>.</summary>
    public static CheckResult MixupInputs(Func<Matrix, int[], int, double, int[], (Matrix Inputs, Matrix Targets)> mixup, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<MixupInput, Matrix>
        {
            Name = "mixup_inputs",
            Call = MixupCall,
            Reference = input => MixupReference(input.X, input.Labels, input.Classes, input.Lambda, input.Partners).Inputs,
            Cases = MixupCases(options),
            Copy = CopyMixup,
            InputFingerprint = MixupFingerprint,
            Compare = (_, expected, got) => CompareMatrices(expected, got, Tolerance.Exact),
            Verified = "λ = 0 and 1, a row that is its own partner, and 1 × 1 to 6 × 5 batches",
            Hint = "row i of the mixed batch is λ times row i plus (1 − λ) times the row of its partner.",
            Diagnose = (input, expected, got) =>
                got.Rows == expected.Rows && got.Cols == expected.Cols
                && CompareMatrices(MixupReference(input.X, input.Labels, input.Classes, 1 - input.Lambda, input.Partners).Inputs, got, Tolerance.Exact) is null
                    ? "λ and 1 − λ are swapped: λ weighs the example itself, 1 − λ its partner." : null,
        };
        return Report(check.Run(input => mixup(input.X, input.Labels, input.Classes, input.Lambda, input.Partners).Inputs, options));
    }

    /// <summary>Checks the soft targets of the student's <c>Mixup</c>.</summary>
    public static CheckResult MixupTargets(Func<Matrix, int[], int, double, int[], (Matrix Inputs, Matrix Targets)> mixup, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<MixupInput, Matrix>
        {
            Name = "mixup_targets",
            Call = MixupCall,
            Reference = input => MixupReference(input.X, input.Labels, input.Classes, input.Lambda, input.Partners).Targets,
            Cases = MixupCases(options),
            Copy = CopyMixup,
            InputFingerprint = MixupFingerprint,
            Compare = (_, expected, got) => CompareMatrices(expected, got, Tolerance.Exact),
            Verified = "λ = 0 and 1, partners with the same label (mass 1 on it), and 2 to 6 classes",
            Hint = "the target of row i is a probability vector over the classes: λ on its own label and 1 − λ on its partner's label.",
            // At λ = 0 swapped weights and unmixed labels give the same answer; across all wrong answers they differ.
            DiagnoseAll = wrong =>
                wrong.All(w => Matches(w.Got, MixupReference(w.Input.X, w.Input.Labels, w.Input.Classes, 1, w.Input.Partners).Targets))
                    ? "those are the original one-hot labels: mix the labels with the same λ as the inputs."
                : wrong.All(w => Matches(w.Got, MixupReference(w.Input.X, w.Input.Labels, w.Input.Classes, 1 - w.Input.Lambda, w.Input.Partners).Targets))
                    ? "λ and 1 − λ are swapped: λ goes to the example's own label." : null,
            Diagnose = (input, expected, got) =>
            {
                if (got.Rows != expected.Rows || got.Cols != expected.Cols)
                    return got.Rows == expected.Rows ? $"a target row has one entry per class: {input.Classes} columns." : null;
                if (CompareMatrices(MixupReference(input.X, input.Labels, input.Classes, 1 - input.Lambda, input.Partners).Targets, got, Tolerance.Exact) is null)
                    return "λ and 1 − λ are swapped: λ goes to the example's own label.";
                if (CompareMatrices(MixupReference(input.X, input.Labels, input.Classes, 1, input.Partners).Targets, got, Tolerance.Exact) is null)
                    return "those are the original one-hot labels: mix the labels with the same λ as the inputs.";
                if (Enumerable.Range(0, got.Rows).Any(i => got.Row(i).ToArray().Sum() is var s && Math.Abs(s - 1) > 1e-9))
                    return "each target row must sum to 1 (λ + (1 − λ)); when both labels are the same class, both shares go to it (add, do not overwrite).";
                return null;
            },
        };
        return Report(check.Run(input => mixup(input.X, input.Labels, input.Classes, input.Lambda, input.Partners).Targets, options));
    }

    private static bool Matches(Matrix got, Matrix candidate) =>
        got.Rows == candidate.Rows && got.Cols == candidate.Cols && CompareMatrices(candidate, got, Tolerance.Exact) is null;

    private sealed record EnsembleInput(double[][] Members, double[] Targets);

    /// <summary>
    /// The three terms of the ambiguity decomposition (Krogh and Vedelsby), each averaged over the n inputs:
    /// the ensemble mean's squared error, the members' average squared error, and the members' average squared spread
    /// about the ensemble mean. The identity: ensemble error = average member error − diversity.
    /// </summary>
    internal static (double EnsembleError, double AverageMemberError, double Diversity) AmbiguityReference(double[][] members, double[] targets)
    {
        // The library's decomposition (lecture 06) on one-column predictions: the same three averages over the n inputs.
        var terms = AmbiguityDecomposition.Of([.. members.Select(Matrix.ColumnVector)], Matrix.ColumnVector(targets));
        return (terms.EnsembleError, terms.AverageMemberError, terms.Diversity);
    }

    /// <summary>Checks <c>AmbiguityTerms(memberPredictions, targets)</c>: the three terms, each to relative error 1e-9.</summary>
    public static CheckResult AmbiguityTerms(
        Func<double[][], double[], (double EnsembleError, double AverageMemberError, double Diversity)> ambiguityTerms,
        CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<EnsembleInput>>
        {
            Case([[1.0]], [0.0]),                                  // one member: no diversity
            Case([[1.0], [3.0]], [2.0]),                           // the mean is exact: ensemble error 0, diversity 1
            Case([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]], [0.0, 0.0]), // identical members: no diversity
            Case([[0.0, 1.0], [2.0, -1.0]], [1.0, 1.0]),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int count = 1 + rng.Next(8), n = 1 + rng.Next(10);
            double[] targets = CaseMaker.Vector(rng, n);
            double spread = Math.Pow(10, rng.NextDouble() * 3 - 2);
            double[][] members = Enumerable.Range(0, count).Select(_ => targets.Select(t => t + spread * rng.NextGaussian()).ToArray()).ToArray();
            cases.Add(Case(members, targets));
        }
        var tolerance = new Tolerance(1e-9, 1e-12);

        var check = new FunctionCheck<EnsembleInput, (double EnsembleError, double AverageMemberError, double Diversity)>
        {
            Name = "ambiguity_terms",
            Call = input => $"AmbiguityTerms({input.Members.Length} members {string.Join(" ", input.Members.Take(3).Select(m => Show.Vector(m, 6)))}{(input.Members.Length > 3 ? " …" : "")}, targets = {Show.Vector(input.Targets)})",
            Reference = input => AmbiguityReference(input.Members, input.Targets),
            Cases = cases,
            Copy = input => new EnsembleInput(input.Members.Select(m => CaseMaker.Copy(m)).ToArray(), CaseMaker.Copy(input.Targets)),
            InputFingerprint = input => string.Join(";", input.Members.Select(m => Show.Fingerprint(m))) + "|" + Show.Fingerprint(input.Targets),
            Compare = (_, expected, got) =>
                Compare.Scalar(expected.EnsembleError, got.EnsembleError, tolerance) is { } e ? e with { Detail = "the ensemble error: " + e.Detail }
                : Compare.Scalar(expected.AverageMemberError, got.AverageMemberError, tolerance) is { } a ? a with { Detail = "the average member error: " + a.Detail }
                : Compare.Scalar(expected.Diversity, got.Diversity, tolerance) is { } d ? d with { Detail = "the diversity: " + d.Detail }
                : null,
            Tolerance = tolerance,
            Verified = "one member, identical members, an exact ensemble mean and up to 8 members",
            Hint = "average over the inputs: (mean prediction − target)², the members' mean of (prediction − target)², and " +
                   "the members' mean of (prediction − mean prediction)².",
            Diagnose = (input, expected, got) =>
            {
                int count = input.Members.Length;
                if (count > 1 && Near(got.Diversity, expected.Diversity * count / (count - 1)))
                    return "the diversity divides by M (the members' average), not M − 1.";
                if (expected.AverageMemberError != expected.Diversity && Near(got.Diversity, expected.AverageMemberError))
                    return "the diversity is the spread about the ENSEMBLE MEAN, not about the target.";
                if (input.Targets.Length > 1 && Near(got.EnsembleError, expected.EnsembleError * input.Targets.Length))
                    return "average the squared errors over the inputs (divide by n), do not sum them.";
                if (Near(got.EnsembleError, expected.AverageMemberError) && expected.Diversity > 0)
                    return "the ensemble error is the error of the AVERAGED prediction, not the average of the errors.";
                return null;
            },
        };
        return Report(check.Run(input => ambiguityTerms(input.Members, input.Targets), options));

        static CheckCase<EnsembleInput> Case(double[][] members, double[] targets) =>
            new(new EnsembleInput(members, targets), members.Sum(m => m.Length) + targets.Length);
    }
}
