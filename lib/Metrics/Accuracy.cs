using RegularizationLab.Numerics;

namespace RegularizationLab.Metrics;

/// <summary>Fraction of examples whose predicted class (argmax of the row) equals the label.</summary>
public static class Accuracy
{
    /// <summary>accuracy = (1/N) Σ_i 1[argmax_k s_ik = y_i]; <paramref name="scores"/> may be logits or probabilities.</summary>
    public static double Of(Matrix scores, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        MetricGuards.CheckLabels(labels, scores.Rows, scores.Cols, nameof(labels));
        if (Probabilities.HasNaN(scores.Data)) return double.NaN;     // a NaN score has no argmax: keep NaN visible
        int[] predicted = Probabilities.PredictedClasses(scores);
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++) if (predicted[i] == labels[i]) correct++;
        return (double)correct / predicted.Length;
    }

    /// <summary>Accuracy of already-computed class predictions.</summary>
    public static double Of(IReadOnlyList<int> predicted, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        if (predicted.Count == 0)
            throw new ArgumentException("predicted must not be empty; got 0 elements.", nameof(predicted));
        if (predicted.Count != labels.Count)
            throw new ArgumentException(
                $"labels has {labels.Count} entries, but predicted has {predicted.Count}; they must match.", nameof(labels));
        int correct = 0;
        for (int i = 0; i < predicted.Count; i++) if (predicted[i] == labels[i]) correct++;
        return (double)correct / predicted.Count;
    }
}

internal static class MetricGuards
{
    public static void CheckLabels(IReadOnlyList<int> labels, int rows, int classes, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Count != rows)
            throw new ArgumentException(
                $"{name} has {labels.Count} entries, but the score matrix has {rows} rows; they must match.", name);
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(name, labels[i],
                    $"{name}[{i}] = {labels[i]} is not a class index; allowed are 0 … {classes - 1}.");
        }
    }
}
