using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// Worst-case input noise (textbook §9.3.4: adversarial training "actively searches for small perturbations of the
/// input that cause large changes to the output"). The fast gradient sign method (Goodfellow et al., 2015) takes the
/// perturbation of size ε in the max-norm that increases the loss most to first order:
///     x_adv = x + ε · sign(∇_x L(f(x), y)).
/// For comparison, <see cref="RandomSignNoise"/> draws a perturbation of exactly the same size, ±ε per coordinate with
/// random signs: the same "amount" of noise, pointed nowhere in particular.
/// </summary>
public static class AdversarialExamples
{
    /// <summary>∇_x of the mean cross-entropy, one row per example (inference mode; overwrites parameter gradients).</summary>
    public static Matrix InputGradient(Sequential network, Matrix inputs, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        Matrix logits = network.Forward(inputs, training: false);
        var outputGradient = new Matrix(logits.Rows, logits.Cols);
        new SoftmaxCrossEntropy().Compute(logits, labels.ToArray(), outputGradient);
        return network.Backward(outputGradient).Clone();
    }

    /// <summary>x + ε·sign(∇_x L): the fast-gradient-sign perturbation of every row.</summary>
    public static Matrix Fgsm(Sequential network, Matrix inputs, IReadOnlyList<int> labels, double epsilon)
    {
        CheckEpsilon(epsilon);
        Matrix gradient = InputGradient(network, inputs, labels);
        var adversarial = inputs.Clone();
        for (int i = 0; i < adversarial.Length; i++) adversarial.Data[i] += epsilon * Math.Sign(gradient.Data[i]);
        return adversarial;
    }

    /// <summary>x ± ε in every coordinate with random signs: noise of the same max-norm (and 2-norm) as FGSM's.</summary>
    public static Matrix RandomSignNoise(Matrix inputs, double epsilon, int seed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckEpsilon(epsilon);
        var random = new Random(seed);
        var noisy = inputs.Clone();
        for (int i = 0; i < noisy.Length; i++) noisy.Data[i] += random.NextDouble() < 0.5 ? -epsilon : epsilon;
        return noisy;
    }

    /// <summary>Accuracy of the network on <paramref name="inputs"/> (any perturbed copy).</summary>
    public static double Accuracy(Sequential network, Matrix inputs, IReadOnlyList<int> labels) =>
        Metrics.Accuracy.Of(network.Predict(inputs), labels);

    internal static void CheckEpsilon(double epsilon)
    {
        Guard.NonNegative(epsilon, nameof(epsilon));
        Guard.Finite(epsilon, nameof(epsilon));
    }
}
