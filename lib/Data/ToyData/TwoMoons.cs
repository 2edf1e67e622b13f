using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The two-moons data set: two interleaved half circles, the blog's test bed for weight decay and dropout.
/// Class 0 lies on the upper arc (cos t, sin t), class 1 on the lower arc (1 − cos t, ½ − sin t), t ∈ [0, π],
/// with the angles evenly spaced (⌊n/2⌋ points on the upper arc, the rest on the lower one).
/// Two kinds of noise make the problem hard in different ways:
///  • spatial noise: each point moves by an isotropic Gaussian with standard deviation σ, so the arcs overlap;
///  • label noise: each label is flipped independently with probability q (the blog: "each point has a 10%
///    chance of having the label flipped"), which a network can only fit by drawing islands around single points.
/// Examples come out in a seeded random order.
/// </summary>
public static class TwoMoons
{
    /// <summary>Spatial noise of the weight-decay experiment. The blog does not state it; 0.1 (our choice) keeps the
    /// moons clearly separated, so every jagged part of the unregularized boundary is caused by the flipped labels.</summary>
    public const double WeightDecayNoise = 0.1;

    /// <summary>Spatial noise of the dropout experiment. The blog says only that it is larger, so that "the 2 classes are
    /// not cleanly separated"; 0.3 (our choice) makes the arcs overlap visibly.</summary>
    public const double DropoutNoise = 0.3;

    /// <summary>Generates <paramref name="count"/> points (see the class summary).</summary>
    /// <param name="count">Number of points, ≥ 2.</param>
    /// <param name="noise">Standard deviation σ ≥ 0 of the Gaussian added to each coordinate.</param>
    /// <param name="labelFlipProbability">Probability q ∈ [0, 1] that a label is flipped.</param>
    /// <param name="seed">Seed of the random generator: the same seed gives the same points.</param>
    public static MoonsSample Generate(int count, double noise, double labelFlipProbability, int seed)
    {
        if (count < 2)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"count must be at least 2 (one point per moon); got {count}.");
        Guard.NonNegative(noise, nameof(noise));
        Guard.InRange(labelFlipProbability, 0, 1, nameof(labelFlipProbability));

        var random = new Random(seed);
        int upper = count / 2, lower = count - upper;
        var x = new double[count];
        var y = new double[count];
        var clean = new int[count];
        for (int i = 0; i < upper; i++)
        {
            double t = upper == 1 ? 0 : Math.PI * i / (upper - 1);
            (x[i], y[i], clean[i]) = (Math.Cos(t), Math.Sin(t), 0);
        }
        for (int i = 0; i < lower; i++)
        {
            double t = lower == 1 ? 0 : Math.PI * i / (lower - 1);
            (x[upper + i], y[upper + i], clean[upper + i]) = (1 - Math.Cos(t), 0.5 - Math.Sin(t), 1);
        }

        // Shuffle (Fisher–Yates) so that a mini-batch or a split never sees one moon only.
        int[] order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);

        var features = new Matrix(count, 2);
        var labels = new int[count];
        var cleanLabels = new int[count];
        var flipped = new bool[count];
        for (int i = 0; i < count; i++)
        {
            int source = order[i];
            features[i, 0] = x[source] + noise * random.NextGaussian();
            features[i, 1] = y[source] + noise * random.NextGaussian();
            cleanLabels[i] = clean[source];
            flipped[i] = random.NextDouble() < labelFlipProbability;
            labels[i] = flipped[i] ? 1 - clean[source] : clean[source];
        }
        return new MoonsSample(new Dataset(features, labels, classCount: 2), cleanLabels, flipped);
    }

    /// <summary>The blog's weight-decay data: 250 points, 10% label flips, spatial noise <see cref="WeightDecayNoise"/>.</summary>
    public static MoonsSample WeightDecayExperiment(int seed) => Generate(250, WeightDecayNoise, 0.1, seed);

    /// <summary>The blog's dropout data: 300 points, no label flips, spatial noise <see cref="DropoutNoise"/>.</summary>
    public static MoonsSample DropoutExperiment(int seed) => Generate(300, DropoutNoise, 0.0, seed);
}

/// <summary>A two-moons sample: the data set (with possibly flipped labels), the labels before flipping,
/// and which examples were flipped (to mark them in a scatter plot).</summary>
public sealed record MoonsSample(Dataset Data, int[] CleanLabels, bool[] Flipped)
{
    public int FlippedCount => Flipped.Count(f => f);
    public Matrix Features => Data.Features;
    public int[] Labels => Data.RequireLabels();
}
