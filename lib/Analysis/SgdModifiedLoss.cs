using RegularizationLab.Errors;

namespace RegularizationLab.Analysis;

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
}
