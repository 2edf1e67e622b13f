using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Optimizers;

namespace RegularizationLab.Training;

/// <summary>One run of <see cref="EqualFlowTimeSweep"/>: its learning rate, seed, number of steps and training log.</summary>
public sealed record FlowTimeRun(double LearningRate, int Seed, long Iterations, History History);

/// <summary>
/// Prince's fig. 9.5 (<i>Understanding Deep Learning</i>, §9.2): a 40 → 100 → 100 → 10 ReLU network (He
/// initialization) trained by plain SGD with cross-entropy on MNIST-1D. Panel (a) gives every learning rate α the
/// same gradient-flow time T: one step of size α is flow time α, so T/α steps, "so each solution has the
/// opportunity to move the same distance". The scale (T, the seeds) is an argument: lecture 03 runs T = 600, the
/// committed full-scale script <c>tools/full-scale/fig9-5-flow-time.ipynb</c> the book's T = 6000.
/// </summary>
public static class EqualFlowTimeSweep
{
    /// <summary>The network of fig. 9.5: 40 inputs, two hidden layers of 100 ReLU units, 10 classes.</summary>
    public static readonly int[] Widths = [40, 100, 100, 10];

    /// <summary>Steps that cover flow time <paramref name="flowTime"/> at step size α: round(T/α).</summary>
    public static long Iterations(double flowTime, double learningRate)
    {
        Guard.Positive(flowTime, nameof(flowTime));
        Guard.Positive(learningRate, nameof(learningRate));
        return (long)Math.Round(flowTime / learningRate);
    }

    /// <summary>
    /// One run: a fresh network (initialized with <paramref name="seed"/>) trained by plain SGD for whole epochs,
    /// ⌊iterations / batches per epoch⌋ of them (at least one), shuffled with the same seed; train and test are
    /// evaluated about <paramref name="evaluations"/> times, evenly spaced, and after the last epoch.
    /// </summary>
    public static History TrainOne(Dataset train, Dataset test, double learningRate, int batchSize, long iterations,
        int seed, Action<TrainingProgress>? progress = null, int evaluations = 12)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        Guard.Positive(batchSize, nameof(batchSize));
        Guard.Positive(iterations, nameof(iterations));
        Guard.Positive(evaluations, nameof(evaluations));
        int batchesPerEpoch = (train.Count + batchSize - 1) / batchSize;
        int epochs = (int)Math.Max(1, iterations / batchesPerEpoch);
        var network = Mlp.Create(Widths, Activation.Relu, seed: seed);
        var options = new TrainerOptions
        {
            Epochs = epochs, BatchSize = batchSize, Seed = seed,
            EvaluationInterval = Math.Max(1, epochs / evaluations), Progress = progress,
        };
        return new Trainer(network, new SoftmaxCrossEntropy(), new Sgd(learningRate), options)
            .Train(train, test: test);
    }

    /// <summary>
    /// Panel (a): every learning rate × every seed, each for T/α steps at one batch size, one model per core.
    /// Runs come back learning-rate major, in the order of the arguments.
    /// </summary>
    public static FlowTimeRun[] Run(Dataset train, Dataset test, IReadOnlyList<double> learningRates,
        double flowTime, IReadOnlyList<int> seeds, int batchSize = 100, Action<SweepProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        ArgumentNullException.ThrowIfNull(seeds);
        Guard.NotEmpty(learningRates, nameof(learningRates));
        Guard.NotEmpty(seeds, nameof(seeds));
        var settings = learningRates.SelectMany(lr => seeds.Select(s => (Lr: lr, Seed: s))).ToArray();
        // The slowest runs (smallest α: most steps) first, so that the two cores finish together.
        int[] order = Enumerable.Range(0, settings.Length).OrderBy(i => settings[i].Lr).ToArray();
        var runs = Sweep.Run(order, c =>
        {
            var (lr, seed) = settings[c.Value];
            long steps = Iterations(flowTime, lr);
            return new FlowTimeRun(lr, seed, steps, TrainOne(train, test, lr, batchSize, steps, seed, c.Progress));
        }, new SweepOptions
        {
            Progress = progress,
            Label = i => $"LR {settings[(int)i!].Lr}, seed {settings[(int)i!].Seed}",
        });
        return runs.OrderBy(r => r.Value).Select(r => r.Result).ToArray();
    }
}
