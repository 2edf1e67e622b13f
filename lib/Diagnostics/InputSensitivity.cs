using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// How sharply a classifier's decision changes with its input: for each example x the logit margin
/// m(x) = z_a(x) − z_b(x) (a = predicted class, b = runner-up; for two classes simply ±(z₁ − z₀)) and the norm of
/// its input gradient ‖∂m/∂x‖. A jagged decision boundary (an unregularized net carving islands around flipped labels)
/// has steep margins; L2 makes the function smoother, which shows up as a smaller mean ‖∂m/∂x‖ (the textbook: "the
/// output function is smoother"). One backward pass computes every example's gradient, because examples are
/// independent rows: seeding the output gradient with (e_a − e_b) per row gives ∂m_i/∂x_i in row i.
/// Note: the backward pass overwrites the network's parameter gradients (harmless outside a training step).
/// </summary>
public static class InputSensitivity
{
    /// <summary>‖∂(z_a − z_b)/∂x‖ for each row of <paramref name="inputs"/> (inference mode).</summary>
    public static double[] MarginGradientNorms(Sequential network, Matrix inputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        if (network.OutputWidth < 2)
            throw new ArgumentException(
                $"network must be a classifier with at least 2 outputs; it has {network.OutputWidth}.", nameof(network));
        Matrix logits = network.Forward(inputs, training: false);
        int k = logits.Cols;
        var seed = new Matrix(inputs.Rows, k);
        for (int r = 0; r < inputs.Rows; r++)
        {
            ReadOnlySpan<double> z = logits.Row(r);
            int best = 0;
            for (int c = 1; c < k; c++) if (z[c] > z[best]) best = c;
            int second = best == 0 ? 1 : 0;
            for (int c = 0; c < k; c++) if (c != best && z[c] > z[second]) second = c;
            seed[r, best] = 1;
            seed[r, second] = -1;
        }
        Matrix inputGradient = network.Backward(seed);
        var norms = new double[inputs.Rows];
        for (int r = 0; r < inputs.Rows; r++)
        {
            double s = 0;
            foreach (double g in inputGradient.Row(r)) s += g * g;
            norms[r] = Math.Sqrt(s);
        }
        return norms;
    }

    /// <summary>The mean of <see cref="MarginGradientNorms"/> over the rows of <paramref name="inputs"/>.</summary>
    public static double MeanMarginGradientNorm(Sequential network, Matrix inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Guard.AllFinite(inputs.Data, nameof(inputs));
        return MarginGradientNorms(network, inputs).Average();
    }
}
