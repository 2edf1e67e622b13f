using RegularizationLab.Errors;

namespace RegularizationLab.Training;

/// <summary>
/// One setting of an experiment summarized over its seeds: mean train and test accuracy, the range of test accuracy
/// across seeds, and each seed's values. "A beats B" needs more than one seed; comparing the worst seed of A with the
/// best seed of B (<see cref="TestMin"/>, <see cref="TestMax"/>) is a simple, honest check. LateFraction = 0 uses each
/// run's final evaluation; f &gt; 0 the mean over the last fraction f of its evaluations (a late-checkpoint average,
/// robust to a noisy last step).
/// </summary>
public sealed record SeedSummary(double Train, double Test, double TrainLoss, double TestLoss, double TestMin,
    double TestMax, double[] PerSeedTrain, double[] PerSeedTest, double LateFraction)
{
    /// <summary>Summarizes the runs of one setting (one <see cref="History"/> per seed, each with test evaluations).</summary>
    public static SeedSummary Of(IEnumerable<History> runs, double lateFraction = 0)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Guard.InHalfOpenRange(lateFraction, 0, 1, nameof(lateFraction));
        var late = runs.Select(h => LatePoints(h, lateFraction)).ToArray();
        Guard.NotEmpty(late, nameof(runs));
        double[] train = late.Select(p => p.Average(q => q.TrainAccuracy)).ToArray();
        double[] test = late.Select(p => p.Average(q => q.TestAccuracy)).ToArray();
        if (test.Any(double.IsNaN))
            throw new ArgumentException("every run needs test evaluations (Train(..., test: …)); got NaN test accuracy.", nameof(runs));
        return new SeedSummary(train.Average(), test.Average(), late.Average(p => p.Average(q => q.TrainLoss)),
            late.Average(p => p.Average(q => q.TestLoss)), test.Min(), test.Max(), train, test, lateFraction);
    }

    /// <summary>One summary per setting, in the order of <paramref name="settings"/>.</summary>
    public static SeedSummary[] Of<T>(IReadOnlyList<T> settings, Func<T, IEnumerable<History>> runsOf, double lateFraction = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runsOf);
        return settings.Select(s => Of(runsOf(s), lateFraction)).ToArray();
    }

    private static HistoryPoint[] LatePoints(History history, double lateFraction)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Points.Count == 0)
            throw new ArgumentException("a run has no evaluations; set TrainerOptions.EvaluationInterval.", nameof(history));
        int count = Math.Max(1, (int)Math.Round(history.Points.Count * lateFraction));
        return history.Points.Skip(history.Points.Count - count).ToArray();
    }
}
