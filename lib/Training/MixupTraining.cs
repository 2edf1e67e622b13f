using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;

namespace RegularizationLab.Training;

/// <summary>
/// Mini-batch training on mixed examples (the course page's Mixup, Zhang et al. 2018). Each epoch visits the training
/// set in a fresh seeded order; each batch is mixed by <see cref="Mixup.Apply"/> (one λ ~ Beta(α, α) per batch, partners
/// from a permutation of the batch) and the network takes one step on the soft-target cross-entropy
///     L = −(1/B) Σᵢ Σ_c ỹ_ic log softmax(f(x̃ᵢ))_c,   ỹᵢ = λ·onehot(yᵢ) + (1 − λ)·onehot(y_j).
/// (The <see cref="Trainer"/> transforms inputs only; mixup also changes the targets, hence this separate loop.)
/// </summary>
public static class MixupTraining
{
    /// <summary>Trains for <paramref name="epochs"/> epochs and returns the mean mixed-batch loss of the last epoch.</summary>
    public static double Train(Sequential network, IOptimizer optimizer, Dataset train, Mixup mixup,
        int epochs, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(mixup);
        Guard.Positive(epochs, nameof(epochs));
        int[] labels = train.RequireLabels();
        if (network.OutputWidth != train.ClassCount)
            throw new ArgumentException($"network has {network.OutputWidth} outputs but train has {train.ClassCount} classes; they must match.", nameof(network));
        var loss = new SoftmaxCrossEntropy();
        var batches = new ShuffledBatches(train.Count, batchSize, seed);
        double epochLoss = double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double sum = 0;
            int count = 0;
            foreach (ArraySegment<int> batch in batches.NextEpoch())
            {
                int[] rows = batch.ToArray();
                Matrix x = Dataset.CopyRows(train.Features, rows);
                MixupBatch mixed = mixup.Apply(x, rows.Select(i => labels[i]).ToArray(), train.ClassCount);
                Matrix logits = network.Forward(mixed.Inputs, training: true);
                var gradient = new Matrix(logits.Rows, logits.Cols);
                sum += loss.Compute(logits, mixed.Targets, gradient);
                count++;
                network.BackwardParametersOnly(gradient);
                optimizer.Step(network.Parameters);
            }
            epochLoss = sum / count;
            if (!double.IsFinite(epochLoss))
                throw new InvalidOperationException($"Mixup training diverged in epoch {epoch + 1} (loss {epochLoss}); lower the learning rate.");
        }
        return epochLoss;
    }
}
