using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>
/// Checks for homework 4 (label smoothing and calibration), part 1–2: the smoothed cross-entropy of one example and
/// its gradient with respect to the logits, in both smoothing conventions. The reference is the library's
/// <see cref="SoftmaxCrossEntropy"/>, which has its own finite-difference tests.
/// </summary>
public static partial class Checks
{
    private sealed record SmoothingInput(double[] Logits, int Label, double Epsilon, LabelSmoothing Convention);

    private static List<CheckCase<SmoothingInput>> SmoothingCases(CheckOptions options)
    {
        double[] coursePage = [Math.Log(0.7), Math.Log(0.2), Math.Log(0.1)];
        var cases = new List<CheckCase<SmoothingInput>>
        {
            Case([0.0, 0.0], 0, 0.0, LabelSmoothing.SpreadOverOtherClasses),             // two equal logits: log 2
            Case([2.0, 1.0, 0.1], 0, 0.0, LabelSmoothing.SpreadOverAllClasses),          // ε = 0: plain cross-entropy
            Case(coursePage, 0, 0.1, LabelSmoothing.SpreadOverOtherClasses),             // the course page's example 3
            Case(coursePage, 0, 0.1, LabelSmoothing.SpreadOverAllClasses),               // … in PyTorch's convention
            Case([800.0, 0.0, -800.0], 1, 0.1, LabelSmoothing.SpreadOverOtherClasses),   // huge logits: exp overflows
            Case([800.0, 0.0, -800.0], 0, 0.1, LabelSmoothing.SpreadOverAllClasses),
            Case([1.0, -1.0, 0.5, 2.0], 3, 1.0, LabelSmoothing.SpreadOverOtherClasses),  // ε = 1: no mass on the label
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int classes = 2 + rng.Next(9);
            var convention = rng.Next(2) == 0 ? LabelSmoothing.SpreadOverOtherClasses : LabelSmoothing.SpreadOverAllClasses;
            cases.Add(Case(CaseMaker.Vector(rng, classes), rng.Next(classes), rng.Next(8) == 0 ? 0.0 : 0.5 * rng.NextDouble(), convention));
        }
        return cases;

        static CheckCase<SmoothingInput> Case(double[] logits, int label, double epsilon, LabelSmoothing convention) =>
            new(new SmoothingInput(logits, label, epsilon, convention), logits.Length + 2);
    }

    private static string SmoothingCall(string name, SmoothingInput input) =>
        $"{name}(z = {Show.Vector(input.Logits)}, label = {input.Label}, ε = {Show.Number(input.Epsilon)}, " +
        $"LabelSmoothing.{input.Convention})";

    private static SmoothingInput CopySmoothingInput(SmoothingInput input) => input with { Logits = CaseMaker.Copy(input.Logits) };

    /// <summary>The loss and gradient of the library's cross-entropy for one example (row) of logits.</summary>
    private static (double Loss, double[] Gradient) SmoothedReference(SmoothingInput input, double epsilon, LabelSmoothing convention)
    {
        var logits = new Matrix(1, input.Logits.Length, CaseMaker.Copy(input.Logits));
        var gradient = new Matrix(1, input.Logits.Length);
        double loss = new SoftmaxCrossEntropy(epsilon, convention).Compute(logits, [input.Label], gradient);
        return (loss, gradient.Data);
    }

    private static LabelSmoothing Other(LabelSmoothing convention) =>
        convention == LabelSmoothing.SpreadOverOtherClasses ? LabelSmoothing.SpreadOverAllClasses : LabelSmoothing.SpreadOverOtherClasses;

    /// <summary>Rounding in log-sum-exp scales with the largest logit, so the absolute floor does too.</summary>
    private static Tolerance LogitTolerance(SmoothingInput input) =>
        new(1e-9, 1e-12 * Math.Max(1, input.Logits.Max(Math.Abs)));

