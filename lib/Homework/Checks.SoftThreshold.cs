using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Homework;

/// <summary>Checks for homework 1: soft-thresholding, the proximal-gradient L1 loop and the λ_max prediction.</summary>
public static partial class Checks
{
    private sealed record ThresholdInput(double[] Values, double Threshold);

    /// <summary>
    /// Checks <c>SoftThreshold(v, t)</c>, entry by entry sign(vᵢ)·max(|vᵢ| − t, 0), against
    /// <see cref="SoftThresholding.Apply"/>; the cases include entries exactly at ±t (the kink) and t = 0.
    /// </summary>
    public static CheckResult SoftThreshold(Func<double[], double, double[]> softThreshold, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<ThresholdInput>>
        {
            Case([], 1.0),
            Case([0.0], 0.5),                 // zero stays zero
            Case([2.0], 0.5),                 // a survivor shrinks by t
            Case([-2.0], 0.5),                // … towards zero from below as well
            Case([0.3], 0.5),                 // |v| < t: exactly zero
            Case([0.5], 0.5),                 // |v| = t: the boundary, exactly zero
            Case([-0.5], 0.5),
            Case([1.5, -0.2], 0.0),           // t = 0 changes nothing
            Case([1.0, -1.0, 0.25, -3.0], 1.0),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            double threshold = rng.NextDouble() * 2;
            var values = CaseMaker.Vector(rng, 1 + rng.Next(8));
            for (int j = 0; j < values.Length; j++)
            {
                int kind = rng.Next(4);                                   // a quarter of the entries sit on ±t exactly
                if (kind == 0) values[j] = rng.Next(2) == 0 ? threshold : -threshold;
                else if (kind == 1) values[j] = (rng.NextDouble() * 2 - 1) * threshold; // inside the dead zone
            }
            cases.Add(Case(values, threshold));
        }

        var check = new FunctionCheck<ThresholdInput, double[]>
        {
            Name = "soft_threshold",
            Call = input => $"SoftThreshold({Show.Vector(input.Values)}, t = {Show.Number(input.Threshold)})",
            Reference = input =>
            {
                var result = CaseMaker.Copy(input.Values);
                SoftThresholding.ApplyInPlace(result, input.Threshold);
                return result;
            },
            Cases = cases,
            Copy = input => input with { Values = CaseMaker.Copy(input.Values) },
            InputFingerprint = input => Show.Fingerprint(input.Values),
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Exact),
            Verified = "|v| = t boundaries, the dead zone |v| < t, t = 0 and negative entries; the input is left unchanged",
            Hint = "entry by entry: 0 if |vᵢ| ≤ t, otherwise vᵢ − t·sign(vᵢ).",
            Diagnose = DiagnoseSoftThreshold,
            DiagnoseAll = failures => failures.All(f => OnlyLastEntryWrong(f.Expected, f.Got))
                ? "only the last entry is ever wrong: does your loop stop one entry early (i < Length − 1 instead of i < Length)?"
                : null,
        };
        return Report(check.Run(input => softThreshold(input.Values, input.Threshold), options));

