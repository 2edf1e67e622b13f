using RegularizationLab.Errors;

namespace RegularizationLab.Optimizers;

/// <summary>
/// The published Adam and AdamW updates written as plain loops over one tensor's entries, one line per line of the
/// papers, to read beside the fused, vectorized kernel (<see cref="UpdateRules.Adam"/>) that <see cref="Adam"/> and
/// <see cref="AdamW"/> run. The tests step both side by side and require the same weights at every step.
/// </summary>
public static class ReferenceUpdates
{
    /// <summary>
    /// One step of Adam (Kingma &amp; Ba 2015, Algorithm 1) at step t ≥ 1 with learning rate α_t, in place on w, m, v:
    ///   m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,   m̂ = m/(1−β₁ᵗ),   v̂ = v/(1−β₂ᵗ),   w ← w − α_t·m̂/(√v̂ + ε).
    /// For "Adam + L2", pass g = ∇L + ∂R/∂w (the penalty coupled into the gradient).
    /// </summary>
    public static void Adam(double[] w, double[] g, double[] m, double[] v, int t,
        double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) =>
        AdamW(w, g, m, v, t, learningRate, decayFraction: 0.0, beta1, beta2, epsilon);

    /// <summary>
    /// One step of AdamW (Loshchilov &amp; Hutter 2019, Algorithm 2) at step t ≥ 1, in place on w, m, v:
    ///   m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,   m̂ = m/(1−β₁ᵗ),   v̂ = v/(1−β₂ᵗ),
    ///   w ← w − α_t·m̂/(√v̂ + ε) − d_t·w,
    /// where α_t = α·η_t is the step's learning rate and d_t the fraction of each weight the decay removes:
    /// d_t = η_t·λ in the paper (<see cref="WeightDecayScale.ScheduleMultiplier"/>), α·η_t·λ in PyTorch
    /// (<see cref="WeightDecayScale.LearningRate"/>), 0 for a parameter that is not regularized.
    /// </summary>
    public static void AdamW(double[] w, double[] g, double[] m, double[] v, int t,
        double learningRate, double decayFraction, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(v);
        Guard.SameLength(w.Length, g.Length, nameof(w), nameof(g));
        Guard.SameLength(w.Length, m.Length, nameof(w), nameof(m));
        Guard.SameLength(w.Length, v.Length, nameof(w), nameof(v));
        Guard.Positive(t, nameof(t));
        Guard.NonNegative(learningRate, nameof(learningRate));
        Guard.InRange(decayFraction, 0.0, 1.0, nameof(decayFraction));
        Guard.InHalfOpenRange(beta1, 0.0, 1.0, nameof(beta1));
        Guard.InHalfOpenRange(beta2, 0.0, 1.0, nameof(beta2));
        Guard.Positive(epsilon, nameof(epsilon));

        for (int i = 0; i < w.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];              // first moment: a running mean of g
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];       // second moment: a running mean of g²
            double mHat = m[i] / (1 - Math.Pow(beta1, t));         // bias corrections: m and v start at 0
            double vHat = v[i] / (1 - Math.Pow(beta2, t));
            w[i] = w[i] - learningRate * mHat / (Math.Sqrt(vHat) + epsilon) - decayFraction * w[i];
        }
    }
}
