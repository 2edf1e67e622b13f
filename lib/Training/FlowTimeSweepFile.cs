using System.Text.Json;
using RegularizationLab.Errors;

namespace RegularizationLab.Training;

/// <summary>The final evaluation of one <see cref="FlowTimeRun"/>, as numbers that can be written to a file.</summary>
public sealed record FlowTimeRunResult(double LearningRate, int Seed, long Iterations, int Epochs,
    double TrainAccuracy, double TestAccuracy, double TrainLoss, double TestLoss)
{
    public static FlowTimeRunResult Of(FlowTimeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        HistoryPoint last = run.History.Last
            ?? throw new ArgumentException("the run has no evaluations.", nameof(run));
        return new(run.LearningRate, run.Seed, run.Iterations, last.Epoch, last.TrainAccuracy, last.TestAccuracy,
            last.TrainLoss, last.TestLoss);
    }
}

/// <summary>One sweep of <see cref="EqualFlowTimeSweep.Run"/> at flow time T: its configuration and every run.</summary>
public sealed record FlowTimeSweepResult(double FlowTime, int BatchSize, int[] Seeds, double[] LearningRates,
    FlowTimeRunResult[] Runs)
{
    public static FlowTimeSweepResult Of(double flowTime, int batchSize, IReadOnlyList<FlowTimeRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Guard.NotEmpty(runs, nameof(runs));
        return new(flowTime, batchSize, runs.Select(r => r.Seed).Distinct().ToArray(),
            runs.Select(r => r.LearningRate).Distinct().ToArray(), runs.Select(FlowTimeRunResult.Of).ToArray());
    }

    /// <summary>The runs (one per seed) at one learning rate.</summary>
    public FlowTimeRunResult[] At(double learningRate) => Runs.Where(r => r.LearningRate == learningRate).ToArray();

    /// <summary>Same configuration and bit-identical results (records of arrays compare arrays by reference).</summary>
    public bool SameAs(FlowTimeSweepResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return FlowTime == other.FlowTime && BatchSize == other.BatchSize && Seeds.SequenceEqual(other.Seeds)
            && LearningRates.SequenceEqual(other.LearningRates) && Runs.SequenceEqual(other.Runs);
    }
}

/// <summary>
/// The file the full-scale script writes (<c>data/full-scale/fig9-5-flow-time.json</c>): the data set, the sweep at
/// the lecture's scale and the sweep at the book's scale, both computed by the same call, so that a test can
/// recompute the first and compare it exactly.
/// </summary>
public sealed record FlowTimeSweepFile(string Experiment, string Data, FlowTimeSweepResult InClass,
    FlowTimeSweepResult FullScale, double FullScaleCpuSeconds)
{
    private static readonly JsonSerializerOptions Format = new() { WriteIndented = true };

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Format) + "\n");
    }

    public static FlowTimeSweepFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"no full-scale result at '{path}'; run tools/full-scale/fig9-5-flow-time.ipynb to make it.", path);
        return JsonSerializer.Deserialize<FlowTimeSweepFile>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"'{path}' holds no full-scale result.");
    }
}
