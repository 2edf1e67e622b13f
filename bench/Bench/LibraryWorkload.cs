using System.Diagnostics;
using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;
using RegularizationLab.Training;

namespace RegularizationLab.Bench;

/// <summary>
/// The course library running one configuration: a network, its loss and optimizer, and the training set cut into
/// batches once, so that a timed step is exactly forward + loss + backward + optimizer update (as in the PyTorch script).
/// </summary>
public sealed class LibraryWorkload
{
    private readonly Sequential _network;
    private readonly SoftmaxCrossEntropy _loss;
    private readonly IOptimizer _optimizer;
    private readonly List<(Matrix Inputs, int[] Labels, Matrix Gradient)> _batches = new();
    private readonly BenchConfig _config;
    private readonly int _seed;
    private Dataset? _digits;
    private int _next;

    public LibraryWorkload(BenchConfig config, int seed)
    {
        _config = config;
        _seed = seed;
        _network = Mlp.Create(config.Widths, Activation.Tanh, config.Dropout, seed);
        _loss = new SoftmaxCrossEntropy(config.LabelSmoothing);
        var schedule = new PowerLawSchedule(config.Optimizer == OptimizerKind.Adam ? 0.01 : 0.15, 1, 5e4);
        _optimizer = config.Optimizer == OptimizerKind.Adam
            ? new Adam(schedule)
            : new Sgd(schedule, penalty: new L2Penalty(1e-3, L2Convention.HalfLambdaSumOfSquares));

        var rng = new Random(seed);
        if (config.ShippedImages)
        {
            AddShippedImageBatches(config, rng);
            return;
        }
        int inputs = config.Widths[0], classes = config.Widths[^1];
        for (int start = 0; start + config.BatchSize <= Math.Max(config.TrainSize, config.BatchSize); start += config.BatchSize)
        {
            var x = new Matrix(config.BatchSize, inputs);
            for (int i = 0; i < x.Length; i++) x.Data[i] = rng.NextGaussian();
            var y = new int[config.BatchSize];
            for (int i = 0; i < y.Length; i++) y[i] = rng.Next(classes);
            _batches.Add((x, y, new Matrix(config.BatchSize, classes)));
        }
    }

    /// <summary>The blog's 1000 MNIST training digits in one seeded order, cut into batches (a fixed epoch).</summary>
    private void AddShippedImageBatches(BenchConfig config, Random rng)
    {
        string dataRoot = Path.Combine(BenchOptions.FindBenchFolder(), "..", "data");
        Dataset digits = CourseData.LoadMnist(dataRoot, trainCount: config.TrainSize).Train.ToDataset();
        _digits = digits;
        int[] order = Enumerable.Range(0, digits.Count).ToArray();
        rng.Shuffle(order);
        for (int start = 0; start + config.BatchSize <= order.Length; start += config.BatchSize)
        {
            int[] rows = order[start..(start + config.BatchSize)];
            _batches.Add((digits.Features.SelectRows(rows), rows.Select(i => digits.Labels![i]).ToArray(),
                new Matrix(config.BatchSize, config.Widths[^1])));
        }
    }

    /// <summary>Trains <see cref="BenchConfig.WarmupEpochs"/> epochs as lecture 09 does (the course's trainer, a fresh
    /// seeded order each epoch) before anything is timed: a late-training row.</summary>
    public void TrainThroughWarmup()
    {
        if (_config.WarmupEpochs == 0 || _digits is null) return;
        var options = new TrainerOptions { Epochs = _config.WarmupEpochs, BatchSize = _config.BatchSize, Seed = _seed,
            EvaluationInterval = _config.WarmupEpochs };
        new Trainer(_network, _loss, _optimizer, options).Train(_digits);
    }

    /// <summary>One optimizer step on the next batch; returns the loss so the JIT cannot drop the work.</summary>
    public double Step()
    {
        var (x, y, gradient) = _batches[_next];
        _next = (_next + 1) % _batches.Count;
        Matrix logits = _network.Forward(x, training: true);
        double value = _loss.Compute(logits, y, gradient);
        _network.BackwardParametersOnly(gradient);
        _optimizer.Step(_network.Parameters);
        return value;
    }

    /// <summary>Runs steps for about <paramref name="seconds"/> and returns steps per second.</summary>
    public double Measure(double seconds)
    {
        double sink = 0;
        int steps = 0;
        var clock = Stopwatch.StartNew();
        long budget = (long)(seconds * Stopwatch.Frequency);
        while (clock.ElapsedTicks < budget)
        {
            for (int i = 0; i < 16; i++) sink += Step();
            steps += 16;
        }
        double elapsed = clock.Elapsed.TotalSeconds;
        if (double.IsNaN(sink)) Console.Error.WriteLine("warning: the loss became NaN during the benchmark");
        return steps / elapsed;
    }
}
