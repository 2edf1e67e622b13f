using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Training;

/// <summary>
/// How a Trainer runs. Every field has a sensible default; set what the experiment states.
/// Example (the blog's weight-decay run): <c>new TrainerOptions { Epochs = 10_000, BatchSize = 32, EvaluationInterval = 50, Seed = 1 }</c>.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Number of passes over the training set (per call of Trainer.Train).</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Examples per mini-batch. Use the training-set size for full-batch gradient descent.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Drop the last, smaller batch of an epoch (false: it is used, like PyTorch's default DataLoader).</summary>
    public bool DropLastPartialBatch { get; init; }

    /// <summary>Seed of the shuffling order (and of the augmentation generator): same seed, same run.</summary>
    public int Seed { get; init; }

    /// <summary>Record a history point every this many epochs (epoch 0 = before training, and the last epoch, are always recorded).</summary>
    public int EvaluationInterval { get; init; } = 1;

    /// <summary>Optional explicit epochs to record (e.g. logarithmically spaced for a log-time axis), in addition to
    /// the interval's. Set <see cref="EvaluationInterval"/> to a huge number to record only these.</summary>
    public IReadOnlyCollection<int>? EvaluationEpochs { get; init; }

    /// <summary>Epochs after which to store a copy of every weight (0 = the initialization), for trajectories and
    /// spectral analysis (the blog's ΔW(t) = W(t) − W(0)).</summary>
    public IReadOnlyCollection<int>? SnapshotEpochs { get; init; }

    /// <summary>Early stopping on the validation loss (needs a validation set); null = off.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Transforms each training batch's inputs IN PLACE before the forward pass, given a seeded Random: input noise
    /// (<see cref="InputTransforms.GaussianNoise"/>) or data augmentation (e.g. random shifts of images).
    /// Evaluations always use the untransformed data, as in the blog.
    /// </summary>
    public Action<Matrix, Random>? InputTransform { get; init; }

    /// <summary>Called with the training state at most every <see cref="ProgressInterval"/> (and once at the end).
    /// Notebooks wire it to a display: <c>Progress = p => bar.Update(p.ToString())</c>.</summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>Minimum wall-clock time between two progress reports (default 0.25 s).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(0.25);

    /// <summary>If &gt; 0, report progress at the end of every this-many epochs instead of by wall-clock time
    /// (deterministic number of reports, e.g. for tests or logs).</summary>
    public int ProgressEveryEpochs { get; init; }

    /// <summary>When the loss becomes NaN or ∞: false (default) stops and reports it in
    /// <see cref="History.Diverged"/> / <see cref="History.DivergenceMessage"/>; true throws <see cref="TrainingDivergedException"/>.</summary>
    public bool ThrowOnDivergence { get; init; }

    /// <summary>The loss recorded in the history (and watched by early stopping); null = the training objective.
    /// Set it to plain cross-entropy when training with label smoothing, so runs with different ε are compared on
    /// the same scale: <c>EvaluationObjective = new SoftmaxCrossEntropy()</c>.</summary>
    public Objective? EvaluationObjective { get; init; }

    /// <summary>Rows per forward pass when evaluating a whole data set.</summary>
    public int EvaluationChunkSize { get; init; } = Evaluation.DefaultChunkSize;

    /// <summary>Lets a notebook cell stop a long run; the history up to that point is returned.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Checks every field; messages name the field and its value.</summary>
    public void Validate()
    {
        Guard.Positive(Epochs, nameof(Epochs));
        Guard.Positive(BatchSize, nameof(BatchSize));
        Guard.Positive(EvaluationInterval, nameof(EvaluationInterval));
        Guard.Positive(EvaluationChunkSize, nameof(EvaluationChunkSize));
        Guard.NonNegative(ProgressEveryEpochs, nameof(ProgressEveryEpochs));
        if (ProgressInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval,
                $"ProgressInterval must be ≥ 0; got {ProgressInterval}.");
        foreach (int e in EvaluationEpochs ?? Array.Empty<int>())
            if (e < 0) throw new ArgumentOutOfRangeException(nameof(EvaluationEpochs), e, $"EvaluationEpochs must be ≥ 0; got {e}.");
        foreach (int e in SnapshotEpochs ?? Array.Empty<int>())
            if (e < 0) throw new ArgumentOutOfRangeException(nameof(SnapshotEpochs), e, $"SnapshotEpochs must be ≥ 0; got {e}.");
    }
}
