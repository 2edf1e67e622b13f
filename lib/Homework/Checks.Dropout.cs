using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>
/// Checks for homework 2 (dropout). Masks are <c>keep</c> matrices of 0 (dropped) and 1 (kept); p is the
/// probability of DROPPING, as in the library's <see cref="Dropout"/> layer, which is the reference.
/// </summary>
public static partial class Checks
{
    private sealed record MaskInput(Matrix Values, Matrix Keep, double P);

    private static List<CheckCase<MaskInput>> MaskCases(CheckOptions options)
    {
        var cases = new List<CheckCase<MaskInput>>
        {
            Case(Matrix.RowVector(2.0), Matrix.RowVector(1.0), 0.5),                   // one kept unit: doubled at p = 0.5
            Case(Matrix.RowVector(2.0), Matrix.RowVector(0.0), 0.5),                   // one dropped unit: zero
            Case(Matrix.RowVector(1.0, -2.0), Matrix.RowVector(1.0, 1.0), 0.0),        // p = 0: the identity
            Case(Matrix.RowVector(1.0, -2.0, 3.0), Matrix.RowVector(1.0, 0.0, 1.0), 0.2),
            Case(Matrix.FromRows([[1.0, 2.0], [3.0, 4.0]]), Matrix.FromRows([[0.0, 1.0], [1.0, 0.0]]), 0.9),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int rows = 1 + rng.Next(4), cols = 1 + rng.Next(6);
            double p = rng.Next(5) == 0 ? 0.0 : rng.NextDouble() * 0.95;
            var values = new Matrix(rows, cols, CaseMaker.Vector(rng, rows * cols));
            var keep = new Matrix(rows, cols);
            for (int k = 0; k < keep.Length; k++) keep.Data[k] = rng.NextDouble() < p ? 0.0 : 1.0;
            cases.Add(Case(values, keep, p));
        }
        return cases;

        static CheckCase<MaskInput> Case(Matrix values, Matrix keep, double p) =>
            new(new MaskInput(values, keep, p), CaseMaker.Size(values.Data, p));
    }

    private static string MaskArgs(MaskInput input) =>
        $"{Show.Vector(input.Values.Data)} ({input.Values.Shape}), keep = {Show.Vector(input.Keep.Data)}, p = {Show.Number(input.P)}";

    private static MaskInput CopyMaskInput(MaskInput input) =>
        input with { Values = input.Values.Clone(), Keep = input.Keep.Clone() };

    /// <summary>The library's inverted dropout with a fixed mask: forward gives x ⊙ keep/(1−p); backward δ ⊙ keep/(1−p).</summary>
    private static Dropout FixedDropout(MaskInput input)
    {
        var layer = new Dropout(input.P, new Random(0));
        layer.FixMask(input.Keep);
        return layer;
    }

    private static string? DiagnoseMaskScaling(MaskInput input, double[] expected, double[] got, string what)
    {
        if (input.P > 0 && Compare.IsMultipleOf(expected, got, 1 - input.P))
            return $"missing the 1/(1−p) scaling: {what} must be divided by 1 − p = {Show.Number(1 - input.P)}.";
        if (input.P > 0 && Compare.IsMultipleOf(expected, got, (1 - input.P) * (1 - input.P)))
            return "you multiplied by (1 − p); inverted dropout divides by (1 − p).";
        if (Compare.IsMultipleOf(expected, got, -1)) return "the sign is flipped.";
        return null;
    }

