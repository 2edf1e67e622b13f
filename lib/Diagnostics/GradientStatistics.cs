using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Regularizers;
using RegularizationLab.Training;

namespace RegularizationLab.Diagnostics;

/// <summary>Gradient noise of SGD (textbook eq. 9.9): how much the mini-batch gradients disagree with the full one.</summary>
/// <param name="FullGradientNorm">‖∂L/∂φ‖ for the mean loss L over the whole data set.</param>
/// <param name="MeanSquaredDeviation">(1/B) Σ_b ‖∂L_b/∂φ − ∂L/∂φ‖², the variance term of eq. 9.9.</param>
/// <param name="BatchGradientNorms">‖∂L_b/∂φ‖ of every batch.</param>
/// <param name="BatchSize">|𝓑|, examples per batch.</param>
public sealed record GradientVarianceReport(
    double FullGradientNorm, double MeanSquaredDeviation, double[] BatchGradientNorms, int BatchSize)
{
    public int BatchCount => BatchGradientNorms.Length;

    /// <summary>The implicit SGD penalty (α / 4B) Σ_b ‖∂L_b/∂φ − ∂L/∂φ‖² = (α/4)·MeanSquaredDeviation for step size α.</summary>
    public double ImplicitPenalty(double learningRate) => learningRate / 4 * MeanSquaredDeviation;
}

/// <summary>
/// Gradients of a network's loss with respect to ALL its parameters as one flat vector φ (parameters in
/// <see cref="Sequential.Parameters"/> order, each row-major): the full-batch gradient and its norm, the spread of
/// mini-batch gradients, and Hessian-vector products H v by central differences of gradients.
/// All functions evaluate in inference mode by default (dropout off) so results are deterministic.
/// They overwrite the network's Parameter.Gradient buffers (harmless outside a training step).
/// </summary>
public static class GradientStatistics
{
    /// <summary>The parameters φ as one flat vector (a copy).</summary>
    public static double[] GetParameters(Sequential network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var flat = new double[network.ParameterCount];
        int offset = 0;
        foreach (Parameter p in network.Parameters)
        {
            p.Value.Data.CopyTo(flat, offset);
            offset += p.Value.Length;
        }
        return flat;
    }

    /// <summary>Writes a flat vector back into the parameters (length must equal the parameter count).</summary>
    public static void SetParameters(Sequential network, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (values.Length != network.ParameterCount)
            throw new ArgumentException(
                $"values has {values.Length} entries, but the network has {network.ParameterCount} parameters.", nameof(values));
        int offset = 0;
        foreach (Parameter p in network.Parameters)
        {
            values.Slice(offset, p.Value.Length).CopyTo(p.Value.Data);
            offset += p.Value.Length;
        }
    }

    /// <summary>
    /// ∂L/∂φ for the mean loss L over <paramref name="data"/> (plus the penalty's gradient on regularized parameters
    /// if <paramref name="penalty"/> is given), as a flat vector.
    /// </summary>
    public static double[] Gradient(Sequential network, Objective objective, Dataset data, IPenalty? penalty = null,
        bool training = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(data);
        objective.CheckCompatible(data, network.InputWidth, network.OutputWidth, nameof(data));
        return GradientOfRows(network, objective, data, 0, data.Count, penalty, training);
    }

    /// <summary>‖∂L/∂φ‖ over the whole data set.</summary>
    public static double GradientNorm(Sequential network, Objective objective, Dataset data, IPenalty? penalty = null) =>
        Norm(Gradient(network, objective, data, penalty));

    /// <summary>
    /// The spread of mini-batch gradients around the full-batch gradient (eq. 9.9): shuffle the data with
    /// <paramref name="seed"/>, cut it into B = ⌊n / batchSize⌋ batches (a remainder is left out, so that every L_b
    /// is a mean over the same number of examples), and compare each ∂L_b/∂φ with ∂L/∂φ over all n examples.
    /// </summary>
    public static GradientVarianceReport BatchGradientVariance(Sequential network, Objective objective, Dataset data,
        int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(batchSize, nameof(batchSize));
        if (batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"batchSize must be at most the number of examples ({data.Count}); got {batchSize}.");
        double[] full = Gradient(network, objective, data);
        int[] order = new Random(seed).Permutation(data.Count);
        Dataset shuffled = data.Subset(order);
        int batches = data.Count / batchSize;
        var norms = new double[batches];
        double deviation = 0;
        for (int b = 0; b < batches; b++)
        {
            double[] g = GradientOfRows(network, objective, shuffled, b * batchSize, batchSize, null, false);
            norms[b] = Norm(g);
            double d = 0;
            for (int j = 0; j < g.Length; j++) d += (g[j] - full[j]) * (g[j] - full[j]);
            deviation += d;
        }
        return new GradientVarianceReport(Norm(full), deviation / batches, norms, batchSize);
    }

