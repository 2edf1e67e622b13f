using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Homework;

/// <summary>
/// Checks for homework 5 (implicit regularization): the modified loss of gradient descent and its gradient, a
/// gradient-descent run, the log-log slope that measures an order of agreement, and SGD's batch-variance term.
/// The references are written out here (internal), so an answer cell has nothing in scope to delegate to.
/// </summary>
public static partial class Checks
{
    /// <summary>One evaluation point: a 2-D loss (described for messages), a point φ and a step size α.</summary>
    private sealed record LossPoint(ISmoothLoss Loss, string LossName, double[] Phi, double Alpha);

    /// <summary>L̃(φ) = L(φ) + (α/4)‖∇L(φ)‖² (Prince eq. 9.20): the library's one definition, lecture 03's.</summary>
    internal static double ModifiedLossReference(ISmoothLoss loss, double[] phi, double alpha) =>
        GradientFlow.ModifiedLoss(loss, phi, alpha);

    /// <summary>∇L̃ = ∇L + (α/2)·H∇L (the library's <see cref="GradientFlow.ModifiedGradient"/>).</summary>
    internal static double[] ModifiedGradientReference(ISmoothLoss loss, double[] phi, double alpha) =>
        GradientFlow.ModifiedGradient(loss, phi, alpha);

    /// <summary>∇L + c·H∇L: c = α/2 is the right answer; other c recognise typical slips.</summary>
    private static double[] PlusScaledHessianTimesGradient(ISmoothLoss loss, double[] phi, double c)
    {
        double[] g = loss.Gradient(phi);
        double[,] h = loss.Hessian(phi);
        var result = new double[g.Length];
        for (int i = 0; i < g.Length; i++)
        {
            double hg = 0;
            for (int j = 0; j < g.Length; j++) hg += h[i, j] * g[j];
            result[i] = g[i] + c * hg;
        }
        return result;
    }

    /// <summary>The 2-D losses the checks use: valleys of random shape and tilted quadratic bowls.</summary>
    private static List<CheckCase<LossPoint>> LossPointCases(CheckOptions options, int randomCases)
    {
        var valley = new ValleyLoss();
        var bowl = new QuadraticBowl(2, 0.5, 0.3, [0.1, -0.2]);
        var cases = new List<CheckCase<LossPoint>>
        {
            Point(valley, "the default valley", [0.2, 0.9], 0.1),
            Point(valley, "the default valley", [0.5, 0.61], 0.1),       // on the floor: ∇L = 0, so L̃ = L
            Point(valley, "the default valley", [0.0, 0.7], 0.0),        // α = 0: L̃ = L
            Point(bowl, bowl.Name, [1.0, 1.0], 0.05),
            Point(bowl, bowl.Name, [0.1, -0.2], 0.3),                    // the bowl's minimum
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < randomCases; i++)
        {
            double alpha = rng.Next(6) == 0 ? 0 : Math.Pow(10, -3 + 2.5 * rng.NextDouble());
            if (rng.Next(2) == 0)
            {
                var loss = new ValleyLoss(rng.NextDouble() * 2 - 1, 0.1 + 0.4 * rng.NextDouble(), 3 * rng.NextDouble() - 1);
                string name = $"a valley (c = {Show.Number(loss.FloorHeight)}, s₀ = {Show.Number(loss.WidthAtZero)}, k = {Show.Number(loss.WideningRate)})";
                double[] phi = [rng.NextDouble() * 2 - 1, loss.FloorHeight + (rng.NextDouble() - 0.5) * 4 * loss.WidthAtZero];
                cases.Add(Point(loss, name, phi, alpha));
            }
            else
            {
                var loss = new QuadraticBowl(0.2 + 5 * rng.NextDouble(), 0.2 + 5 * rng.NextDouble(), rng.NextDouble() * 2 - 1,
                    [rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1]);
                cases.Add(Point(loss, loss.Name, [rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2], alpha));
            }
        }
        return cases;

        static CheckCase<LossPoint> Point(ISmoothLoss loss, string name, double[] phi, double alpha) =>
            new(new LossPoint(loss, name, phi, alpha), 3);
    }

