using RegularizationLab.Layers;

namespace RegularizationLab.Training;

/// <summary>
/// Everything a training run recorded, as plain arrays a chart helper can draw directly
/// (x = <see cref="Epochs"/> or <see cref="Steps"/>, y = <see cref="TrainLoss"/>, <see cref="ValidationLoss"/>, …),
/// plus how the run ended: normally, early-stopped (with the best epoch), diverged (with a message), or cancelled.
/// </summary>
public sealed class History
{
    private readonly List<HistoryPoint> _points = new();
    private readonly List<WeightSnapshot> _snapshots = new();
    private readonly List<string> _warnings = new();

    public IReadOnlyList<HistoryPoint> Points => _points;
    public IReadOnlyList<WeightSnapshot> Snapshots => _snapshots;

    public int[] Epochs => _points.Select(p => p.Epoch).ToArray();
    public long[] Steps => _points.Select(p => p.Step).ToArray();
    public double[] TrainLoss => _points.Select(p => p.TrainLoss).ToArray();
    public double[] TrainAccuracy => _points.Select(p => p.TrainAccuracy).ToArray();
    public double[] ValidationLoss => _points.Select(p => p.ValidationLoss).ToArray();
    public double[] ValidationAccuracy => _points.Select(p => p.ValidationAccuracy).ToArray();
    public double[] TestLoss => _points.Select(p => p.TestLoss).ToArray();
    public double[] TestAccuracy => _points.Select(p => p.TestAccuracy).ToArray();
    public double[] LearningRate => _points.Select(p => p.LearningRate).ToArray();
    public double[] MeanBatchLoss => _points.Select(p => p.MeanBatchLoss).ToArray();

    /// <summary>The most recent point (null before the first evaluation).</summary>
    public HistoryPoint? Last => _points.Count == 0 ? null : _points[^1];

    /// <summary>The snapshot taken after <paramref name="epoch"/> epochs, or a clear error listing the available ones.</summary>
    public WeightSnapshot SnapshotAt(int epoch) =>
        _snapshots.LastOrDefault(s => s.Epoch == epoch) ?? throw new ArgumentOutOfRangeException(nameof(epoch), epoch,
            $"No weight snapshot at epoch {epoch}; snapshots exist at epochs [{string.Join(", ", _snapshots.Select(s => s.Epoch))}]. " +
            "Request it with TrainerOptions.SnapshotEpochs.");

    public int EpochsCompleted { get; internal set; }
    public long StepsCompleted { get; internal set; }

    /// <summary>True if the loss became NaN or ∞; training stopped at that step.</summary>
    public bool Diverged => Divergence is not null;

    /// <summary>Details of a divergence (null if none).</summary>
    public DivergenceReport? Divergence { get; internal set; }

    /// <summary>The divergence explanation (step, last finite loss, likely cause), or null.</summary>
    public string? DivergenceMessage => Divergence?.Message;

    /// <summary>True if early stopping ended the run before the planned epochs.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>True if the run was cancelled through <see cref="TrainerOptions.Cancellation"/>.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>The epoch with the lowest validation loss (early stopping only; −1 otherwise).</summary>
    public int BestEpoch { get; internal set; } = -1;

    /// <summary>The lowest validation loss seen (early stopping only; NaN otherwise).</summary>
    public double BestValidationLoss { get; internal set; } = double.NaN;

    /// <summary>True if the network's parameters were set back to the best checkpoint at the end.</summary>
    public bool RestoredBest { get; internal set; }

    /// <summary>
    /// Friendly warnings about a run that finished but went wrong, e.g. a training loss that grew far above its
    /// starting value (a cross-entropy loss stays finite even when a too-high learning rate wrecks the network, so
    /// such a run does not count as diverged).
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Wall-clock duration (not part of the deterministic record).</summary>
    public TimeSpan Elapsed { get; internal set; }

    internal void Add(HistoryPoint point) => _points.Add(point);
    internal void AddSnapshot(WeightSnapshot snapshot) => _snapshots.Add(snapshot);
    internal void AddWarning(string warning) => _warnings.Add(warning);

    /// <summary>A short summary suitable for printing in a notebook.</summary>
    public override string ToString()
    {
        var lines = new List<string>();
        if (Last is { } last)
        {
            string acc = double.IsNaN(last.TrainAccuracy) ? "" : $", train accuracy {last.TrainAccuracy * 100:F1}%";
            string val = double.IsNaN(last.ValidationLoss) ? "" : $", validation loss {last.ValidationLoss:G4}";
            string test = double.IsNaN(last.TestAccuracy) ? "" : $", test accuracy {last.TestAccuracy * 100:F1}%";
            lines.Add($"{EpochsCompleted} epochs, {StepsCompleted} steps: train loss {last.TrainLoss:G4}{acc}{val}{test} ({Elapsed.TotalSeconds:F1} s)");
        }
        if (StoppedEarly || BestEpoch >= 0)
            lines.Add($"early stopping: best validation loss {BestValidationLoss:G4} at epoch {BestEpoch}" +
                      (StoppedEarly ? ", stopped early" : "") + (RestoredBest ? ", best parameters restored" : ""));
        if (Cancelled) lines.Add("cancelled before the planned number of epochs");
        if (DivergenceMessage is not null) lines.Add(DivergenceMessage);
        lines.AddRange(Warnings);
        return string.Join(Environment.NewLine, lines);
    }
}