    /// <summary>Checks <c>DropoutForward(x, keep, p) = x ⊙ keep / (1 − p)</c> against the library's Dropout layer.</summary>
    public static CheckResult DropoutForward(Func<Matrix, Matrix, double, Matrix> dropoutForward, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<MaskInput, Matrix>
        {
            Name = "dropout_forward",
            Call = input => $"DropoutForward(x = {MaskArgs(input)})",
            Reference = input => FixedDropout(input).Forward(input.Values, training: true).Clone(),
            Cases = MaskCases(options),
            Copy = CopyMaskInput,
            InputFingerprint = input => Show.Fingerprint([.. input.Values.Data, .. input.Keep.Data]),
            Compare = (_, expected, got) => CompareMatrices(expected, got, Tolerance.Exact),
            Verified = "p = 0, a single dropped unit, p = 0.9 and 1 × 1 to 4 × 6 shapes",
            Hint = "every entry becomes xᵢⱼ·keepᵢⱼ/(1 − p): dropped units are 0, kept ones are scaled up.",
            Diagnose = (input, expected, got) =>
                Compare.IsMultipleOf(expected.Data, got.Data, 1) ? null
                : got.Rows == expected.Rows && got.Cols == expected.Cols
                    ? DiagnoseMaskScaling(input, expected.Data, got.Data, "the kept activations (so that E[output] = input)")
                      ?? (Compare.Vector(Masked(input, invert: true), got.Data, Tolerance.Exact) is null
                          ? "you kept the units where keep = 0: keep = 1 means the unit survives." : null)
                    : null,
        };
        return Report(check.Run(input => dropoutForward(input.Values, input.Keep, input.P), options));
    }