    /// <summary>
    /// H v, the Hessian of the mean loss times <paramref name="vector"/>, by a central difference of gradients along
    /// the unit direction u = v/‖v‖:  H v ≈ ‖v‖ · (∇L(φ + h u) − ∇L(φ − h u)) / (2h).
    /// The error is O(h²·∂³L) from truncation plus O(ε_machine·‖∇L‖/h) from rounding; h = 1e-5 balances the two
    /// for losses of order one (both near 1e-10). Exact for a quadratic loss up to rounding. The parameters are
    /// restored afterwards.
    /// </summary>
    public static double[] HessianVectorProduct(Sequential network, Objective objective, Dataset data, double[] vector,
        double step = 1e-5, IPenalty? penalty = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        double[] theta = GetParameters(network);
        try
        {
            return HessianVectorProduct(phi =>
            {
                SetParameters(network, phi);
                return Gradient(network, objective, data, penalty);
            }, theta, vector, step);
        }
        finally
        {
            SetParameters(network, theta);
        }
    }

    /// <summary>H v by central differences of any gradient function (see the network overload for the step).</summary>
    public static double[] HessianVectorProduct(Func<double[], double[]> gradient, double[] point, double[] vector,
        double step = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(vector);
        Guard.Equal(vector.Length, point.Length, nameof(vector), "entries (one per parameter)");
        Guard.AllFinite(vector, nameof(vector));
        Guard.Positive(step, nameof(step));
        double length = Norm(vector);
        if (length == 0) return new double[vector.Length];
        var plus = new double[point.Length];
        var minus = new double[point.Length];
        for (int j = 0; j < point.Length; j++)
        {
            double u = vector[j] / length;
            plus[j] = point[j] + step * u;
            minus[j] = point[j] - step * u;
        }
        double[] gPlus = gradient(plus), gMinus = gradient(minus);
        var result = new double[point.Length];
        for (int j = 0; j < result.Length; j++) result[j] = length * (gPlus[j] - gMinus[j]) / (2 * step);
        return result;
    }

    /// <summary>
    /// The largest-magnitude Hessian eigenvalue (the "sharpness" of a minimum) by power iteration on H v:
    /// v ← Hv / ‖Hv‖, λ ≈ vᵀHv. Converges when the top eigenvalue is well separated; <paramref name="iterations"/>
    /// of 30–100 are typical.
    /// </summary>
    public static double LargestHessianEigenvalue(Sequential network, Objective objective, Dataset data,
        int iterations = 50, int seed = 0)
    {
        Guard.Positive(iterations, nameof(iterations));
        var random = new Random(seed);
        var v = new double[network.ParameterCount];
        for (int j = 0; j < v.Length; j++) v[j] = random.NextGaussian();
        double lambda = 0;
        for (int it = 0; it < iterations; it++)
        {
            double norm = Norm(v);
            for (int j = 0; j < v.Length; j++) v[j] /= norm;
            double[] hv = HessianVectorProduct(network, objective, data, v);
            lambda = 0;
            for (int j = 0; j < v.Length; j++) lambda += v[j] * hv[j];
            v = hv;
            if (Norm(v) == 0) return 0;
        }
        return lambda;
    }

    /// <summary>The Euclidean norm ‖g‖.</summary>
    public static double Norm(ReadOnlySpan<double> g)
    {
        double s = 0;
        foreach (double x in g) s += x * x;
        return Math.Sqrt(s);
    }

    private static double[] GradientOfRows(Sequential network, Objective objective, Dataset data, int start, int count,
        IPenalty? penalty, bool training)
    {
        const int chunk = 1024;
        var flat = new double[network.ParameterCount];
        for (int s = start; s < start + count; s += chunk)
        {
            int rows = Math.Min(chunk, start + count - s);
            var features = new Matrix(rows, data.FeatureCount, data.Features.Data.AsSpan(s * data.FeatureCount, rows * data.FeatureCount).ToArray());
            Matrix outputs = network.Forward(features, training);
            var outputGradient = new Matrix(rows, outputs.Cols);
            if (objective.IsClassification)
                objective.Compute(outputs, data.Labels.AsSpan(s, rows), null, outputGradient);
            else
            {
                var targets = new Matrix(rows, data.Targets!.Cols, data.Targets.Data.AsSpan(s * data.Targets.Cols, rows * data.Targets.Cols).ToArray());
                objective.Compute(outputs, default, targets, outputGradient);
            }
            network.Backward(outputGradient);
            // The chunk's gradient is of its own mean; weight it by rows / count to get the mean over all rows.
            double weight = (double)rows / count;
            int offset = 0;
            foreach (Parameter p in network.Parameters)
            {
                double[] g = p.Gradient.Data;
                for (int j = 0; j < g.Length; j++) flat[offset + j] += weight * g[j];
                offset += g.Length;
            }
        }
        if (penalty is not null)
        {
            int offset = 0;
            foreach (Parameter p in network.Parameters)
            {
                if (p.Regularized) penalty.AddGradient(p.Value.Data, flat.AsSpan(offset, p.Value.Length));
                offset += p.Value.Length;
            }
        }
        return flat;
    }
}
