namespace RegularizationLab.Metrics;

/// <summary>
/// One quantile bin Q_m of a reliability diagram: conf(Q_m) = mean confidence, acc(Q_m) = fraction correct.
/// A perfectly calibrated model has MeanConfidence = Accuracy in every bin.
/// </summary>
/// <param name="LowestConfidence">Smallest confidence in the bin.</param>
/// <param name="HighestConfidence">Largest confidence in the bin.</param>
/// <param name="MeanConfidence">conf(Q_m) = (1/|Q_m|) Σ_{i∈Q_m} p̂_i.</param>
/// <param name="Accuracy">acc(Q_m) = (1/|Q_m|) Σ_{i∈Q_m} 1[ŷ_i = y_i].</param>
/// <param name="Count">|Q_m|, the number of examples in the bin.</param>
public sealed record CalibrationBin(
    double LowestConfidence, double HighestConfidence, double MeanConfidence, double Accuracy, int Count)
{
    /// <summary>conf − acc: positive means over-confident in this bin.</summary>
    public double Gap => MeanConfidence - Accuracy;
}
