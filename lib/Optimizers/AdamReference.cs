namespace RegularizationLab.Optimizers;

/// <summary>
/// The Adam and AdamW step written as the papers write it, one weight at a time, for reading (and for the tests that
/// check the fast fused kernel behind <see cref="Adam"/> and <see cref="AdamW"/> against it). Notebooks can call it on
/// a few numbers to watch one step happen.
/// </summary>
public static class AdamReference
{
    /// <summary>
    /// One step at step count t (t = 1 for the first step), in place on w, m and v:
    ///   g = gradient + l2·w                          (Adam + L2: the penalty gradient goes INTO the moments; l2 = 0 otherwise)
    ///   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
    ///   m̂ = m/(1 − β₁ᵗ),       v̂ = v/(1 − β₂ᵗ)
    ///   w ← w − α·m̂/(√v̂ + ε) − decay·w               (AdamW: decay = α·λ as in PyTorch; Adam: decay = 0)
    /// </summary>
    public static void Step(double[] w, double[] gradient, double[] m, double[] v, int t, double alpha,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double l2 = 0.0, double decay = 0.0)
    {
        for (int j = 0; j < w.Length; j++)
        {
            double g = gradient[j] + l2 * w[j];
            m[j] = beta1 * m[j] + (1 - beta1) * g;
            v[j] = beta2 * v[j] + (1 - beta2) * g * g;
            double mHat = m[j] / (1 - Math.Pow(beta1, t));
            double vHat = v[j] / (1 - Math.Pow(beta2, t));
            w[j] = w[j] - alpha * mHat / (Math.Sqrt(vHat) + epsilon) - decay * w[j];
        }
    }
}