        static CheckCase<ThresholdInput> Case(double[] values, double threshold) =>
            new(new ThresholdInput(values, threshold), CaseMaker.Size(values, threshold));
    }

    private static string? DiagnoseSoftThreshold(ThresholdInput input, double[] expected, double[] got)
    {
        if (got.Length != expected.Length) return null;
        var wrong = Enumerable.Range(0, got.Length).Where(i => !Tolerance.Exact.Accepts(expected[i], got[i])).ToList();
        if (wrong.Count == 0) return null;
        if (wrong.All(i => input.Values[i] < 0))
            return "only negative entries are wrong: they must move up towards 0, vᵢ + t (use sign(vᵢ) or |vᵢ|).";
        if (wrong.All(i => got[i] == input.Values[i] && Math.Abs(input.Values[i]) > input.Threshold))
            return "the survivors were not shrunk: that is hard thresholding; soft thresholding also subtracts t·sign(vᵢ).";
        if (wrong.All(i => Math.Abs(Math.Abs(input.Values[i]) - input.Threshold) <= 1e-12 * Math.Max(input.Threshold, 1)))
            return "only entries with |vᵢ| = t are wrong: at the boundary the answer is exactly 0 (compare with ≤).";
        return null;
    }

    private static bool OnlyLastEntryWrong(double[] expected, double[] got)
    {
        if (got.Length != expected.Length || got.Length == 0) return false;
        for (int i = 0; i < got.Length - 1; i++)
            if (!Tolerance.Exact.Accepts(expected[i], got[i])) return false;
        return true;
    }

    private sealed record FitInput(Matrix X, double[] Y, double Lambda, double LearningRate, int Steps, string Description);

    /// <summary>
    /// Checks a proximal-gradient (ISTA) fit of (1/2n)‖Xw − y‖² + λ‖w‖₁ from w = 0: each step
    /// w ← S_{ηλ}(w − η·Xᵀ(Xw − y)/n). The reference is the library's <see cref="ProximalSgd"/> on the same gradients.
    /// Relative error ≤ 1e-6, since a different summation order changes the last digits over many steps.
    /// </summary>
    public static CheckResult ProximalL1Fit(Func<Matrix, double[], double, double, int, double[]> proximalL1Fit, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var tiny = Matrix.FromRows([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]);
        double[] tinyY = [2.0, -0.1, 1.9];
        var cases = new List<CheckCase<FitInput>>
        {
            Case(new FitInput(tiny, tinyY, 0.1, 0.3, 0, "steps = 0 (w stays 0)")),
            Case(new FitInput(tiny, tinyY, 0.1, 0.3, 1, "one step")),
            Case(new FitInput(tiny, tinyY, 0.0, 0.3, 50, "λ = 0 (plain gradient descent)")),
            Case(new FitInput(tiny, tinyY, 0.5, 0.3, 50, "λ = 0.5 (the small weight is zeroed)")),
            Case(new FitInput(tiny, tinyY, 10.0, 0.3, 50, "λ above λ_max (every weight is zero)")),
        };
        var rng = new Random(options.Seed);
        int problems = Math.Max(options.RandomCases / 20, 5);
        for (int i = 0; i < problems; i++)
        {
            int features = 2 + rng.Next(10);
            var problem = SparseRegressionProblem.Create(5 + rng.Next(40), features, 1 + rng.Next(features), 0.1, rng.Next());
            double lambdaMax = SparseRegressionProblem.LambdaMax(problem.X, problem.Y);
            cases.Add(Case(new FitInput(problem.X, problem.Y, lambdaMax * rng.NextDouble() * 1.2, 0.05, 20 + rng.Next(100),
                $"{problem.Examples} × {problem.Features} problem")));
        }

        var check = new FunctionCheck<FitInput, double[]>
        {
            Name = "proximal_l1_fit",
            Call = input => $"ProximalL1Fit(X {input.X.Shape}, λ = {Show.Number(input.Lambda)}, η = {Show.Number(input.LearningRate)}, " +
                            $"steps = {input.Steps}) [{input.Description}]",
            Reference = input => ReferenceProximalFit(input, thresholdScale: 1),
            Cases = cases,
            Copy = input => input with { X = input.X.Clone(), Y = CaseMaker.Copy(input.Y) },
            InputFingerprint = input => Show.Fingerprint([.. input.X.Data, .. input.Y]),
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Iterative),
            Tolerance = Tolerance.Iterative,
            Verified = "steps = 0, λ = 0, λ above λ_max and random sparse problems",
            Hint = "start from w = 0; each step computes g = Xᵀ(Xw − y)/n, then w ← SoftThreshold(w − η·g, η·λ) " +
                   "(this uses your SoftThreshold: if its check fails, fix that first).",
            Diagnose = (input, _, got) =>
                input.LearningRate != 1 && input.Lambda > 0 && Compare.Vector(ReferenceProximalFit(input, 1 / input.LearningRate), got, Tolerance.Iterative) is null
                    ? "the threshold must be η·λ (step size times λ), not λ."
                : input.Lambda > 0 && Compare.Vector(ReferenceProximalFit(input, 0), got, Tolerance.Iterative) is null
                    ? "your weights match plain gradient descent: apply SoftThreshold after every gradient step."
                : got.Length != input.X.Cols ? $"return one weight per feature ({input.X.Cols} here)."
                : null,
        };
        return Report(check.Run(input => proximalL1Fit(input.X, input.Y, input.Lambda, input.LearningRate, input.Steps), options));

        static CheckCase<FitInput> Case(FitInput input) => new(input, input.X.Length * 1e3 + input.Steps);
    }

    /// <summary>
    /// The reference lasso fit (proximal gradient from w = 0 through the library's <see cref="ProximalSgd"/>): the
    /// answer key of part 4, so internal — a student's notebook cannot call it.
    /// </summary>
    internal static double[] ReferenceLassoFit(Matrix x, double[] y, double lambda, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Errors.Guard.Equal(y.Length, x.Rows, nameof(y), "targets");
        Errors.Guard.NonNegative(steps, nameof(steps));
        return ReferenceProximalFit(new FitInput(x, y, lambda, learningRate, steps, ""), thresholdScale: 1);
    }

    /// <summary>
    /// ISTA through the library's ProximalSgd: the parameter's gradient is the least-squares gradient Xᵀ(Xw − y)/n,
    /// and the optimizer applies w ← S_{ηλ}(w − ηg). thresholdScale = 1 is the correct rule; the diagnosis
    /// replays common mistakes with other scales (1/η: threshold λ instead of ηλ; 0: no thresholding).
    /// </summary>
    private static double[] ReferenceProximalFit(FitInput input, double thresholdScale)
    {
        var weights = new Parameter("w", ParameterKind.Weight, new Matrix(input.X.Cols, 1));
        var optimizer = new ProximalSgd(input.LearningRate, input.Lambda * thresholdScale);
        int n = input.X.Rows, d = input.X.Cols;
        double[] x = input.X.Data, w = weights.Value.Data, gradient = weights.Gradient.Data;
        var residual = new double[n];
        for (int step = 0; step < input.Steps; step++)
        {
            for (int i = 0; i < n; i++)                           // r = Xw − y
            {
                double prediction = 0;
                for (int j = 0; j < d; j++) prediction += x[i * d + j] * w[j];
                residual[i] = prediction - input.Y[i];
            }
            Array.Clear(gradient);                                // g = Xᵀr / n
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++) gradient[j] += x[i * d + j] * residual[i];
            for (int j = 0; j < d; j++) gradient[j] /= n;
            optimizer.Step([weights]);
        }
        return weights.Value.Data;
    }

    private sealed record ProblemInput(Matrix X, double[] Y);

    /// <summary>
    /// Checks <c>PredictLambdaMax(X, y)</c> — the smallest λ at which the L1 fit of (X, y) is all zeros — against
    /// max_j |x_jᵀy| / n on several problems (relative error ≤ 1e-9).
    /// </summary>
    public static CheckResult LambdaMaxPrediction(Func<Matrix, double[], double> predictLambdaMax, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<ProblemInput>>
        {
            new(new ProblemInput(Matrix.FromRows([[1.0], [1.0]]), [1.0, 3.0]), 1),         // one feature: λ_max = |1 + 3|/2
            new(new ProblemInput(Matrix.FromRows([[1.0, 0.0], [0.0, -1.0]]), [1.0, 4.0]), 2), // the largest |x_jᵀy| wins, sign ignored
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < Math.Max(options.RandomCases / 20, 5); i++)
        {
            var problem = SparseRegressionProblem.Create(3 + rng.Next(40), 1 + rng.Next(12), 1, 0.5, rng.Next());
            cases.Add(new(new ProblemInput(problem.X, problem.Y), problem.X.Length));
        }
        var check = new FunctionCheck<ProblemInput, double>
        {
            Name = "lambda_max",
            Call = input => $"PredictLambdaMax(X = {Show.Vector(input.X.Data)} ({input.X.Shape}), y = {Show.Vector(input.Y)})",
            Reference = input => SparseRegressionProblem.LambdaMax(input.X, input.Y),
            Cases = cases,
            Copy = input => input with { X = input.X.Clone(), Y = CaseMaker.Copy(input.Y) },
            InputFingerprint = input => Show.Fingerprint([.. input.X.Data, .. input.Y]),
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Verified = "one-feature problems, negative correlations and random problems",
            Hint = "at w = 0 the gradient of the data term is −Xᵀy/n; the L1 subgradient can cancel entry j only if λ ≥ |x_jᵀy|/n.",
            Diagnose = (input, expected, got) =>
                Near(got, expected * input.X.Rows) ? "divide by n: the data term is (1/2n)‖Xw − y‖²."
                : Near(got, expected / 2) ? "no factor 1/2 here: the ½ in the data term cancels with the 2 from the square."
                : Near(-got, expected) ? "λ_max is the largest ABSOLUTE value |x_jᵀy|/n."
                : got < expected ? "too small: at your λ some weight can still lower the objective by leaving 0 — take the largest |x_jᵀy|/n over all features j."
                : null,
        };
        return Report(check.Run(input => predictLambdaMax(input.X, input.Y), options));
    }
}