    private static string LossPointArgs(LossPoint input) =>
        $"{input.LossName}, φ = {Show.Vector(input.Phi)}, α = {Show.Number(input.Alpha)}";

    /// <summary>Checks <c>ModifiedLoss(loss, φ, α)</c>, the value of L̃ = L + (α/4)‖∇L‖².</summary>
    public static CheckResult ModifiedLoss(Func<ISmoothLoss, double[], double, double> modifiedLoss, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<LossPoint, double>
        {
            Name = "modified_loss",
            Call = input => $"ModifiedLoss({LossPointArgs(input)})",
            Reference = input => ModifiedLossReference(input.Loss, input.Phi, input.Alpha),
            Cases = LossPointCases(options, options.RandomCases),
            Copy = input => input with { Phi = CaseMaker.Copy(input.Phi) },
            InputFingerprint = input => Show.Fingerprint(input.Phi),
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Verified = "a point on the valley floor, α = 0, valleys and tilted bowls",
            Hint = "the penalty is α/4 times the squared length of the gradient at φ, added to the loss at φ.",
            Diagnose = (input, _, got) =>
            {
                double value = input.Loss.Value(input.Phi);
                double[] g = input.Loss.Gradient(input.Phi);
                double squared = g.Sum(v => v * v);
                if (squared == 0 || input.Alpha == 0) return null;
                if (Near(got, value)) return "that is L alone: add the implicit penalty (α/4)‖∇L‖².";
                if (Near(got, value + input.Alpha / 4 * Math.Sqrt(squared))) return "‖∇L‖ is squared in the penalty: use the sum of squares, not its square root.";
                if (Near(got, value + input.Alpha / 2 * squared) || Near(got, value + input.Alpha * squared))
                    return "the factor in front of ‖∇L‖² is α/4.";
                if (Near(got, value - input.Alpha / 4 * squared)) return "the penalty is added, not subtracted: gradient descent is pushed away from steep places.";
                if (Near(got, value + input.Alpha / 4 * g.Sum())) return "square each component of ∇L before summing.";
                return null;
            },
        };
        return Report(check.Run(input => modifiedLoss(input.Loss, input.Phi, input.Alpha), options));
    }

