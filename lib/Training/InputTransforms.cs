using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Training;

/// <summary>Ready-made batch transforms for <see cref="TrainerOptions.InputTransform"/>.</summary>
public static class InputTransforms
{
    /// <summary>
    /// Adds independent Gaussian noise N(0, σ²) to every input of every training batch (textbook §9.3.4, figure 9.10:
    /// "at each step of SGD, random noise with variance σ_x² is added to the batch data").
    /// </summary>
    public static Action<Matrix, Random> GaussianNoise(double standardDeviation)
    {
        Guard.NonNegative(standardDeviation, nameof(standardDeviation));
        return (batch, random) =>
        {
            double[] data = batch.Data;
            for (int i = 0; i < data.Length; i++) data[i] += standardDeviation * random.NextGaussian();
        };
    }
}
