using RegularizationLab.Diagnostics;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Ensembles;

/// <summary>
/// A network trained with dropout seen as the ensemble it trains: every keep pattern (one 0/1 entry per unit of every
/// dropout layer) is a sub-network that shares the weights. This class draws single members (the blog's figure 6),
/// and runs Monte Carlo dropout (the textbook's §9.3.3): T forward passes with fresh masks, whose mean is the ensemble's
/// prediction and whose spread says how much the members disagree.
/// </summary>
public static class DropoutEnsemble
{
    /// <summary>
    /// Draws one ensemble member: for every dropout layer of <paramref name="network"/> (in order), a keep pattern with
    /// one entry per unit, 1 with probability 1 − p and 0 with probability p.
    /// </summary>
    public static double[][] SampleMember(Sequential network, Random random)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(random);
        int[] widths = NetworkGrids.DropoutWidths(network);
        var patterns = new double[widths.Length][];
        for (int d = 0; d < widths.Length; d++)
        {
            double p = network.DropoutLayers[d].DropProbability;
            patterns[d] = new double[widths[d]];
            for (int u = 0; u < widths[d]; u++) patterns[d][u] = random.NextDouble() < p ? 0.0 : 1.0;
        }
        return patterns;
    }

    /// <summary>
    /// Class-<paramref name="classIndex"/> probabilities of one ensemble member on every row of <paramref name="inputs"/>:
    /// the same keep patterns for all rows, kept units scaled by 1/(1 − p) exactly as in training.
    /// </summary>
    public static double[] MemberProbabilities(Sequential network, double[][] keepPatterns, Matrix inputs, int classIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(keepPatterns);
        ArgumentNullException.ThrowIfNull(inputs);
        int[] widths = NetworkGrids.DropoutWidths(network);
        Guard.Equal(keepPatterns.Length, widths.Length, nameof(keepPatterns), "patterns (one per dropout layer)");
        NetworkGrids.CheckClass(network, classIndex);
        for (int d = 0; d < widths.Length; d++)
            Guard.Equal(keepPatterns[d].Length, widths[d], nameof(keepPatterns), $"entries in pattern {d} (one per unit)");

        // Forward layer by layer; at a dropout layer multiply column u by keep[u]/(1 − p), the training-time mask with
        // one pattern shared by every row. The activations are the previous layer's own buffer, which nothing else
        // reads after this pass, so they are masked in place (no allocation per member).
        Matrix x = inputs;
        int dropoutIndex = 0;
        foreach (ILayer layer in network.Layers)
        {
            if (layer is Dropout dropout)
            {
                if (ReferenceEquals(x, inputs)) x = inputs.Clone();   // never mask the caller's matrix
                double scale = 1.0 / (1.0 - dropout.DropProbability);
                double[] keep = keepPatterns[dropoutIndex++];
                for (int r = 0; r < x.Rows; r++)
                {
                    Span<double> row = x.Row(r);
                    for (int u = 0; u < row.Length; u++) row[u] *= keep[u] * scale;
                }
            }
            else
            {
                x = layer.Forward(x, training: false);
            }
        }
        return ClassProbability(x, classIndex);
    }

    /// <summary>
    /// Monte Carlo dropout: <paramref name="passes"/> training-mode forward passes over <paramref name="inputs"/>, each
    /// with fresh independent masks (drawn by the network's own dropout layers), recording the class-<paramref name="classIndex"/>
    /// probability of every row in every pass.
    /// </summary>
    public static MonteCarloPrediction MonteCarlo(Sequential network, Matrix inputs, int passes, int classIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        Guard.Positive(passes, nameof(passes));
        NetworkGrids.CheckClass(network, classIndex);
        if (network.DropoutLayers.Count == 0)
            throw new ArgumentException(
                "network has no dropout layers, so every pass would give the same answer; Monte Carlo dropout needs a network " +
                "built with dropout > 0 (e.g. Mlp.Create(widths, dropout: 0.4)).", nameof(network));
        var samples = new double[passes][];
        for (int t = 0; t < passes; t++) samples[t] = ClassProbability(network.Forward(inputs, training: true), classIndex);
        return new MonteCarloPrediction(samples);
    }

    /// <summary>
    /// Monte Carlo dropout on the logit scale: Samples[t][i] = z₁ − z₀ (the log-odds of class 1) of row i in pass t, for
    /// a two-class network. Unlike probabilities, log-odds are not squeezed near 0 and 1, so their spread across passes
    /// is not forced small by the bound s² ≤ p̄(1−p̄) that caps the spread of probabilities.
    /// </summary>
    public static MonteCarloPrediction MonteCarloLogOdds(Sequential network, Matrix inputs, int passes)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        Guard.Positive(passes, nameof(passes));
        NetworkGrids.CheckClass(network, 1);
        if (network.DropoutLayers.Count == 0)
            throw new ArgumentException("network has no dropout layers; Monte Carlo dropout needs dropout > 0.", nameof(network));
        var samples = new double[passes][];
        for (int t = 0; t < passes; t++)
        {
            Matrix z = network.Forward(inputs, training: true);
            if (z.Cols != 2)
                throw new ArgumentException($"network must have 2 outputs for log-odds; it has {z.Cols}.", nameof(network));
            samples[t] = Enumerable.Range(0, z.Rows).Select(r => z[r, 1] - z[r, 0]).ToArray();
        }
        return new MonteCarloPrediction(samples);
    }

    /// <summary>Class-<paramref name="classIndex"/> probabilities with dropout off (the ordinary test-time network).</summary>
    public static double[] InferenceProbabilities(Sequential network, Matrix inputs, int classIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        NetworkGrids.CheckClass(network, classIndex);
        return ClassProbability(network.Forward(inputs, training: false), classIndex);
    }

    /// <summary>The points of a grid as rows (x, y), row index j·xs.Length + i, the order <see cref="ToGrid"/> expects.</summary>
    public static Matrix GridPoints(double[] xs, double[] ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        var points = new Matrix(xs.Length * ys.Length, 2);
        for (int j = 0; j < ys.Length; j++)
            for (int i = 0; i < xs.Length; i++) { points[j * xs.Length + i, 0] = xs[i]; points[j * xs.Length + i, 1] = ys[j]; }
        return points;
    }

    /// <summary>Values computed on <see cref="GridPoints"/> as a <see cref="Grid2D"/> (Values[j, i] at (xs[i], ys[j])).</summary>
    public static Grid2D ToGrid(double[] xs, double[] ys, double[] values)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(values);
        Guard.Equal(values.Length, xs.Length * ys.Length, nameof(values), "entries (one per grid point)");
        var grid = new double[ys.Length, xs.Length];
        for (int j = 0; j < ys.Length; j++)
            for (int i = 0; i < xs.Length; i++) grid[j, i] = values[j * xs.Length + i];
        return new Grid2D(xs, ys, grid);
    }

    private static double[] ClassProbability(Matrix logits, int classIndex)
    {
        Matrix probabilities = SoftmaxCrossEntropy.Softmax(logits);
        var result = new double[probabilities.Rows];
        for (int r = 0; r < result.Length; r++) result[r] = probabilities[r, classIndex];
        return result;
    }
}