    /// <summary>Checks <c>ModifiedGradient(loss, φ, α)</c> = ∇L̃ against ∇L + (α/2)H∇L.</summary>
    public static CheckResult ModifiedGradient(Func<ISmoothLoss, double[], double, double[]> modifiedGradient, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<LossPoint, double[]>
        {
            Name = "modified_gradient",
            Call = input => $"ModifiedGradient({LossPointArgs(input)})",
            Reference = input => ModifiedGradientReference(input.Loss, input.Phi, input.Alpha),
            Cases = LossPointCases(options, options.RandomCases),
            Copy = input => input with { Phi = CaseMaker.Copy(input.Phi) },
            InputFingerprint = input => Show.Fingerprint(input.Phi),
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Exact),
            Verified = "a point on the valley floor, α = 0, valleys and tilted bowls",
            Hint = "differentiate (α/4)‖∇L‖² = (α/4) Σᵢ (∂L/∂φᵢ)² with the chain rule: the Hessian appears.",
            Diagnose = (input, expected, got) =>
            {
                if (got.Length != expected.Length || input.Alpha == 0) return null;
                double[] g = input.Loss.Gradient(input.Phi);
                if (Compare.Vector(expected, g, Tolerance.Exact) is null) return null; // ∇L = 0 or H∇L = 0: nothing to tell apart
                bool Is(double[] candidate) => Compare.Vector(candidate, got, Tolerance.Exact) is null;
                if (Is(g)) return "that is ∇L alone: the penalty (α/4)‖∇L‖² has a gradient too.";
                if (Is(PlusScaledHessianTimesGradient(input.Loss, input.Phi, input.Alpha / 4)))
                    return "∇‖∇L‖² = 2H∇L (the derivative of a square brings a factor 2): the correction is (α/2)H∇L.";
                if (Is(PlusScaledHessianTimesGradient(input.Loss, input.Phi, input.Alpha)))
                    return "(α/4)·2H∇L = (α/2)H∇L: the correction is half of what you have.";
                if (Is(PlusScaledHessianTimesGradient(input.Loss, input.Phi, -input.Alpha / 2)))
                    return "the correction (α/2)H∇L is added to ∇L, not subtracted.";
                if (Is(g.Select(v => v * (1 + input.Alpha / 2)).ToArray()))
                    return "the correction is the Hessian times the gradient, H∇L, not the gradient itself.";
                return null;
            },
        };
        return Report(check.Run(input => modifiedGradient(input.Loss, input.Phi, input.Alpha), options));
    }

    private sealed record RunInput(LossPoint Start, int Steps);

    /// <summary>φₜ₊₁ = φₜ − α∇L(φₜ), <paramref name="steps"/> times.</summary>
    internal static double[] GradientDescentReference(ISmoothLoss loss, double[] start, double alpha, int steps)
    {
        double[] phi = CaseMaker.Copy(start);
        for (int s = 0; s < steps; s++)
        {
            double[] g = loss.Gradient(phi);
            for (int i = 0; i < phi.Length; i++) phi[i] -= alpha * g[i];
        }
        return phi;
    }

    /// <summary>Checks <c>GradientDescentRun(loss, start, α, steps)</c>: the end point of plain gradient descent.</summary>
    public static CheckResult GradientDescentRun(Func<ISmoothLoss, double[], double, int, double[]> gradientDescentRun, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var points = LossPointCases(options, Math.Min(options.RandomCases, 200));
        var rng = new Random(options.Seed + 1);
        var cases = new List<CheckCase<RunInput>>
        {
            new(new RunInput(points[0].Input, 0), 1), // no steps: the start itself
            new(new RunInput(points[0].Input, 1), 2),
            new(new RunInput(points[3].Input, 3), 3),
        };
                foreach (var point in points.Skip(1))
            cases.Add(new(new RunInput(point.Input with { Alpha = Math.Min(point.Input.Alpha, StableStep(point.Input)) }, 1 + rng.Next(60)), 10));

        // α·curvature ≤ ½ everywhere on the path: no oscillation that would amplify a rounding difference.
        static double StableStep(LossPoint point) =>
            point.Loss is ValleyLoss valley ? 0.5 * Math.Pow(valley.Width(point.Phi[0]), 2) : 0.05;

        var check = new FunctionCheck<RunInput, double[]>
        {
            Name = "gradient_descent_run",
            Call = input => $"GradientDescentRun({input.Start.LossName}, start = {Show.Vector(input.Start.Phi)}, α = {Show.Number(input.Start.Alpha)}, steps = {input.Steps})",
            Reference = input => GradientDescentReference(input.Start.Loss, input.Start.Phi, input.Start.Alpha, input.Steps),
            Cases = cases,
            Copy = input => input with { Start = input.Start with { Phi = CaseMaker.Copy(input.Start.Phi) } },
            InputFingerprint = input => Show.Fingerprint(input.Start.Phi),
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Iterative),
            Tolerance = Tolerance.Iterative,
            Verified = "steps = 0 (the start), one step and runs of up to 60 steps",
            Hint = "repeat steps times: evaluate the gradient at the current point, then move against it by α times it.",
            Diagnose = (input, _, got) =>
            {
                var (loss, start, alpha) = (input.Start.Loss, input.Start.Phi, input.Start.Alpha);
                bool Is(double[] candidate) => Compare.Vector(candidate, got, Tolerance.Iterative) is null;
                if (input.Steps > 0 && Is(GradientDescentReference(loss, start, alpha, input.Steps - 1)))
                    return "one step too few: the loop must run exactly `steps` times.";
                if (Is(GradientDescentReference(loss, start, alpha, input.Steps + 1)))
                    return "one step too many: the loop must run exactly `steps` times.";
                if (input.Steps > 0 && alpha > 0 && Is(GradientDescentReference(loss, start, -alpha, input.Steps)))
                    return "that is gradient ascent: step against the gradient, φ − α∇L.";
                return null;
            },
        };
        return Report(check.Run(input => gradientDescentRun(input.Start.Loss, input.Start.Phi, input.Start.Alpha, input.Steps), options));
    }

    private sealed record SlopeInput(double[] X, double[] Y);

    /// <summary>The least-squares slope of ln y against ln x (the exponent k of a power law y ≈ c·xᵏ).</summary>
    internal static double LogLogSlopeReference(double[] x, double[] y) => LeastSquaresSlope(x.Select(v => Math.Log(v)).ToArray(), y.Select(v => Math.Log(v)).ToArray());

    private static double LeastSquaresSlope(double[] u, double[] v)
    {
        double mu = u.Average(), mv = v.Average();
        double covariance = 0, spread = 0;
        for (int i = 0; i < u.Length; i++)
        {
            covariance += (u[i] - mu) * (v[i] - mv);
            spread += (u[i] - mu) * (u[i] - mu);
        }
        return covariance / spread;
    }

    /// <summary>Checks <c>LogLogSlope(x, y)</c> on exact power laws and on noisy ones (where only least squares is right).</summary>
    public static CheckResult LogLogSlope(Func<double[], double[], double> logLogSlope, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<SlopeInput>>
        {
            Case([1, 10], [1, 100]),                        // two points of y = x²: slope 2
            Case([0.001, 0.01, 0.1], [2e-9, 2e-6, 2e-3]),   // y = 2x³ over two decades
            Case([1, 2, 4, 8], [5, 5, 5, 5]),               // a constant: slope 0
            Case([1, 2, 3, 4], [1, 3, 2, 5]),               // noisy: least squares differs from the end points
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int count = 2 + rng.Next(12);
            double exponent = Math.Round(rng.NextDouble() * 8 - 4, 2), scale = Math.Pow(10, rng.NextDouble() * 6 - 3);
            double noise = rng.Next(3) == 0 ? 0 : 0.3 * rng.NextDouble();
            double low = rng.NextDouble() * 6 - 4, decades = 0.5 + 3 * rng.NextDouble();
            double[] x = Enumerable.Range(0, count).Select(k => Math.Pow(10, low + decades * (k + 0.5 * rng.NextDouble()) / count)).ToArray();
            double[] y = x.Select(v => scale * Math.Pow(v, exponent) * Math.Exp(noise * rng.NextGaussian())).ToArray();
            cases.Add(Case(x, y));
        }

        var check = new FunctionCheck<SlopeInput, double>
        {
            Name = "log_log_slope",
            Call = input => $"LogLogSlope(x = {Show.Vector(input.X)}, y = {Show.Vector(input.Y)})",
            Reference = input => LogLogSlopeReference(input.X, input.Y),
            Cases = cases,
            Copy = input => new SlopeInput(CaseMaker.Copy(input.X), CaseMaker.Copy(input.Y)),
            InputFingerprint = input => Show.Fingerprint(input.X) + ";" + Show.Fingerprint(input.Y),
            Compare = (_, expected, got) => Compare.Scalar(expected, got, new Tolerance(1e-9, 1e-9)),
            Tolerance = new Tolerance(1e-9, 1e-9),
            Verified = "two points, a constant, exact power laws over decades and noisy data",
            Hint = "take logarithms of both coordinates and fit a straight line by least squares; return its slope.",
            Diagnose = (input, expected, got) =>
            {
                double[] lx = input.X.Select(v => Math.Log(v)).ToArray(), ly = input.Y.Select(v => Math.Log(v)).ToArray();
                int last = lx.Length - 1;
                if (last > 1 && Near(got, (ly[last] - ly[0]) / (lx[last] - lx[0])))
                    return "that is the slope through the first and last points only: fit all points by least squares.";
                if (expected != 0 && Near(got, LeastSquaresSlope(ly, lx)))
                    return "you regressed log x on log y: the slope is the change of log y per unit of log x.";
                if (Near(got, LeastSquaresSlope(input.X, input.Y)))
                    return "that is the slope of y against x: take logarithms first.";
                return null;
            },
        };
        return Report(check.Run(input => logLogSlope(input.X, input.Y), options));

        static CheckCase<SlopeInput> Case(double[] x, double[] y) => new(new SlopeInput(x, y), 2 * x.Length);
    }

    private sealed record BatchInput(double[][] Gradients, int BatchSize, double Alpha);

    /// <summary>
    /// SGD's batch-variance term (Prince eq. 9.9) from per-example gradients: consecutive blocks of
    /// <paramref name="batchSize"/> examples are the B batches; ∇L_b is the mean gradient of batch b and ∇L the mean of
    /// all; the term is (α/4B) Σ_b ‖∇L_b − ∇L‖².
    /// </summary>
    internal static double BatchVarianceReference(double[][] gradients, int batchSize, double alpha) =>
        BatchVariance(gradients, batchSize, alpha, batchScale: 1);

    /// <summary>The term with each batch's mean gradient multiplied by <paramref name="batchScale"/> (batchSize: the sum slip).</summary>
    private static double BatchVariance(double[][] gradients, int batchSize, double alpha, double batchScale)
    {
        int dimension = gradients[0].Length, batches = gradients.Length / batchSize;
        double[] Mean(IEnumerable<double[]> rows)
        {
            var list = rows.ToList();
            var mean = new double[dimension];
            foreach (var row in list)
                for (int i = 0; i < dimension; i++) mean[i] += row[i] / list.Count;
            return mean;
        }
        double[] full = Mean(gradients);
        double sum = 0;
        for (int b = 0; b < batches; b++)
        {
            double[] batch = Mean(gradients.Skip(b * batchSize).Take(batchSize));
            for (int i = 0; i < dimension; i++) sum += (batchScale * batch[i] - full[i]) * (batchScale * batch[i] - full[i]);
        }
        return alpha / (4.0 * batches) * sum;
    }

    /// <summary>Checks <c>BatchVarianceTerm(exampleGradients, batchSize, α)</c>.</summary>
    public static CheckResult BatchVarianceTerm(Func<double[][], int, double, double> batchVarianceTerm, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<BatchInput>>
        {
            Case([[1.0, 2.0], [3.0, -1.0]], 2, 0.1),                  // one batch: it is the full gradient, term 0
            Case([[1.0], [3.0]], 1, 1.0),                             // two batches of one: (1/8)(1 + 1) = 0.25
            Case([[2.0, 2.0], [2.0, 2.0], [2.0, 2.0], [2.0, 2.0]], 2, 0.5), // identical examples: 0
            Case([[1.0], [0.0], [0.0], [1.0]], 2, 1.0),               // batches that agree although examples differ: 0
            Case([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [2.0, 2.0], [0.0, 0.0]], 2, 0.2),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int batchSize = 1 + rng.Next(4), batches = 1 + rng.Next(6), dimension = 1 + rng.Next(4);
            double scale = Math.Pow(10, rng.NextDouble() * 4 - 2);
            double[][] gradients = Enumerable.Range(0, batchSize * batches)
                .Select(_ => Enumerable.Range(0, dimension).Select(_ => scale * rng.NextGaussian()).ToArray()).ToArray();
            cases.Add(Case(gradients, batchSize, Math.Pow(10, rng.NextDouble() * 3 - 2)));
        }

        var check = new FunctionCheck<BatchInput, double>
        {
            Name = "batch_variance_term",
            Call = input => $"BatchVarianceTerm({input.Gradients.Length} example gradients {string.Join(" ", input.Gradients.Take(4).Select(g => Show.Vector(g, 6)))}{(input.Gradients.Length > 4 ? " …" : "")}, batch size {input.BatchSize}, α = {Show.Number(input.Alpha)})",
            Reference = input => BatchVarianceReference(input.Gradients, input.BatchSize, input.Alpha),
            Cases = cases,
            Copy = input => input with { Gradients = input.Gradients.Select(g => CaseMaker.Copy(g)).ToArray() },
            InputFingerprint = input => string.Join(";", input.Gradients.Select(g => Show.Fingerprint(g))),
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Verified = "one batch (term 0), batches of one, identical examples and batches that agree",
            Hint = "a batch's gradient is the MEAN of its examples' gradients; the term is α/4 times the average over " +
                   "batches of the squared distance between a batch's gradient and the full-batch gradient.",
            Diagnose = (input, expected, got) =>
            {
                if (input.BatchSize > 1 && Near(got, BatchVariance(input.Gradients, input.BatchSize, input.Alpha, input.BatchSize)))
                    return "a batch's gradient is the mean of its examples' gradients, not their sum.";
                if (input.BatchSize > 1 && Near(got, BatchVarianceReference(input.Gradients, 1, input.Alpha)))
                    return "that is the variance of single examples' gradients: first average each batch of batchSize examples.";
                if (expected == 0) return null;
                int batches = input.Gradients.Length / input.BatchSize;
                if (Near(got, expected * 4 / input.Alpha)) return "multiply by α/4: the term is a penalty of size proportional to the step.";
                if (batches > 1 && Near(got, expected * batches)) return "average over the B batches (divide the sum by B).";
                if (Near(got, expected / input.BatchSize)) return "divide by the number of batches B, not by the number of examples.";
                return null;
            },
        };
        return Report(check.Run(input => batchVarianceTerm(input.Gradients, input.BatchSize, input.Alpha), options));

        static CheckCase<BatchInput> Case(double[][] gradients, int batchSize, double alpha) =>
            new(new BatchInput(gradients, batchSize, alpha), gradients.Sum(g => g.Length));
    }

    /// <summary>
    /// A tilted quadratic bowl L(φ) = ½ (φ − m)ᵀ A (φ − m) with A = [[a, c], [c, b]] made positive definite:
    /// its Hessian is the constant A, so H∇L = A²(φ − m).
    /// </summary>
    private sealed class QuadraticBowl : ISmoothLoss
    {
        private readonly double a, b, c;
        private readonly double[] minimum;

        public QuadraticBowl(double a, double b, double c, double[] minimum)
        {
            (this.a, this.b, this.minimum) = (a, b, minimum);
            this.c = Math.Clamp(c, -0.9 * Math.Sqrt(a * b), 0.9 * Math.Sqrt(a * b));
            Name = $"the bowl ½(φ − m)ᵀA(φ − m), A = [[{Show.Number(a)}, {Show.Number(this.c)}], [{Show.Number(this.c)}, {Show.Number(b)}]], m = {Show.Vector(minimum)}";
        }

        public string Name { get; }

        public int Dimension => 2;

        public double Value(double[] phi)
        {
            double u = phi[0] - minimum[0], v = phi[1] - minimum[1];
            return 0.5 * (a * u * u + 2 * c * u * v + b * v * v);
        }

        public double[] Gradient(double[] phi)
        {
            double u = phi[0] - minimum[0], v = phi[1] - minimum[1];
            return [a * u + c * v, c * u + b * v];
        }

        public double[,] Hessian(double[] phi) => new double[,] { { a, c }, { c, b } };
    }
}
