using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;

namespace RegularizationLab.Training;

/// <summary>
/// Adversarial training in the form of Goodfellow et al. (2015): each mini-batch step minimizes
///     ½ L(x, y) + ½ L(x + ε·sign(∇_x L(x, y)), y),
/// the adversarial copies made against the current weights. The clean and the adversarial rows are stacked into one
/// batch of 2B rows, whose mean loss is exactly that half-and-half sum. (The course's Trainer transforms inputs without
/// seeing labels, so this small loop lives on its own.)
/// </summary>
public static class AdversarialTraining
{
    /// <summary>Trains <paramref name="network"/> in place for <paramref name="epochs"/> epochs of seeded shuffled batches.</summary>
    public static void Train(Sequential network, Dataset data, IOptimizer optimizer, double epsilon, int epochs,
        int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        AdversarialExamples.CheckEpsilon(epsilon);
        Guard.Positive(epochs, nameof(epochs));
        int[] labels = data.RequireLabels();
        var loss = new SoftmaxCrossEntropy();
        var batches = new ShuffledBatches(data.Count, batchSize, seed);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (ArraySegment<int> batch in batches.NextEpoch())
            {
                int[] rows = batch.ToArray();
                Matrix clean = data.Features.SelectRows(rows);
                int[] batchLabels = rows.Select(r => labels[r]).ToArray();
                Matrix adversarial = AdversarialExamples.Fgsm(network, clean, batchLabels, epsilon);
                Matrix stacked = Stack(clean, adversarial);
                int[] stackedLabels = batchLabels.Concat(batchLabels).ToArray();
                Matrix logits = network.Forward(stacked, training: true);
                var gradient = new Matrix(logits.Rows, logits.Cols);
                loss.Compute(logits, stackedLabels, gradient);
                network.BackwardParametersOnly(gradient);
                optimizer.Step(network.Parameters);
            }
        }
    }

    private static Matrix Stack(Matrix top, Matrix bottom)
    {
        var stacked = new Matrix(top.Rows + bottom.Rows, top.Cols);
        top.Data.CopyTo(stacked.Data, 0);
        bottom.Data.CopyTo(stacked.Data, top.Length);
        return stacked;
    }
}
