using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Homework;

/// <summary>Checks for homework 1 (L1 and L2): the reference answers come from the library's regularizers.</summary>
public static partial class Checks
{
    private sealed record VectorLambda(double[] W, double Lambda);

    private static List<CheckCase<VectorLambda>> VectorLambdaCases(CheckOptions options)
    {
        var cases = new List<CheckCase<VectorLambda>>
        {
            Case(new VectorLambda([], 0.5)),                   // empty vector: the penalty of nothing is 0
            Case(new VectorLambda([3.0], 0.0)),                // λ = 0: no penalty at all
            Case(new VectorLambda([0.0, 0.0], 2.0)),           // w = 0
            Case(new VectorLambda([-2.0], 1.0)),               // a negative weight
            Case(new VectorLambda([1.0, -2.0, 3.0], 0.1)),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
            cases.Add(Case(new VectorLambda(CaseMaker.Vector(rng, 1 + rng.Next(12)), rng.NextDouble() * 2)));
        return cases;

        static CheckCase<VectorLambda> Case(VectorLambda input) =>
            new(input, CaseMaker.Size(input.W, input.Lambda));
    }

    private static string Args(VectorLambda input) => $"w = {Show.Vector(input.W)}, λ = {Show.Number(input.Lambda)}";

    /// <summary>
    /// Checks <c>L2Penalty(w, λ) = (λ/2) Σ wᵢ²</c> against <see cref="L2Penalty"/> (convention (λ/2)Σw²).
    /// </summary>
    public static CheckResult L2PenaltyValue(Func<double[], double, double> l2Penalty, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<VectorLambda, double>
        {
            Name = "l2_penalty",
            Call = input => $"L2Penalty({Args(input)})",
            Reference = input => new L2Penalty(input.Lambda, L2Convention.HalfLambdaSumOfSquares).Value(input.W),
            Cases = VectorLambdaCases(options),
            Copy = input => input with { W = CaseMaker.Copy(input.W) },
            InputFingerprint = input => Show.Fingerprint(input.W),
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Verified = "the empty vector, λ = 0, w = 0 and negative weights",
            Hint = "the penalty is (λ/2)·(w₀² + w₁² + …): square every weight, add them up, multiply by λ/2.",
            Diagnose = (input, expected, got) =>
                Near(got, 2 * expected) ? "your value is twice too large: this homework uses (λ/2)·Σw², whose gradient is λw."
                : Near(got, expected / 2) ? "your value is half the expected one: multiply Σw² by λ/2, not λ/4."
                : Near(got, input.Lambda * input.W.Sum(Math.Abs)) ? "that is the L1 penalty λΣ|w|: square the weights instead."
                : Near(got, input.Lambda / 2 * Math.Sqrt(input.W.Sum(w => w * w)))
                  ? "you took the norm ‖w‖, not its square ‖w‖² = Σw²." : null,
        };
        return Report(check.Run(input => l2Penalty(input.W, input.Lambda), options));
    }

    /// <summary>Checks <c>L2Gradient(w, λ) = λw</c>, the gradient of (λ/2)Σw², against <see cref="L2Penalty.AddGradient"/>.</summary>
    public static CheckResult L2PenaltyGradient(Func<double[], double, double[]> l2Gradient, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var check = new FunctionCheck<VectorLambda, double[]>
        {
            Name = "l2_gradient",
            Call = input => $"L2Gradient({Args(input)})",
            Reference = input =>
            {
                var gradient = new double[input.W.Length];
                new L2Penalty(input.Lambda, L2Convention.HalfLambdaSumOfSquares).AddGradient(input.W, gradient);
                return gradient;
            },
            Cases = VectorLambdaCases(options),
            Copy = input => input with { W = CaseMaker.Copy(input.W) },
            InputFingerprint = input => Show.Fingerprint(input.W),
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Exact),
            Verified = "the empty vector, λ = 0, w = 0 and negative weights",
            Hint = "∂/∂wᵢ of (λ/2)Σw² is λ·wᵢ: return a new array with λ·wᵢ in entry i.",
            Diagnose = (_, expected, got) =>
                Compare.IsMultipleOf(expected, got, -1) ? "the sign is flipped: the penalty grows with |w|, so its gradient points away from 0 (+λw)."
                : Compare.IsMultipleOf(expected, got, 2) ? "twice too large: the 2 from the square cancels the 1/2 in (λ/2)Σw², leaving λw."
                : null,
        };
        return Report(check.Run(input => l2Gradient(input.W, input.Lambda), options));
    }

