using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// A trained network drawn over the plane or over its own parameter space: decision boundaries and probability
/// contours (the blog's figures 2, 3, 5, 6) and 2-D slices of the loss landscape.
/// </summary>
public static class NetworkGrids
{
    /// <summary>
    /// softmax(f(x, y))_class over the grid, inference mode (dropout off). The decision boundary of a two-class
    /// model is the 0.5 contour.
    /// </summary>
    public static Grid2D ClassProbability(Sequential network, double[] xs, double[] ys, int classIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckClass(network, classIndex);
        Guard.Equal(network.InputWidth, 2, nameof(network), "inputs (a grid needs a 2-input network)");
        return GridEvaluation.EvaluateBatched(xs, ys, points => ColumnOfSoftmax(network.Forward(points, training: false), classIndex));
    }

    /// <summary>
    /// The class probability of ONE dropout sub-network (the blog's figure 6): every dropout layer keeps each unit
    /// with probability 1 − p, the SAME units for every grid point (as in the blog's DropoutLayer, whose mask has the
    /// layer's width), scaled by 1/(1 − p). Different seeds give different sub-networks; their average over many
    /// seeds approaches the dropout-off network. The network's masks are released afterwards.
    /// </summary>
    public static Grid2D SubnetworkClassProbability(Sequential network, double[] xs, double[] ys, int seed, int classIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckClass(network, classIndex);
        if (network.DropoutLayers.Count == 0)
            throw new ArgumentException("network has no dropout layers, so it has no sub-networks to sample.", nameof(network));
        var random = new Random(seed);
        IReadOnlyList<Dropout> dropouts = network.DropoutLayers;
        int[] widths = DropoutWidths(network);
        try
        {
            for (int d = 0; d < dropouts.Count; d++)
            {
                var keepUnit = new double[widths[d]];
                for (int u = 0; u < keepUnit.Length; u++) keepUnit[u] = random.NextDouble() < dropouts[d].DropProbability ? 0 : 1;
                var keep = new Matrix(xs.Length, widths[d]);
                for (int r = 0; r < xs.Length; r++) keepUnit.CopyTo(keep.Row(r));
                dropouts[d].FixMask(keep);
            }
            return GridEvaluation.EvaluateBatched(xs, ys, points => ColumnOfSoftmax(network.Forward(points, training: true), classIndex));
        }
        finally
        {
            foreach (Dropout d in dropouts) d.ReleaseMask();
        }
    }

    /// <summary>
    /// A 2-D slice of the loss landscape: Values[j, i] = L(φ + alphas[i]·d₁ + betas[j]·d₂) on <paramref name="data"/>
    /// (mean data loss, inference mode). The parameters are restored afterwards.
    /// </summary>
    public static Grid2D LossSlice(Sequential network, Objective objective, Dataset data,
        double[] direction1, double[] direction2, double[] alphas, double[] betas)
    {
        ArgumentNullException.ThrowIfNull(network);
        Guard.Equal(direction1.Length, network.ParameterCount, nameof(direction1), "entries (one per parameter)");
        Guard.Equal(direction2.Length, network.ParameterCount, nameof(direction2), "entries (one per parameter)");
        double[] theta = GradientStatistics.GetParameters(network);
        var shifted = new double[theta.Length];
        try
        {
            return GridEvaluation.Evaluate(alphas, betas, (a, b) =>
            {
                for (int k = 0; k < theta.Length; k++) shifted[k] = theta[k] + a * direction1[k] + b * direction2[k];
                GradientStatistics.SetParameters(network, shifted);
                return Evaluation.Evaluate(network, objective, data).Loss;
            });
        }
        finally
        {
            GradientStatistics.SetParameters(network, theta);
        }
    }

    /// <summary>
    /// A random direction in parameter space scaled parameter by parameter to the size of the parameter itself
    /// (each tensor's block has the same norm as that tensor, a simple form of Li et al.'s filter normalization), so
    /// a step of 1 along it changes every layer by about 100%. Bias blocks are zero when <paramref name="includeBiases"/> is false.
    /// </summary>
    public static double[] RandomDirection(Sequential network, int seed, bool includeBiases = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        var random = new Random(seed);
        var direction = new double[network.ParameterCount];
        int offset = 0;
        foreach (Parameter p in network.Parameters)
        {
            int length = p.Value.Length;
            if (p.Kind == ParameterKind.Weight || includeBiases)
            {
                double norm = 0, valueNorm = GradientStatistics.Norm(p.Value.Data);
                for (int j = 0; j < length; j++) { direction[offset + j] = random.NextGaussian(); norm += direction[offset + j] * direction[offset + j]; }
                norm = Math.Sqrt(norm);
                for (int j = 0; j < length; j++) direction[offset + j] *= norm > 0 ? valueNorm / norm : 0;
            }
            offset += length;
        }
        return direction;
    }

    private static double[] ColumnOfSoftmax(Matrix logits, int classIndex)
    {
        Matrix probabilities = SoftmaxCrossEntropy.Softmax(logits);
        var p = new double[logits.Rows];
        for (int r = 0; r < p.Length; r++) p[r] = probabilities[r, classIndex];
        return p;
    }

    /// <summary>classIndex must name one of the network's outputs (shared with <see cref="Ensembles.DropoutEnsemble"/>).</summary>
    internal static void CheckClass(Sequential network, int classIndex)
    {
        if (classIndex < 0 || classIndex >= network.OutputWidth)
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex,
                $"classIndex must be in 0 … {network.OutputWidth - 1} (the network has {network.OutputWidth} outputs); got {classIndex}.");
    }

    /// <summary>The width each dropout layer sees: the output width of the nearest preceding linear layer.</summary>
    internal static int[] DropoutWidths(Sequential network)
    {
        var widths = new List<int>();
        int width = network.InputWidth;
        foreach (ILayer layer in network.Layers)
        {
            if (layer is Linear linear) width = linear.Outputs;
            else if (layer is Dropout) widths.Add(width);
        }
        return widths.ToArray();
    }
}
