using RegularizationLab.Numerics;

namespace RegularizationLab.Metrics;

/// <summary>
/// How confident a classifier is when it is wrong (the blog's figure 7, left panel): the confidences of all
/// misclassified examples, sorted ascending, so that (Sorted[i], (i+1)/Count) is the empirical cumulative distribution.
/// </summary>
public sealed record WrongPredictionConfidence(double[] Sorted)
{
    public int Count => Sorted.Length;

    /// <summary>Mean confidence on wrong predictions (NaN when there are none).</summary>
    public double Mean => Count == 0 ? double.NaN : Sorted.Average();

    /// <summary>Median confidence on wrong predictions (NaN when there are none).</summary>
    public double Median => Count == 0 ? double.NaN
        : Count % 2 == 1 ? Sorted[Count / 2] : 0.5 * (Sorted[Count / 2 - 1] + Sorted[Count / 2]);

    /// <summary>Fraction of wrong predictions made with confidence strictly above <paramref name="threshold"/>
    /// (the blog: "on over 50% of the incorrect classifications the model is > 80% confident").</summary>
    public double FractionAbove(double threshold) =>
        Count == 0 ? double.NaN : (double)Sorted.Count(c => c > threshold) / Count;

    /// <summary>Empirical CDF F(c) = fraction of wrong predictions with confidence ≤ c, at each sorted confidence.</summary>
    public double[] CumulativeFractions => Enumerable.Range(1, Count).Select(i => (double)i / Count).ToArray();

    /// <summary>Collects the confidences of the misclassified rows of <paramref name="probabilities"/>.</summary>
    public static WrongPredictionConfidence From(Matrix probabilities, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        MetricGuards.CheckLabels(labels, probabilities.Rows, probabilities.Cols, nameof(labels));
        double[] confidences = Probabilities.Confidences(probabilities);
        int[] predicted = Probabilities.PredictedClasses(probabilities);
        var wrong = new List<double>();
        for (int i = 0; i < predicted.Length; i++) if (predicted[i] != labels[i]) wrong.Add(confidences[i]);
        double[] sorted = wrong.ToArray();
        Array.Sort(sorted);
        return new WrongPredictionConfidence(sorted);
    }

    public override string ToString() => Count == 0
        ? "no wrong predictions"
        : $"{Count} wrong predictions: mean confidence {Mean:F3}, median {Median:F3}, {FractionAbove(0.8) * 100:F0}% above 0.8";
}
