namespace RegularizationLab.Metrics;

/// <summary>
/// Calibration of a classifier on a data set: equal-mass bins and the expected calibration error
/// ECE = Σ_m (|Q_m| / N) · |conf(Q_m) − acc(Q_m)|.
/// The arrays are ready for a reliability chart (x = MeanConfidences, y = Accuracies, diagonal = ideal).
/// </summary>
public sealed record CalibrationReport(IReadOnlyList<CalibrationBin> Bins, double ExpectedCalibrationError, int Count)
{
    public double[] MeanConfidences => Bins.Select(b => b.MeanConfidence).ToArray();
    public double[] Accuracies => Bins.Select(b => b.Accuracy).ToArray();
    public int[] Counts => Bins.Select(b => b.Count).ToArray();

    /// <summary>Mean confidence over all examples minus overall accuracy (positive: over-confident on average).</summary>
    public double OverallGap => Bins.Sum(b => b.Count * b.Gap) / Count;

    public override string ToString() =>
        $"ECE = {ExpectedCalibrationError:F4} over {Bins.Count} equal-mass bins of {Count} examples";
}
