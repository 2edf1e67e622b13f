using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// Textbook figure 9.10 on the "simplified" shallow network (<see cref="FixedJointNetwork"/>: frozen ReLU joints at
/// k/H, only the output layer β is learned): "at each step of SGD, random noise with variance σ_x² is added to the
/// batch data". Two fits of the same model:
/// <list type="bullet">
/// <item><see cref="FitBySgd"/>: the book's procedure, mini-batch SGD on ½·mean (f(x + n) − y)² with fresh n ~ N(0, σ_x²)
/// every step; the reported β is the average of the iterates over the second half of the run (Polyak averaging), so
/// the answer does not jitter with the last few noise draws.</item>
/// <item><see cref="FitExpectedLoss"/>: the minimizer of what SGD descends on average, E_n Σ_i (β·h(x_i + n) − y_i)²,
/// a least-squares problem with E[h hᵀ] and E[h] estimated from many noise draws per point.</item>
/// </list>
/// </summary>
public static class InputNoiseRegression
{
    /// <summary>Output-layer SGD with Gaussian input noise; returns β (bias first) averaged over the last half of the steps.</summary>
    public static double[] FitBySgd(RegressionSample data, double noiseStandardDeviation, int steps, double learningRate,
        int batchSize, int seed, int hiddenUnits = 14)
    {
        Check(data, noiseStandardDeviation, hiddenUnits);
        Guard.Positive(steps, nameof(steps));
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.Positive(batchSize, nameof(batchSize));
        var random = new Random(seed);
        int p = hiddenUnits + 1, n = data.Count;
        var beta = new double[p];
        var average = new double[p];
        var gradient = new double[p];
        int[] order = Enumerable.Range(0, n).ToArray();
        int position = n, averaged = 0;
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            int rows = Math.Min(batchSize, n);
            for (int r = 0; r < rows; r++)
            {
                if (position == n) { random.Shuffle(order); position = 0; }   // a fresh epoch order
                int i = order[position++];
                double[] h = FixedJointNetwork.Features(data.X[i] + noiseStandardDeviation * random.NextGaussian(), hiddenUnits);
                double residual = VectorMath.Dot(beta, h) - data.Y[i];
                for (int k = 0; k < p; k++) gradient[k] += residual * h[k] / rows;   // ∂/∂β of ½ mean r²
            }
            for (int k = 0; k < p; k++) beta[k] -= learningRate * gradient[k];
            if (step >= steps / 2)
            {
                averaged++;
                for (int k = 0; k < p; k++) average[k] += (beta[k] - average[k]) / averaged;
            }
        }
        return average;
    }

    /// <summary>argmin_β Σ_i E_n (β·h(x_i + n) − y_i)², with the expectations over <paramref name="draws"/> noise draws per point.</summary>
    public static double[] FitExpectedLoss(RegressionSample data, double noiseStandardDeviation, int draws, int seed,
        int hiddenUnits = 14)
    {
        Check(data, noiseStandardDeviation, hiddenUnits);
        Guard.Positive(draws, nameof(draws));
        var random = new Random(seed);
        int p = hiddenUnits + 1;
        var normal = new double[p, p];
        var rhs = new double[p];
        for (int i = 0; i < data.Count; i++)
            for (int d = 0; d < draws; d++)
            {
                double[] h = FixedJointNetwork.Features(data.X[i] + noiseStandardDeviation * random.NextGaussian(), hiddenUnits);
                for (int a = 0; a < p; a++)
                {
                    rhs[a] += h[a] * data.Y[i] / draws;
                    for (int b = 0; b < p; b++) normal[a, b] += h[a] * h[b] / draws;
                }
            }
        for (int k = 0; k < p; k++) normal[k, k] += 1e-10;   // σ = 0 with fewer points than joints: pick the least-norm-ish fit
        return LinearSolve.SymmetricPositiveDefinite(normal, rhs);
    }

    /// <summary>f(x) = β·h(x) for the fitted coefficients.</summary>
    public static double Predict(double[] coefficients, double x)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        return VectorMath.Dot(coefficients, FixedJointNetwork.Features(x, coefficients.Length - 1));
    }

    /// <summary>Σ_{k≥1} |β_k|: the total change of slope over all joints (0 for a straight line; large for a zig-zag).</summary>
    public static double TotalSlopeChange(double[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        return coefficients.Skip(1).Sum(Math.Abs);
    }

    private static void Check(RegressionSample data, double sigma, int hiddenUnits)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.NotEmpty(data.X, "data.X");
        Guard.AllFinite(data.X, "data.X");
        Guard.AllFinite(data.Y, "data.Y");
        Guard.NonNegative(sigma, "noiseStandardDeviation");
        Guard.Positive(hiddenUnits, nameof(hiddenUnits));
    }
}