    private static double[] Masked(MaskInput input, bool invert)
    {
        var result = new double[input.Values.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = input.Values.Data[i] * (invert ? 1 - input.Keep.Data[i] : input.Keep.Data[i]) / (1 - input.P);
        return result;
    }

    /// <summary>Checks <c>DropoutBackward(δ, keep, p) = δ ⊙ keep / (1 − p)</c> against the library's Dropout.Backward.</summary>
    public static CheckResult DropoutBackward(Func<Matrix, Matrix, double, Matrix> dropoutBackward, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<MaskInput, Matrix>
        {
            Name = "dropout_backward",
            Call = input => $"DropoutBackward(δ = {MaskArgs(input)})",
            Reference = input =>
            {
                var layer = FixedDropout(input);
                layer.Forward(new Matrix(input.Values.Rows, input.Values.Cols), training: true);
                return layer.Backward(input.Values).Clone();
            },
            Cases = MaskCases(options),
            Copy = CopyMaskInput,
            InputFingerprint = input => Show.Fingerprint([.. input.Values.Data, .. input.Keep.Data]),
            Compare = (_, expected, got) => CompareMatrices(expected, got, Tolerance.Exact),
            Verified = "p = 0, a single dropped unit, p = 0.9 and 1 × 1 to 4 × 6 shapes",
            Hint = "the forward pass multiplies by keep/(1 − p), a constant for a fixed mask, so the gradient is δ ⊙ keep/(1 − p).",
            Diagnose = (input, expected, got) =>
                got.Rows == expected.Rows && got.Cols == expected.Cols
                    ? DiagnoseMaskScaling(input, expected.Data, got.Data, "the gradient of kept units")
                      ?? (Compare.Vector(input.Values.Data, got.Data, Tolerance.Exact) is null
                          ? "you returned δ unchanged: dropped units pass no gradient back, kept ones pass δ/(1 − p)." : null)
                    : null,
        };
        return Report(check.Run(input => dropoutBackward(input.Values, input.Keep, input.P), options));
    }

    /// <summary>
    /// The fixed-mask gradient check: for L(x) = Σ cᵢⱼ·DropoutForward(x, keep, p)ᵢⱼ with random weights c, compares
    /// DropoutBackward(c, keep, p) with central differences (L(x + h) − L(x − h)) / 2h of the student's own forward pass.
    /// Relative error ≤ 1e-6 (a central difference of a linear function is exact up to rounding).
    /// </summary>
    public static CheckResult DropoutGradientCheck(
        Func<Matrix, Matrix, double, Matrix> dropoutForward, Func<Matrix, Matrix, double, Matrix> dropoutBackward,
        CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var tolerance = new Tolerance(1e-6, 1e-8);
        // Both sides come from the student's code: the numerical gradient of their forward pass and their backward
        // pass. The reference only supplies the expected shape; Compare looks at the pair.
        var check = new FunctionCheck<MaskInput, GradientPair>
        {
            Name = "dropout_gradient_check",
            Call = input => $"the gradient at x = {MaskArgs(input)}",
            Reference = input => new GradientPair(input.Values, input.Values),
            Cases = MaskCases(options with { RandomCases = Math.Min(options.RandomCases, 40) }),
            Copy = CopyMaskInput,
            InputFingerprint = input => Show.Fingerprint([.. input.Values.Data, .. input.Keep.Data]),
            Compare = (_, _, got) => got.Analytic is null
                ? new Mismatch("a matrix", "null", "DropoutBackward returned null")
                : CompareMatrices(got.Numeric, got.Analytic, tolerance) is { } mismatch
                    ? mismatch with { Expected = mismatch.Expected + " (finite differences of your forward pass)",
                                      Got = mismatch.Got + " (your backward pass)" }
                    : null,
            Tolerance = tolerance,
            Verified = "fixed masks with p from 0 to 0.95",
            Criterion = "your backward pass equals central differences of your forward pass to relative error ≤ 1e-6",
            Hint = "forward and backward disagree: backward must multiply δ by exactly the factor forward multiplies x by.",
            Diagnose = (input, _, got) =>
                got.Analytic is not null && got.Analytic.Rows == got.Numeric.Rows && got.Analytic.Cols == got.Numeric.Cols
                    ? DiagnoseMaskScaling(input, got.Numeric.Data, got.Analytic.Data, "the backward pass") : null,
        };
        return Report(check.Run(input => new GradientPair(
            NumericalGradient(input, dropoutForward),
            dropoutBackward(Weights(input), input.Keep.Clone(), input.P)), options));
    }

    private sealed record GradientPair(Matrix Numeric, Matrix Analytic);

    /// <summary>The fixed random weights c of the scalar test function L(x) = Σ c ⊙ forward(x).</summary>
    private static Matrix Weights(MaskInput input)
    {
        var rng = new Random(input.Values.Rows * 31 + input.Values.Cols);
        var c = new Matrix(input.Values.Rows, input.Values.Cols);
        for (int i = 0; i < c.Length; i++) c.Data[i] = rng.NextDouble() * 2 - 1;
        return c;
    }

    private static Matrix NumericalGradient(MaskInput input, Func<Matrix, Matrix, double, Matrix> forward)
    {
        var c = Weights(input);
        var gradient = new Matrix(input.Values.Rows, input.Values.Cols);
        for (int i = 0; i < gradient.Length; i++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(input.Values.Data[i]));
            var plus = input.Values.Clone();
            plus.Data[i] += h;
            var minus = input.Values.Clone();
            minus.Data[i] -= h;
            double lossPlus = Dot(c, forward(plus, input.Keep.Clone(), input.P));
            double lossMinus = Dot(c, forward(minus, input.Keep.Clone(), input.P));
            gradient.Data[i] = (lossPlus - lossMinus) / (2 * h);
        }
        return gradient;
    }

    private static double Dot(Matrix a, Matrix b)
    {
        if (b is null || a.Rows != b.Rows || a.Cols != b.Cols)
            throw new ArgumentException($"DropoutForward returned {(b is null ? "null" : b.Shape)}; the input was {a.Shape}.");
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a.Data[i] * b.Data[i];
        return sum;
    }

    private static Mismatch? CompareMatrices(Matrix expected, Matrix got, Tolerance tolerance) =>
        got.Rows != expected.Rows || got.Cols != expected.Cols
            ? new Mismatch($"a {expected.Shape} matrix", $"a {got.Shape} matrix", "wrong shape: return a matrix shaped like the input")
            : Compare.Vector(expected.Data, got.Data, tolerance);
}
