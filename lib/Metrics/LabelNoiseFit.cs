using RegularizationLab.Data;

namespace RegularizationLab.Metrics;

/// <summary>
/// How much label noise a classifier has memorized, counted instead of read off an accuracy: the flipped training
/// labels it reproduces (each one fitted is a memorized error) and the clean labels it gets wrong. Training accuracy
/// alone cannot tell these apart: fitting k flipped labels and missing k clean ones prints the same number.
/// </summary>
public sealed record LabelNoiseFit(int FlippedFitted, int FlippedCount, int CleanMissed)
{
    /// <summary>Counts on <paramref name="sample"/> from the classes a model predicts for its points.</summary>
    public static LabelNoiseFit Of(IReadOnlyList<int> predicted, MoonsSample sample)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(sample);
        var labels = sample.Labels;
        if (predicted.Count != labels.Length)
            throw new ArgumentException(
                $"predicted has {predicted.Count} classes but the sample has {labels.Length} points; pass one per point.",
                nameof(predicted));
        int fitted = 0, missed = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (sample.Flipped[i] && predicted[i] == labels[i]) fitted++;
            if (!sample.Flipped[i] && predicted[i] != labels[i]) missed++;
        }
        return new LabelNoiseFit(fitted, sample.FlippedCount, missed);
    }

    public override string ToString() => $"{FlippedFitted} of {FlippedCount} flipped labels fitted, {CleanMissed} clean labels missed";
}