/// <summary>
/// The recorded passes of Monte Carlo dropout: Samples[t][i] is the probability for row i in pass t.
/// Statistics can use the first <c>passes</c> passes only, to watch the estimate converge.
/// </summary>
public sealed record MonteCarloPrediction(double[][] Samples)
{
    public int Passes => Samples.Length;

    /// <summary>Predictive mean over the first <paramref name="passes"/> passes (all by default): the ensemble average.</summary>
    public double[] Mean(int? passes = null)
    {
        int t = CheckPasses(passes);
        var mean = new double[Samples[0].Length];
        for (int s = 0; s < t; s++)
            for (int i = 0; i < mean.Length; i++) mean[i] += Samples[s][i];
        for (int i = 0; i < mean.Length; i++) mean[i] /= t;
        return mean;
    }

    /// <summary>Sample standard deviation over the first <paramref name="passes"/> passes (≥ 2): how much the members disagree.</summary>
    public double[] StandardDeviation(int? passes = null)
    {
        int t = CheckPasses(passes);
        if (t < 2)
            throw new ArgumentOutOfRangeException(nameof(passes), t, $"a standard deviation needs at least 2 passes; got {t}.");
        double[] mean = Mean(t);
        var sd = new double[mean.Length];
        for (int s = 0; s < t; s++)
            for (int i = 0; i < sd.Length; i++) { double d = Samples[s][i] - mean[i]; sd[i] += d * d; }
        for (int i = 0; i < sd.Length; i++) sd[i] = Math.Sqrt(sd[i] / (t - 1));
        return sd;
    }

    /// <summary>
    /// Predictive entropy H[p̄] = −p̄ ln p̄ − (1−p̄) ln(1−p̄) of the mean prediction (in nats): total uncertainty, large
    /// wherever p̄ is near ½, whether the members agree or not.
    /// </summary>
    public double[] PredictiveEntropy() => Mean().Select(BinaryEntropy).ToArray();

    /// <summary>
    /// Mutual information between the prediction and the mask (BALD; Houlsby et al. 2011, Gal et al. 2017):
    /// H[p̄] − (1/T)Σₜ H[pₜ] ≥ 0. It is zero when every member says the same thing, however uncertain, so it measures
    /// <em>disagreement</em> only. (Like the spread of probabilities it is capped where p̄ is near 0 or 1: MI ≤ H[p̄].)
    /// </summary>
    public double[] MutualInformation()
    {
        double[] total = PredictiveEntropy();
        var result = new double[total.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double expected = 0;
            for (int s = 0; s < Passes; s++) expected += BinaryEntropy(Samples[s][i]);
            result[i] = Math.Max(0, total[i] - expected / Passes);
        }
        return result;
    }

    private static double BinaryEntropy(double p) =>
        (p <= 0 ? 0 : -p * Math.Log(p)) + (p >= 1 ? 0 : -(1 - p) * Math.Log(1 - p));

    private int CheckPasses(int? passes)
    {
        int t = passes ?? Passes;
        if (t < 1 || t > Passes)
            throw new ArgumentOutOfRangeException(nameof(passes), t, $"passes must be 1 … {Passes} (the passes recorded); got {t}.");
        return t;
    }
}
