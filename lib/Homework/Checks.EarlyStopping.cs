using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>
/// Checks for homework 3 (early stopping): gradient descent on least squares, its spectral filter next to ridge's,
/// and the stopping rule with patience. The references are plain loops written here, internal to the library.
/// </summary>
public static partial class Checks
{
    private sealed record DescentInput(Matrix X, double[] Y, double LearningRate, int Steps, string Description);

    /// <summary>
    /// Checks <c>GradientDescentWeights(X, y, η, t)</c>: the weights after t steps of gradient descent from w = 0 on
    /// L(w) = (1/2n)‖Xw − y‖², against a plain loop (relative error ≤ 1e-6: summation order differs over many steps).
    /// </summary>
    public static CheckResult GradientDescentWeights(Func<Matrix, double[], double, int, double[]> gradientDescentWeights, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var tiny = Matrix.FromRows([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]);
        double[] tinyY = [1.0, -2.0, 0.5];
        var cases = new List<CheckCase<DescentInput>>
        {
            Case(new DescentInput(tiny, tinyY, 0.2, 0, "t = 0: w stays 0")),
            Case(new DescentInput(tiny, tinyY, 0.2, 1, "one step")),
            Case(new DescentInput(Matrix.FromRows([[2.0]]), [3.0], 0.25, 1, "one number, η·s = 1: one step lands on the solution")),
            Case(new DescentInput(tiny, tinyY, 0.2, 200, "200 steps (close to least squares)")),
            Case(new DescentInput(Matrix.FromRows([[1.0, 2.0, 0.0, 1.0]]), [1.0], 0.1, 30, "one example, four weights (n < d)")),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < Math.Max(options.RandomCases / 20, 5); i++)
        {
            int n = 1 + rng.Next(30), d = 1 + rng.Next(8);
            var x = new Matrix(n, d, CaseMaker.Vector(rng, n * d));
            var y = CaseMaker.Vector(rng, n);
            // η·s_max ≤ η·trace(XᵀX/n) = c < 2: every case converges, some with overshoot (c > 1).
            double trace = x.Data.Sum(v => v * v) / n;
            double c = 0.05 + 1.85 * rng.NextDouble();
            cases.Add(Case(new DescentInput(x, y, trace > 0 ? c / trace : 0.1, rng.Next(150), $"{n} × {d} problem")));
        }

        var check = new FunctionCheck<DescentInput, double[]>
        {
            Name = "gradient_descent_weights",
            Call = input => $"GradientDescentWeights(X {input.X.Shape}, y, η = {Show.Number(input.LearningRate)}, t = {input.Steps}) [{input.Description}]",
            Reference = input => ReferenceDescent(input, input.LearningRate, input.Steps),
            Cases = cases,
            Copy = input => input with { X = input.X.Clone(), Y = CaseMaker.Copy(input.Y) },
            InputFingerprint = input => Show.Fingerprint([.. input.X.Data, .. input.Y]),
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Iterative),
            Tolerance = Tolerance.Iterative,
            Verified = "t = 0, one step, n < d and random problems with and without overshoot; X and y are left unchanged",
            Hint = "start from w = 0 (one weight per column of X); each step moves w against the gradient of the mean loss, " +
                   "whose data term is averaged over the n rows.",
            Diagnose = DiagnoseDescent,
        };
        return Report(check.Run(input => gradientDescentWeights(input.X, input.Y, input.LearningRate, input.Steps), options));

