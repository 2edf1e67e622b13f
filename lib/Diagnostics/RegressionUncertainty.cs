using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Diagnostics;

/// <summary>A predictive mean and standard deviation per input (regression, output column 0).</summary>
public sealed record PredictiveSpread(double[] Mean, double[] StandardDeviation);

/// <summary>
/// Two approximate Bayesian predictive distributions for a regression network, to set beside the exact posterior of
/// <see cref="ToyProblems.BayesianLinearRegression"/>: Monte Carlo dropout (mean and spread of T forward passes with dropout on)
/// and a deep ensemble (mean and spread of M independently trained networks). Spreads divide by T (or M), the
/// spread of the equally weighted mixture.
/// </summary>
public static class RegressionUncertainty
{
    /// <summary>T training-mode passes over <paramref name="inputs"/>, fresh masks each time.</summary>
    public static PredictiveSpread MonteCarloDropout(Sequential network, Matrix inputs, int passes)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        Guard.Positive(passes, nameof(passes));
        if (network.DropoutLayers.Count == 0)
            throw new ArgumentException("network has no dropout layers, so every pass would agree; build it with dropout > 0.", nameof(network));
        var outputs = new double[passes][];
        for (int t = 0; t < passes; t++) outputs[t] = FirstColumn(network.Forward(inputs, training: true));
        return Spread(outputs);
    }

    /// <summary>The members' inference-mode outputs, averaged, with their spread.</summary>
    public static PredictiveSpread Ensemble(IReadOnlyList<Sequential> members, Matrix inputs)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(inputs);
        Guard.NotEmpty(members, nameof(members));
        return Spread(members.Select(m => FirstColumn(m.Forward(inputs, training: false))).ToArray());
    }

    /// <summary>Mean and standard deviation (divide by the count) across rows of <paramref name="samples"/>.</summary>
    public static PredictiveSpread Spread(double[][] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Guard.NotEmpty(samples, nameof(samples));
        int n = samples[0].Length;
        var mean = new double[n];
        var sd = new double[n];
        foreach (double[] s in samples)
        {
            Guard.Equal(s.Length, n, nameof(samples), "entries in every sample");
            for (int i = 0; i < n; i++) mean[i] += s[i] / samples.Length;
        }
        foreach (double[] s in samples)
            for (int i = 0; i < n; i++) sd[i] += (s[i] - mean[i]) * (s[i] - mean[i]) / samples.Length;
        for (int i = 0; i < n; i++) sd[i] = Math.Sqrt(sd[i]);
        return new PredictiveSpread(mean, sd);
    }

    private static double[] FirstColumn(Matrix m)
    {
        var column = new double[m.Rows];
        for (int i = 0; i < m.Rows; i++) column[i] = m[i, 0];
        return column;
    }
}