    /// <summary>
    /// Checks <c>SmoothedCrossEntropy(z, label, ε, convention)</c>: the cross-entropy −Σₖ ỹₖ log pₖ of p = softmax(z)
    /// against the smoothed target ỹ, in both conventions, including logits of ±800 (where exp overflows).
    /// </summary>
    public static CheckResult SmoothedCrossEntropy(Func<double[], int, double, LabelSmoothing, double> smoothedCrossEntropy, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<SmoothingInput, double>
        {
            Name = "smoothed_cross_entropy",
            Call = input => SmoothingCall("SmoothedCrossEntropy", input),
            Reference = input => SmoothedReference(input, input.Epsilon, input.Convention).Loss,
            Cases = SmoothingCases(options),
            Copy = CopySmoothingInput,
            InputFingerprint = input => Show.Fingerprint(input.Logits),
            Compare = (input, expected, got) => Compare.Scalar(expected, got, LogitTolerance(input)),
            Verified = "ε = 0, ε = 1, the course page's example, both conventions and logits of ±800; the logits are left unchanged",
            Hint = "build the smoothed target ỹ for the given convention, then −Σₖ ỹₖ·log pₖ with log pₖ computed from the logits.",
            Diagnose = (input, expected, got) =>
                !double.IsFinite(got) && double.IsFinite(expected)
                    ? "exp overflowed: e^z is +∞ in double precision for z above about 709. Subtract the largest logit before exponentiating " +
                      "(softmax does not change), or use log pₖ = zₖ − log Σⱼ e^{zⱼ} with that shift."
                : input.Epsilon > 0 && Near(got, SmoothedReference(input, input.Epsilon, Other(input.Convention)).Loss)
                    ? $"that is the other convention: LabelSmoothing.{input.Convention} puts " +
                      (input.Convention == LabelSmoothing.SpreadOverOtherClasses ? "ε/(K − 1) on each OTHER class and 1 − ε on the label."
                                                                                  : "ε/K on EVERY class, the label included (1 − ε + ε/K there).")
                : input.Epsilon > 0 && Near(got, SmoothedReference(input, 0, input.Convention).Loss)
                    ? "that is the loss without smoothing: the target must be the smoothed ỹ, not the one-hot vector."
                : Near(-got, expected) ? "the sign is flipped: cross-entropy is MINUS the weighted sum of log-probabilities."
                : null,
        };
        return Report(check.Run(input => smoothedCrossEntropy(input.Logits, input.Label, input.Epsilon, input.Convention), options));
    }

    /// <summary>
    /// Checks <c>SmoothedCrossEntropyGradient(z, label, ε, convention)</c>: ∂ℓ/∂zₖ of the same loss, a vector as long
    /// as z, in both conventions and at logits of ±800.
    /// </summary>
    public static CheckResult SmoothedCrossEntropyGradient(Func<double[], int, double, LabelSmoothing, double[]> smoothedCrossEntropyGradient, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<SmoothingInput, double[]>
        {
            Name = "smoothed_cross_entropy_gradient",
            Call = input => SmoothingCall("SmoothedCrossEntropyGradient", input),
            Reference = input => SmoothedReference(input, input.Epsilon, input.Convention).Gradient,
            Cases = SmoothingCases(options),
            Copy = CopySmoothingInput,
            InputFingerprint = input => Show.Fingerprint(input.Logits),
            Compare = (_, expected, got) => Compare.Vector(expected, got, new Tolerance(1e-9, 1e-12)),
            Verified = "ε = 0, ε = 1, the course page's example, both conventions and logits of ±800; the logits are left unchanged",
            Hint = "differentiate −Σₖ ỹₖ log pₖ with respect to each logit; use that ỹ sums to 1.",
            Diagnose = (input, expected, got) =>
                got.Length != expected.Length ? $"return one partial derivative per logit ({expected.Length} here)."
                : got.Any(v => !double.IsFinite(v))
                    ? "your gradient is not finite: exp overflowed at large logits. Compute softmax after subtracting the largest logit."
                : Compare.IsMultipleOf(expected, got, -1) ? "the sign is flipped: the gradient points towards LARGER loss."
                : input.Epsilon > 0 && Compare.Vector(SmoothedReference(input, input.Epsilon, Other(input.Convention)).Gradient, got, Tolerance.Exact) is null
                    ? $"that is the other convention's gradient: check the target ỹ of LabelSmoothing.{input.Convention}."
                : input.Epsilon > 0 && Compare.Vector(SmoothedReference(input, 0, input.Convention).Gradient, got, Tolerance.Exact) is null
                    ? "that is the gradient without smoothing: the target must be the smoothed ỹ, not the one-hot vector."
                : null,
        };
        return Report(check.Run(input => smoothedCrossEntropyGradient(input.Logits, input.Label, input.Epsilon, input.Convention), options));
    }
}
