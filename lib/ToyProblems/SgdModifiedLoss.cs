using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// The modified loss of stochastic gradient descent (textbook eq. 9.9; Smith et al. 2021):
///   L̃_SGD(φ) = L(φ) + (α/4)‖∇L(φ)‖² + (α/4B) Σ_b ‖∇L_b(φ) − ∇L(φ)‖²,
/// where L is the mean loss over all examples and L_b the mean over the b-th of the B batches of one epoch.
/// The first penalty is the gradient-descent term of eq. 9.8; the second is the variance of the batch gradients:
/// SGD prefers places where all batches agree on the slope.
/// </summary>
public static class SgdModifiedLoss
{
    /// <summary>(α/4)‖∇L(φ)‖², the full-batch gradient-descent penalty (fig. 9.4b).</summary>
    public static double GradientNormTerm(ISmoothLoss full, double[] phi, double alpha) =>
        GradientFlow.GradientPenalty(full, phi, alpha);

    /// <summary>(α/4B) Σ_b ‖∇L_b(φ) − ∇L(φ)‖², the batch-variance penalty (fig. 9.4c).</summary>
    public static double BatchVarianceTerm(ISmoothLoss full, IReadOnlyList<ISmoothLoss> batches, double[] phi, double alpha)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
            throw new ArgumentException("batches must contain at least one batch loss; got 0.", nameof(batches));
        Guard.NonNegative(alpha, nameof(alpha));
        double[] g = full.Gradient(phi);
        double sum = 0;
        foreach (var batch in batches)
        {
            double[] gb = batch.Gradient(phi);
            for (int i = 0; i < g.Length; i++)
                sum += (gb[i] - g[i]) * (gb[i] - g[i]);
        }
        return alpha / (4.0 * batches.Count) * sum;
    }

    /// <summary>L̃_SGD(φ) = L + gradient-norm term + batch-variance term (fig. 9.4d).</summary>
    public static double Value(ISmoothLoss full, IReadOnlyList<ISmoothLoss> batches, double[] phi, double alpha) =>
        full.Value(phi) + GradientNormTerm(full, phi, alpha) + BatchVarianceTerm(full, batches, phi, alpha);

    /// <summary>
    /// ∇L̃_SGD. With equal batch sizes ∇L is the mean of the ∇L_b, and the two penalties add up to (α/4B) Σ_b ‖∇L_b‖²
    /// (variance = mean of squares − square of mean), whose gradient is (α/2B) Σ_b H_b ∇L_b. So
    ///   ∇L̃_SGD = ∇L + (α/2B) Σ_b H_b ∇L_b.
    /// </summary>
    public static double[] Gradient(ISmoothLoss full, IReadOnlyList<ISmoothLoss> batches, double[] phi, double alpha)
    {
        CheckBatches(full, batches);
        Guard.NonNegative(alpha, nameof(alpha));
        double[] result = full.Gradient(phi);
        foreach (var batch in batches)
        {
            double[] g = batch.Gradient(phi);
            double[,] h = batch.Hessian(phi);
            for (int i = 0; i < result.Length; i++)
                for (int j = 0; j < g.Length; j++)
                    result[i] += alpha / (2.0 * batches.Count) * h[i, j] * g[j];
        }
        return result;
    }

    /// <summary>The modified SGD flow dφ/dt = −∇L̃_SGD run for <paramref name="duration"/> with RK4.</summary>
    public static double[] FlowEndPoint(ISmoothLoss full, IReadOnlyList<ISmoothLoss> batches, double[] start,
        double duration, int rk4Steps, double alpha)
    {
        CheckBatches(full, batches);
        return RungeKutta4.Integrate(phi => Gradient(full, batches, phi, alpha).Select(g => -g).ToArray(), start, duration, rk4Steps);
    }

    /// <summary>
    /// The mean end point of one SGD epoch (one step on each batch, step size α) from <paramref name="start"/>, averaged
    /// exactly over all B! orders in which the batches can be visited (random reshuffling of fixed batches). This is
    /// the mean that eq. 9.9 describes; <see cref="SgdEpochs.MeanEndPoint"/> also gives the with-replacement mean.
    /// </summary>
    public static double[] MeanEpochEndPoint(IReadOnlyList<ISmoothLoss> batches, double[] start, double alpha) =>
        SgdEpochs.MeanEndPoint(batches, start, alpha, BatchSampling.RandomReshuffling);

    private static void CheckBatches(ISmoothLoss full, IReadOnlyList<ISmoothLoss> batches)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
            throw new ArgumentException("batches must contain at least one batch loss; got 0.", nameof(batches));
    }
}
