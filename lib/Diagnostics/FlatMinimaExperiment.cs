using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Optimizers;
using RegularizationLab.Training;

namespace RegularizationLab.Diagnostics;

/// <summary>One network of the weight-noise experiment, measured at its clean weights θ. <c>Rises</c> holds the
/// per-draw loss rises L(θ + δ_d) − L(θ) whose mean is <c>Sharpness</c>; every network is perturbed with the same δ_d,
/// so two networks compare draw by draw.</summary>
public sealed record FlatMinimaRun(double WeightNoise, int Seed, double TrainLoss, double TrainAccuracy,
    double TestAccuracy, double Sharpness, double SharpnessStandardError, double[] Rises)
{
    /// <summary>The trained network (not part of the saved results).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Sequential? Network { get; init; }
}

/// <summary>
/// Does weight noise find flatter minima? (Textbook §9.3.4 on the two-moons set-up of Praturu's blog post, §2.)
/// For every seed, one 2→64→64→2 tanh network is trained plainly and one with weight noise σ_w (same initialization,
/// same batches), on 250 two-moons points with 10% flipped labels, by SGD with the power-law schedule
/// η(t) = 0.15/(1 + t/5·10⁴), batch 32. Each is then measured at its clean weights: training loss and accuracy,
/// accuracy on 2000 clean points, and the sharpness S(ρ) = E_δ L(θ + δ) − L(θ) from <c>draws</c> perturbations with
/// its Monte Carlo standard error sd/√draws. The scale (epochs, seeds) is an argument: the lecture runs it short, a
/// full-scale script at the blog's 10⁴ epochs.
/// </summary>
public static class FlatMinimaExperiment
{
    /// <summary>The training set: 250 two-moons points with 10% flipped labels (the blog's weight-decay data).</summary>
    public static Dataset TrainingData() => TwoMoons.WeightDecayExperiment(seed: 7).Data;

    /// <summary>2000 clean points from the same two moons, to see whether flat also means accurate.</summary>
    public static Dataset CleanTestData() => TwoMoons.Generate(2000, TwoMoons.WeightDecayNoise, 0.0, seed: 99).Data;

    /// <summary>Trains the plain and the weight-noise network for every seed (in parallel) and measures each;
    /// results come plain seeds first, then weight-noise seeds, each in the order of <paramref name="seeds"/>.</summary>
    public static FlatMinimaRun[] Run(int epochs, IReadOnlyList<int> seeds, double weightNoise = 0.05,
        double radius = 0.05, int draws = 30, int perturbationSeed = 5)
    {
        Guard.Positive(epochs, nameof(epochs));
        ArgumentNullException.ThrowIfNull(seeds);
        Guard.NotEmpty(seeds, nameof(seeds));
        Guard.Positive(weightNoise, nameof(weightNoise));
        Guard.Finite(weightNoise, nameof(weightNoise));
        Guard.Positive(draws, nameof(draws));
        Dataset train = TrainingData(), test = CleanTestData();
        var ce = new SoftmaxCrossEntropy();
        // The weight-noise networks take about four times longer (a Gaussian per weight per step): start them
        // first, so that the cores finish together; the results come back plain first.
        var jobs = new[] { weightNoise, 0.0 }.SelectMany(w => seeds.Select(seed => (w, seed))).ToArray();
        var runs = Sweep.Run(jobs, c =>
        {
            (double w, int seed) = c.Value;
            var net = Mlp.Create(new[] { 2, 64, 64, 2 }, seed: seed);
            var optimizer = new WeightNoise(new Sgd(new PowerLawSchedule(0.15, 1, 5e4)), w, seed: 100 + seed);
            var options = new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = seed,
                EvaluationInterval = 1_000_000, Progress = c.Progress };
            new Trainer(net, ce, optimizer, options).Train(train);
            optimizer.RemoveNoise(net.Parameters);                     // measure the clean weights θ
            EvaluationResult fit = Evaluation.Evaluate(net, ce, train);
            double[] rises = Diagnostics.Sharpness.LossRises(net, ce, train, radius, draws, perturbationSeed);
            return new FlatMinimaRun(w, seed, fit.Loss, fit.Accuracy, Evaluation.Evaluate(net, ce, test).Accuracy,
                rises.Average(), StandardError(rises), rises) { Network = net };
        }).Select(r => r.Result).ToArray();
        return runs.Skip(seeds.Count).Concat(runs.Take(seeds.Count)).ToArray();
    }

    /// <summary>sd/√n of a sample (n − 1 in the variance).</summary>
    public static double StandardError(IReadOnlyList<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count < 2)
            throw new ArgumentException($"a standard error needs at least 2 values; got {sample.Count}.",
                nameof(sample));
        double mean = sample.Average();
        double variance = sample.Sum(v => (v - mean) * (v - mean)) / (sample.Count - 1);
        return Math.Sqrt(variance / sample.Count);
    }
}
