using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Losses;

/// <summary>
/// L = (1/n) Σᵢ Σⱼ (ŷᵢⱼ − yᵢⱼ)²: squared error summed over outputs, averaged over the n examples
/// (the negative log-likelihood of Gaussian noise, up to constants). ∂L/∂ŷᵢⱼ = 2(ŷᵢⱼ − yᵢⱼ)/n.
/// </summary>
public sealed class MeanSquaredError
{
    /// <param name="predictions">n × d network outputs.</param>
    /// <param name="targets">n × d targets.</param>
    /// <param name="gradient">Optional n × d caller-owned buffer that receives ∂L/∂predictions.</param>
    public double Compute(Matrix predictions, Matrix targets, Matrix? gradient = null)
    {
        Guard.SameShape(predictions, targets, nameof(predictions), nameof(targets));
        if (gradient is not null) Guard.SameShape(predictions, gradient, nameof(predictions), nameof(gradient));
        Guard.AllFinite(targets, nameof(targets));
        double n = predictions.Rows, sum = 0;
        var yHat = predictions.Data;
        var y = targets.Data;
        for (int i = 0; i < yHat.Length; i++)
        {
            double residual = yHat[i] - y[i];
            sum += residual * residual;
            if (gradient is not null) gradient.Data[i] = 2.0 * residual / n;
        }
        return sum / n;
    }
}
