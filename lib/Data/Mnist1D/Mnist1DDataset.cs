using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>The ten 12-point digit templates MNIST-1D starts from: X is 10 × 12 (row d is digit d), T the 12 positions.</summary>
public sealed record Mnist1DTemplates(Matrix X, double[] T, int[] Y);

/// <summary>
/// An MNIST-1D data set, with the same fields as the published pickle: <c>x</c> (train signals, one per row),
/// <c>y</c>, <c>x_test</c>, <c>y_test</c>, <c>t</c> (the horizontal coordinate of the 40 points, for plotting) and
/// <c>templates</c>. Signals are normalized over the whole set (train and test together) to mean 0 and standard
/// deviation 1, exactly as the original code does.
/// </summary>
public sealed record Mnist1DDataset(
    Matrix X,
    int[] Y,
    Matrix XTest,
    int[] YTest,
    double[] T,
    Mnist1DTemplates Templates)
{
    /// <summary>The training part (4,000 × 40 by default) as a <see cref="Dataset"/> with 10 classes.</summary>
    public Dataset Train => new(X, Y, classCount: 10);

    /// <summary>The test part (1,000 × 40 by default) as a <see cref="Dataset"/> with 10 classes.</summary>
    public Dataset Test => new(XTest, YTest, classCount: 10);

    public override string ToString() => $"MNIST-1D: train {X.Shape}, test {XTest.Shape}";
}
