using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>
/// A small linear regression problem whose true weight vector is sparse: y = X·w* + noise, with only
/// <c>nonzero</c> of the <c>features</c> entries of w* different from 0. L1 should find them and zero the rest.
/// </summary>
public sealed record SparseRegressionProblem(Matrix X, double[] Y, double[] TrueWeights)
{
    public static SparseRegressionProblem Create(int examples, int features, int nonzero, double noise, int seed)
    {
        Errors.Guard.Positive(examples, nameof(examples));
        Errors.Guard.Positive(features, nameof(features));
        Errors.Guard.InRange(nonzero, 0, features, nameof(nonzero));
        Errors.Guard.NonNegative(noise, nameof(noise));
        var rng = new Random(seed);
        var x = new Matrix(examples, features);
        for (int i = 0; i < x.Length; i++) x.Data[i] = rng.NextGaussian();

        // The first `nonzero` features matter, with weights of both signs and magnitude between 1 and 3.
        var weights = new double[features];
        for (int j = 0; j < nonzero; j++) weights[j] = (rng.Next(2) == 0 ? -1 : 1) * (1 + 2 * rng.NextDouble());

        var y = new double[examples];
        for (int i = 0; i < examples; i++)
        {
            double prediction = 0;
            for (int j = 0; j < features; j++) prediction += x[i, j] * weights[j];
            y[i] = prediction + noise * rng.NextGaussian();
        }
        return new SparseRegressionProblem(x, y, weights);
    }

    public int Examples => X.Rows;
    public int Features => X.Cols;

    /// <summary>
    /// The smallest λ for which w = 0 minimises (1/2n)‖Xw − y‖² + λ‖w‖₁: at w = 0 the optimality condition
    /// 0 ∈ −Xᵀy/n + λ·[−1, 1]ᵈ holds exactly when λ ≥ max_j |x_jᵀ y| / n.
    /// </summary>
    internal static double LambdaMax(Matrix x, double[] y)
    {
        double largest = 0;
        for (int j = 0; j < x.Cols; j++)
        {
            double correlation = 0;
            for (int i = 0; i < x.Rows; i++) correlation += x[i, j] * y[i];
            largest = Math.Max(largest, Math.Abs(correlation));
        }
        return largest / x.Rows;
    }

    /// <summary>How many entries are exactly zero: proximal steps produce true zeros, not just small numbers.</summary>
    public static int CountZeros(IReadOnlyList<double> weights) => weights.Count(w => w == 0.0);
}