    private sealed record DecayStepInput(double[] W, double[] Gradient, double LearningRate, double Decay);

    /// <summary>
    /// Checks the decoupled weight-decay step <c>w ← (1 − ηλ)·w − η·g</c> against the library's
    /// <c>SgdWithWeightDecay</c> (decay scaled by the learning rate).
    /// </summary>
    public static CheckResult WeightDecayStep(Func<double[], double[], double, double, double[]> weightDecayStep, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<DecayStepInput>>
        {
            Case(new DecayStepInput([1.0], [0.0], 0.1, 0.5)),        // no gradient: pure decay, w shrinks by ηλ
            Case(new DecayStepInput([1.0], [2.0], 0.1, 0.0)),        // λ = 0: plain SGD
            Case(new DecayStepInput([0.0, 0.0], [1.0, -1.0], 0.5, 1.0)),
            Case(new DecayStepInput([-3.0, 2.0], [0.5, 0.5], 0.01, 0.1)),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
        {
            int length = 1 + rng.Next(10);
            cases.Add(Case(new DecayStepInput(CaseMaker.Vector(rng, length), CaseMaker.Vector(rng, length),
                0.001 + rng.NextDouble() * 0.5, rng.NextDouble())));
        }

        var check = new FunctionCheck<DecayStepInput, double[]>
        {
            Name = "weight_decay_step",
            Call = input => $"WeightDecayStep(w = {Show.Vector(input.W)}, g = {Show.Vector(input.Gradient)}, " +
                            $"η = {Show.Number(input.LearningRate)}, λ = {Show.Number(input.Decay)})",
            Reference = input => ReferenceDecayStep(input.W, input.Gradient, input.LearningRate, input.Decay),
            Cases = cases,
            Copy = input => input with { W = CaseMaker.Copy(input.W), Gradient = CaseMaker.Copy(input.Gradient) },
            InputFingerprint = input => Show.Fingerprint([.. input.W, .. input.Gradient]),
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Exact),
            Verified = "pure decay (g = 0), plain SGD (λ = 0) and w = 0",
            Hint = "each weight becomes (1 − η·λ)·wᵢ − η·gᵢ.",
            Diagnose = (input, _, got) =>
                Matches(got, input, (w, g) => w - input.LearningRate * g - input.Decay * w)
                    ? "the decay must be scaled by the learning rate: subtract η·λ·w, not λ·w."
                : Matches(got, input, (w, g) => (1 - input.LearningRate * input.Decay) * (w - input.LearningRate * g))
                    ? "you decayed after the gradient step, (1 − ηλ)(w − ηg): decay the old w, then subtract η·g."
                : Matches(got, input, (w, g) => (1 - input.LearningRate * input.Decay) * w + input.LearningRate * g)
                    ? "the gradient step has the wrong sign: move against the gradient, w − η·g."
                : null,
        };
        return Report(check.Run(input => weightDecayStep(input.W, input.Gradient, input.LearningRate, input.Decay), options));

        static CheckCase<DecayStepInput> Case(DecayStepInput input) =>
            new(input, CaseMaker.Size(input.W, input.Gradient.Sum(Math.Abs), input.LearningRate, input.Decay));
    }

    private static bool Matches(double[] got, DecayStepInput input, Func<double, double, double> rule)
    {
        if (got.Length != input.W.Length) return false;
        for (int i = 0; i < got.Length; i++)
            if (!Near(got[i], rule(input.W[i], input.Gradient[i]))) return false;
        return true;
    }

    /// <summary>One step of the library's SgdWithWeightDecay on a single parameter.</summary>
    private static double[] ReferenceDecayStep(double[] w, double[] gradient, double learningRate, double decay)
    {
        if (w.Length == 0) return [];
        var parameter = new Parameter("w", ParameterKind.Weight, new Matrix(1, w.Length, CaseMaker.Copy(w)));
        Array.Copy(gradient, parameter.Gradient.Data, gradient.Length);
        new Optimizers.SgdWithWeightDecay(learningRate, decay, scale: Optimizers.WeightDecayScale.LearningRate).Step([parameter]);
        return parameter.Value.Data;
    }

    // Only finite numbers are near each other: ∞ − ∞·n is not 0, so a student's ∞ or NaN never gets a scaling hint.
    private static bool Near(double a, double b) =>
        double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-12);
}