        static CheckCase<DescentInput> Case(DescentInput input) => new(input, input.X.Length * 1e3 + input.Steps);
    }

    private static string? DiagnoseDescent(DescentInput input, double[] expected, double[] got)
    {
        if (got.Length != input.X.Cols) return $"return one weight per column of X ({input.X.Cols} here), not {got.Length}.";
        bool Matches(double learningRate, int steps) =>
            steps >= 0 && Compare.Vector(ReferenceDescent(input, learningRate, steps), got, Tolerance.Iterative) is null;
        if (Matches(-input.LearningRate, input.Steps)) return "the sign is flipped: gradient DEscent subtracts η times the gradient.";
        if (input.X.Rows > 1 && Matches(input.LearningRate * input.X.Rows, input.Steps))
            return "the gradient is n times too large: L averages over the n examples, so its gradient is Xᵀ(Xw − y)/n.";
        if (Matches(2 * input.LearningRate, input.Steps))
            return "the gradient is twice too large: the ½ in (1/2n)‖Xw − y‖² cancels the 2 from differentiating the square.";
        if (Matches(input.LearningRate, input.Steps - 1) || Matches(input.LearningRate, input.Steps + 1))
            return "off by one step: t = 0 means no update at all, t = 1 exactly one.";
        return null;
    }

    /// <summary>w ← w − η·Xᵀ(Xw − y)/n, t times from w = 0 (the answer key of part 1, hence internal).</summary>
    internal static double[] ReferenceDescent(Matrix x, double[] y, double learningRate, int steps) =>
        ReferenceDescent(new DescentInput(x, y, learningRate, steps, ""), learningRate, steps);

    private static double[] ReferenceDescent(DescentInput input, double learningRate, int steps)
    {
        int n = input.X.Rows, d = input.X.Cols;
        double[] x = input.X.Data, w = new double[d], gradient = new double[d];
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            for (int i = 0; i < n; i++)
            {
                double residual = -input.Y[i];                          // (Xw − y)ᵢ
                for (int j = 0; j < d; j++) residual += x[i * d + j] * w[j];
                for (int j = 0; j < d; j++) gradient[j] += x[i * d + j] * residual / n;
            }
            for (int j = 0; j < d; j++) w[j] -= learningRate * gradient[j];
        }
        return w;
    }

    /// <summary>Filters are closed forms; 1e-7 leaves room for Math.Pow(1 − ηs, t), which loses digits for large t.</summary>
    private static readonly Tolerance FilterTolerance = new(1e-7, 1e-12);

    /// <summary>
    /// Checks <c>GradientDescentFilter(s, η, t)</c>: the fraction of the least-squares solution's component along an
    /// eigenvector of XᵀX/n with eigenvalue s that t gradient-descent steps from w = 0 recover, 1 − (1 − ηs)ᵗ.
    /// </summary>
    public static CheckResult GradientDescentFilter(Func<double, double, int, double> gradientDescentFilter, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<(double S, double Eta, int T)>>
        {
            new((0.0, 0.1, 50), 1),            // a direction the data never see: nothing gets through
            new((2.0, 0.1, 0), 1),             // no step yet: nothing
            new((2.0, 0.5, 1), 1),             // η·s = 1: one step recovers the component exactly
            new((1.0, 0.5, 1), 1),             // η·s = ½, one step: half
            new((1.0, 0.5, 3), 1),             // three steps: 1 − ⅛
            new((3.0, 0.5, 4), 1),             // η·s = 1.5: overshoot, the sign alternates
            new((5.0, 0.5, 3), 1),             // η·s = 2.5 > 2: diverges
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            double eta = Math.Pow(10, -3 + 3 * rng.NextDouble());
            double etaS = rng.Next(10) == 0 ? 1.9 * rng.NextDouble() : Math.Pow(10, -4 + 4 * rng.NextDouble());
            cases.Add(new((etaS / eta, eta, rng.Next(10) == 0 ? rng.Next(4) : (int)Math.Pow(10, 4 * rng.NextDouble())), 3));
        }
        var check = new FunctionCheck<(double S, double Eta, int T), double>
        {
            Name = "gradient_descent_filter",
            Call = input => $"GradientDescentFilter(s = {Show.Number(input.S)}, η = {Show.Number(input.Eta)}, t = {input.T})",
            Reference = input => GdFilter(input.S, input.Eta, input.T),
            Cases = cases,
            Compare = (_, expected, got) => Compare.Scalar(expected, got, FilterTolerance),
            Tolerance = FilterTolerance,
            Verified = "s = 0, t = 0, η·s = 1, overshoot (1 < η·s < 2), divergence (η·s > 2) and t up to 10⁴",
            Hint = "write one gradient step in the eigenbasis of XᵀX/n: the component along u changes by a factor per step; " +
                   "unroll the recursion from w = 0 and compare the result with the least-squares component.",
            DiagnoseAll = failures => FirstHintForAll(failures,
                (f => CloseTo(f.Got, GdFilter(f.Input.S, f.Input.Eta, f.Input.T + 1))
                      || f.Input.T > 0 && CloseTo(f.Got, GdFilter(f.Input.S, f.Input.Eta, f.Input.T - 1)),
                 "off by one step: after t = 1 step the filter is η·s, after t = 0 steps it is 0."),
                (f => CloseTo(f.Got, 1 - f.Expected),
                 "that is the part still missing after t steps, (1 − ηs)ᵗ; the filter is the part that got through."),
                (f => CloseTo(f.Got, -ExpM1(-f.Input.Eta * f.Input.S * f.Input.T)),
                 "that is the continuous-time (gradient-flow) approximation 1 − e^{−ηst}; here t discrete steps are taken.")),
        };
        return Report(check.Run(input => gradientDescentFilter(input.S, input.Eta, input.T), options));
    }

    /// <summary>
    /// 1 − (1 − ηs)ᵗ = −expm1(t·log1p(−ηs)) for 0 ≤ ηs &lt; 1, accurate also when ηs is tiny and t large (the direct
    /// formula cancels there); the direct formula otherwise (overshoot and divergence, where nothing cancels).
    /// </summary>
    internal static double GdFilter(double s, double eta, int t)
    {
        double etaS = eta * s;
        return etaS is >= 0 and < 1 ? -ExpM1(t * LogOnePlus(-etaS)) : 1 - Math.Pow(1 - etaS, t);
    }

    /// <summary>log(1 + x), by its series where 1 + x would round away the digits of a small x.</summary>
    private static double LogOnePlus(double x) =>
        Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 - x * x * x * x / 4 : Math.Log(1 + x);

    /// <summary>eˣ − 1, by its series for small x (for the same reason).</summary>
    private static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;

    /// <summary>Checks <c>RidgeFilter(s, λ)</c>: the same fraction for the ridge solution (XᵀX/n + λI)⁻¹Xᵀy/n, s/(s + λ).</summary>
    public static CheckResult RidgeFilter(Func<double, double, double> ridgeFilter, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<(double S, double Lambda)>>
        {
            new((0.0, 0.5), 1), new((2.0, 0.0), 1), new((1.0, 1.0), 1), new((3.0, 1.0), 1), new((0.25, 4.0), 1),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
            cases.Add(new((Math.Pow(10, -4 + 6 * rng.NextDouble()), Math.Pow(10, -4 + 6 * rng.NextDouble())), 2));
        var check = new FunctionCheck<(double S, double Lambda), double>
        {
            Name = "ridge_filter",
            Call = input => $"RidgeFilter(s = {Show.Number(input.S)}, λ = {Show.Number(input.Lambda)})",
            Reference = input => input.S == 0 ? 0 : input.S / (input.S + input.Lambda),
            Cases = cases,
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Verified = "s = 0, λ = 0, s = λ and eigenvalues and λ over six decades",
            Hint = "in the eigenbasis the ridge solution divides each component of Xᵀy/n by s + λ instead of s; " +
                   "the filter is the ratio of the two.",
            DiagnoseAll = failures => FirstHintForAll(failures,
                (f => Near(f.Got, 1 - f.Expected), "that is λ/(s + λ), the fraction ridge removes; the filter is the fraction it keeps."),
                (f => f.Input.S == 0 || Near(f.Got, f.Expected / f.Input.S), "that is filter/s, the factor applied to Xᵀy/n; multiply by s.")),
        };
        return Report(check.Run(input => ridgeFilter(input.S, input.Lambda), options));
    }

    private sealed record StoppingInput(double[] Losses, int Patience);

    /// <summary>
    /// Checks <c>EarlyStoppingChoice(losses, P)</c> → (Best, Stop): the evaluation whose parameters early stopping
    /// restores (the first strict minimum so far) and the evaluation after which it stops (the P-th in a row without a
    /// strict improvement; the last one if that never happens). NaN never improves.
    /// </summary>
    public static CheckResult EarlyStoppingChoice(Func<double[], int, (int Best, int Stop)> earlyStoppingChoice, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<StoppingInput>>
        {
            Case([1.0], 1),                                   // one evaluation: it is best, and training ends there
            Case([3.0, 2.0, 1.0, 0.5], 1),                    // always improving: never stops early
            Case([3.0, 2.0, 2.5, 2.6, 1.0], 2),               // two in a row without improvement: stops at 3, never sees 1.0
            Case([3.0, 2.0, 2.5, 1.5, 1.8, 1.9, 2.0], 2),     // patience resets after an improvement
            Case([3.0, 2.0, 2.0, 2.0, 1.0], 2),               // a tie is not an improvement
            Case([2.0, 1.0, double.NaN, double.NaN, 0.5], 2), // NaN (diverged) never improves
            Case([5.0, 4.0, 4.5, 3.0], 5),                    // patience longer than the run
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            // A noisy U-shaped validation curve, rounded to two digits so ties happen.
            int n = 1 + rng.Next(40);
            double bottom = rng.NextDouble() * n, noise = rng.NextDouble() * 0.3;
            var losses = new double[n];
            for (int k = 0; k < n; k++)
            {
                losses[k] = Math.Round(1 + 0.01 * (k - bottom) * (k - bottom) + noise * rng.NextGaussian(), 2);
                if (rng.Next(60) == 0 && k > 0) losses[k] = double.NaN;
            }
            cases.Add(Case(losses, 1 + rng.Next(8)));
        }
        var check = new FunctionCheck<StoppingInput, (int Best, int Stop)>
        {
            Name = "early_stopping_choice",
            Call = input => $"EarlyStoppingChoice({Show.Vector(input.Losses, 12)}, P = {input.Patience})",
            Reference = input => ReferenceStopping(input, StoppingMistake.None),
            Cases = cases,
            Copy = input => input with { Losses = CaseMaker.Copy(input.Losses) },
            InputFingerprint = input => Show.Fingerprint(input.Losses),
            Compare = (_, expected, got) => expected == got ? null
                : new Mismatch($"(Best = {expected.Best}, Stop = {expected.Stop})", $"(Best = {got.Best}, Stop = {got.Stop})",
                    expected.Best != got.Best ? "the restored evaluation differs" : "the stopping evaluation differs"),
            Verified = "a single evaluation, runs that never stop, ties, NaN losses, patience resets and patience longer than the run",
            Criterion = "both indices exact",
            Hint = "walk through the losses in order, as training produces them: remember the best so far and count the " +
                   "evaluations since it; stop as soon as that count reaches P.",
            DiagnoseAll = failures => FirstHintForAll(failures,
                (f => f.Got == ReferenceStopping(f.Input, StoppingMistake.TiesImprove),
                 "you count a tie as an improvement: only a strictly lower loss is; the earlier of two equal losses is kept."),
                (f => f.Got == ReferenceStopping(f.Input, StoppingMistake.StopLate) || f.Got == ReferenceStopping(f.Input, StoppingMistake.StopEarly),
                 "the stopping evaluation is off by one: with P = 1 training stops at the first evaluation that does not improve."),
                (f => f.Got == ReferenceStopping(f.Input, StoppingMistake.NoPatience),
                 "you took the minimum of the whole run: early stopping cannot see the losses after it stops.")),
        };
        return Report(check.Run(input => earlyStoppingChoice(input.Losses, input.Patience), options));

        static CheckCase<StoppingInput> Case(double[] losses, int patience) => new(new StoppingInput(losses, patience), losses.Length + 1);
    }

    private enum StoppingMistake { None, TiesImprove, NoPatience, StopLate, StopEarly }

    private static (int Best, int Stop) ReferenceStopping(StoppingInput input, StoppingMistake mistake)
    {
        var losses = input.Losses;
        int patience = mistake switch { StoppingMistake.StopLate => input.Patience + 1, StoppingMistake.StopEarly => input.Patience - 1, _ => input.Patience };
        if (mistake == StoppingMistake.NoPatience) patience = int.MaxValue;
        int best = 0;
        for (int k = 1; k < losses.Length; k++)
        {
            bool improves = mistake == StoppingMistake.TiesImprove ? losses[k] <= losses[best] : losses[k] < losses[best];
            if (improves) best = k;                                   // NaN < x is false: a NaN never improves
            else if (k - best >= patience) return (best, k);
        }
        return (best, losses.Length - 1);
    }

    /// <summary>Early stopping's choice on a list of validation losses (the answer key of part 4, hence internal).</summary>
    internal static (int Best, int Stop) ReferenceEarlyStopping(double[] losses, int patience) =>
        ReferenceStopping(new StoppingInput(losses, patience), StoppingMistake.None);

    /// <summary>Within a relative 1e-6: loose enough to recognise a mistake computed in another way.</summary>
    private static bool CloseTo(double a, double b) => FilterTolerance.Accepts(b, a) || Math.Abs(a - b) <= 1e-6 * Math.Abs(b);

    /// <summary>
    /// The first hint whose pattern fits EVERY wrong answer: one case often fits several mistakes (at η·s = 1 the
    /// missing part and an off-by-one both give 0), all of them together rarely do.
    /// </summary>
    private static string? FirstHintForAll<TInput, TOutput>(
        IReadOnlyList<(TInput Input, TOutput Expected, TOutput Got)> failures,
        params (Func<(TInput Input, TOutput Expected, TOutput Got), bool> Fits, string Hint)[] patterns) =>
        patterns.FirstOrDefault(pattern => failures.All(pattern.Fits)).Hint;
}
