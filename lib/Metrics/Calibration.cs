using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Metrics;

/// <summary>
/// Reliability diagrams on equal-mass (quantile) bins, as in the blog's label-smoothing section:
/// sort the N predictions by confidence and cut them into M bins of (almost) equal size, so every bin has
/// the same statistical weight. (Equal-width bins would leave most bins nearly empty for a confident network.)
/// When N is not a multiple of M the first N mod M bins (lowest confidences) get one extra example.
/// </summary>
public static class Calibration
{
    /// <summary>Calibration of a classifier from its class probabilities (n × K, rows sum to 1) and true labels.</summary>
    public static CalibrationReport EqualMassBins(Matrix probabilities, IReadOnlyList<int> labels, int binCount = 15)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        MetricGuards.CheckLabels(labels, probabilities.Rows, probabilities.Cols, nameof(labels));
        double[] confidences = Probabilities.Confidences(probabilities);
        int[] predicted = Probabilities.PredictedClasses(probabilities);
        var correct = new bool[predicted.Length];
        for (int i = 0; i < correct.Length; i++) correct[i] = predicted[i] == labels[i];
        return EqualMassBins(confidences, correct, binCount);
    }

    /// <summary>Calibration from per-example confidences p̂_i ∈ [0, 1] and whether each prediction was correct.</summary>
    public static CalibrationReport EqualMassBins(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int binCount = 15)
    {
        ArgumentNullException.ThrowIfNull(confidences);
        ArgumentNullException.ThrowIfNull(correct);
        Guard.NotEmpty(confidences, nameof(confidences));
        if (correct.Count != confidences.Count)
            throw new ArgumentException(
                $"correct has {correct.Count} entries, but confidences has {confidences.Count}; they must match.",
                nameof(correct));
        Guard.Positive(binCount, nameof(binCount));
        if (binCount > confidences.Count)
            throw new ArgumentOutOfRangeException(nameof(binCount), binCount,
                $"binCount must be at most the number of examples ({confidences.Count}); got {binCount}.");
        for (int i = 0; i < confidences.Count; i++)
        {
            if (!(confidences[i] >= 0 && confidences[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(confidences), confidences[i],
                    $"confidences[{i}] = {confidences[i]}; a confidence must be in [0, 1].");
        }

        int n = confidences.Count;
        // Stable order: ties keep their original order, so the bins are reproducible.
        int[] order = Enumerable.Range(0, n).OrderBy(i => confidences[i]).ThenBy(i => i).ToArray();
        int baseSize = n / binCount, extra = n % binCount;
        var bins = new CalibrationBin[binCount];
        double ece = 0;
        int start = 0;
        for (int m = 0; m < binCount; m++)
        {
            int size = baseSize + (m < extra ? 1 : 0);
            double confidenceSum = 0;
            int correctCount = 0;
            for (int j = start; j < start + size; j++)
            {
                confidenceSum += confidences[order[j]];
                if (correct[order[j]]) correctCount++;
            }
            double meanConfidence = confidenceSum / size, accuracy = (double)correctCount / size;
            bins[m] = new CalibrationBin(confidences[order[start]], confidences[order[start + size - 1]],
                meanConfidence, accuracy, size);
            ece += (double)size / n * Math.Abs(meanConfidence - accuracy);   // (|Q_m|/N)·|conf − acc|
            start += size;
        }
        return new CalibrationReport(bins, ece, n);
    }

    /// <summary>Expected calibration error on equal-mass bins (see <see cref="EqualMassBins(Matrix, IReadOnlyList{int}, int)"/>).</summary>
    public static double ExpectedCalibrationError(Matrix probabilities, IReadOnlyList<int> labels, int binCount = 15) =>
        EqualMassBins(probabilities, labels, binCount).ExpectedCalibrationError;
}
