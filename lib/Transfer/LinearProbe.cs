using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Training;

namespace RegularizationLab.Transfer;

/// <summary>How a <see cref="LinearProbe"/> trains (Adam on the softmax cross-entropy, mini-batches).</summary>
public sealed record LinearProbeOptions
{
    public int Epochs { get; init; } = 100;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of the head's initialization and of the batch order.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// A linear probe: softmax regression (one Linear layer, cross-entropy, Adam) trained on fixed features. It measures
/// how much of the label is *linearly* readable from a representation: the standard test of what a pretrained or
/// self-supervised trunk has learned. Training a new head on a frozen trunk is the same computation (the trunk's
/// output never changes), so a probe on <see cref="Trunk.Features"/> is the "freeze" arm of transfer learning
/// without recomputing the trunk at every step.
/// </summary>
public static class LinearProbe
{
    /// <summary>Trains a probe on <paramref name="features"/> (labelled) and returns it: a one-layer network
    /// features → classes.</summary>
    public static Sequential Train(Dataset features, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= new LinearProbeOptions();
        Guard.Positive(options.Epochs, nameof(options.Epochs));
        Guard.Positive(options.BatchSize, nameof(options.BatchSize));
        Guard.Positive(options.LearningRate, nameof(options.LearningRate));
        features.RequireLabels();
        var probe = new Sequential(new Linear(features.FeatureCount, features.ClassCount, new Random(options.Seed),
            Initialization.XavierUniform, "probe"));
        var trainerOptions = new TrainerOptions
        {
            Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed, EvaluationInterval = options.Epochs,
        };
        new Trainer(probe, new SoftmaxCrossEntropy(), new Adam(options.LearningRate), trainerOptions).Train(features);
        return probe;
    }

    /// <summary>
    /// Trains a probe on (<paramref name="trainFeatures"/>, <paramref name="trainLabels"/>) and returns its accuracy on
    /// (<paramref name="testFeatures"/>, <paramref name="testLabels"/>).
    /// </summary>
    public static double TestAccuracy(Matrix trainFeatures, int[] trainLabels, Matrix testFeatures, int[] testLabels,
        int classCount, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(testFeatures);
        if (testFeatures.Cols != trainFeatures.Cols)
            throw new ArgumentException(
                $"testFeatures has {testFeatures.Cols} columns but trainFeatures has {trainFeatures.Cols}; compute both with the same trunk.",
                nameof(testFeatures));
        var probe = Train(new Dataset(trainFeatures, trainLabels, classCount), options);
        return Evaluation.Evaluate(probe, new SoftmaxCrossEntropy(), new Dataset(testFeatures, testLabels, classCount)).Accuracy;
    }

    /// <summary>
    /// A probe on the data's own features (e.g. raw pixels): trained on <paramref name="train"/>, its accuracy on
    /// <paramref name="test"/>. Both must be labelled, with the same number of classes.
    /// </summary>
    public static double TestAccuracy(Dataset train, Dataset test, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        int[] trainLabels = train.RequireLabels(), testLabels = test.RequireLabels();
        if (test.ClassCount != train.ClassCount)
            throw new ArgumentException(
                $"test has {test.ClassCount} classes but train has {train.ClassCount}; a probe needs the same classes in both.",
                nameof(test));
        return TestAccuracy(train.Features, trainLabels, test.Features, testLabels, train.ClassCount, options);
    }

    /// <summary>
    /// A probe on what a frozen <paramref name="trunk"/> computes from <paramref name="train"/> and <paramref name="test"/>
    /// (<see cref="Trunk.Features"/>): the "freeze" arm of transfer learning, or the test of a self-supervised trunk.
    /// </summary>
    public static double TestAccuracy(Sequential trunk, Dataset train, Dataset test, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        return TestAccuracy(FeaturesOf(trunk, train), FeaturesOf(trunk, test), options);
    }

    private static Dataset FeaturesOf(Sequential trunk, Dataset data) =>
        new(Trunk.Features(trunk, data.Features), data.RequireLabels(), data.ClassCount);
}
