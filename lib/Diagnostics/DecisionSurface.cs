using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// A classifier's predicted probability of one class over a 2-D grid: the picture behind every decision-boundary
/// figure (the boundary is the 0.5 contour of P(class 1) for two classes; the other contours show how confident the
/// network is away from it).
/// </summary>
public static class DecisionSurface
{
    /// <summary>P(<paramref name="classIndex"/> | x) of <paramref name="network"/> (inference mode) at every grid point:
    /// Values[j, i] for the point (xs[i], ys[j]).</summary>
    public static Grid2D ClassProbability(Sequential network, double[] xs, double[] ys, int classIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputWidth != 2)
            throw new ArgumentException($"network takes {network.InputWidth} inputs; a decision surface needs a network with 2 inputs.", nameof(network));
        if ((uint)classIndex >= (uint)network.OutputWidth)
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex,
                $"classIndex must be in [0, {network.OutputWidth}); got {classIndex}.");
        return GridEvaluation.EvaluateBatched(xs, ys, points =>
        {
            var probabilities = Evaluation.ClassProbabilities(network, points);
            var column = new double[points.Rows];
            for (int r = 0; r < points.Rows; r++) column[r] = probabilities[r, classIndex];
            return column;
        });
    }

    /// <summary>Mean confidence max_k P(k | x) over the rows of <paramref name="features"/>: near 1 for a network that is
    /// certain everywhere, lower for one whose probability contours are spread out.</summary>
    public static double MeanConfidence(Sequential network, RegularizationLab.Numerics.Matrix features)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(features);
        var probabilities = Evaluation.ClassProbabilities(network, features);
        double sum = 0;
        for (int r = 0; r < probabilities.Rows; r++)
        {
            double best = 0;
            for (int k = 0; k < probabilities.Cols; k++) best = Math.Max(best, probabilities[r, k]);
            sum += best;
        }
        return sum / probabilities.Rows;
    }
}
