using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The textbook's 1-D regression toy (chapter 8, figure 8.4, reused in figures 9.2, 9.6, 9.7, 9.9, 9.10):
/// a smooth "true function" on [0, 1], observed at a handful of noisy points.
/// The textbook chapter (Prince, ch. 9) shows the figures but not the generating recipe, so the recipe is our choice,
/// documented here: true function y = exp(sin(2πx)) (a smooth bump and dip between 1/e and e); the i-th input is
/// drawn uniformly from the i-th of n equal sub-intervals of [0, 1] (inputs spread over the whole range, as in the
/// figures, yet random); outputs get Gaussian noise with standard deviation σ (default 0.3).
/// </summary>
public static class RegressionToy
{
    public const int DefaultCount = 15;
    public const double DefaultNoise = 0.3;

    /// <summary>The true function exp(sin(2πx)).</summary>
    public static double TrueFunction(double x) => Math.Exp(Math.Sin(2 * Math.PI * x));

    /// <summary>Generates <paramref name="count"/> noisy observations of the true function.</summary>
    public static RegressionSample Generate(int seed, int count = DefaultCount, double noise = DefaultNoise)
    {
        Guard.Positive(count, nameof(count));
        Guard.NonNegative(noise, nameof(noise));
        var random = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = (i + random.NextDouble()) / count;
            y[i] = TrueFunction(x[i]) + noise * random.NextGaussian();
        }
        return new RegressionSample(x, y);
    }

    /// <summary>The true function on <paramref name="points"/> evenly spaced inputs in [0, 1] (for the black curve).</summary>
    public static (double[] X, double[] Y) TrueCurve(int points = 200)
    {
        if (points < 2)
            throw new ArgumentOutOfRangeException(nameof(points), points, $"points must be at least 2; got {points}.");
        double[] x = Enumerable.Range(0, points).Select(i => (double)i / (points - 1)).ToArray();
        return (x, x.Select(TrueFunction).ToArray());
    }
}

/// <summary>Paired 1-D inputs and outputs of a regression toy.</summary>
public sealed record RegressionSample(double[] X, double[] Y)
{
    public int Count => X.Length;

    /// <summary>As a data set: n × 1 features and n × 1 targets, ready for a network and the MSE loss.</summary>
    public Dataset ToDataset() =>
        new(new Matrix(X.Length, 1, (double[])X.Clone()), new Matrix(Y.Length, 1, (double[])Y.Clone()));
}
