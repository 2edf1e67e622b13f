using RegularizationLab.Errors;

namespace RegularizationLab.ToyProblems;

/// <summary>How one SGD epoch picks its B batches.</summary>
public enum BatchSampling
{
    /// <summary>Each batch exactly once, in a fresh random order (PyTorch's shuffled DataLoader).</summary>
    RandomReshuffling,

    /// <summary>Each of the B steps draws a batch uniformly at random, independently (batches can repeat).</summary>
    WithReplacement,
}

/// <summary>
/// Exact means and long-run averages of SGD epochs on a small smooth loss, to test the SGD modified loss (textbook
/// eq. 9.9) against what SGD actually does. The modified loss is a statement about the <em>mean</em> iterate, and which
/// mean depends on how batches are sampled:
/// <list type="bullet">
/// <item>random reshuffling: E[φ_B] follows the flow of L̃_SGD = L + (α/4)‖∇L‖² + (α/4B)Σ_b‖∇L_b − ∇L‖² to O(α³);</item>
/// <item>with replacement: E[H_{σ(k)}∇L_{σ(i)}] = H∇L for every i ≠ k, so E[φ_B] follows the flow of L̃_GD instead,
/// and the batch variance shows up only in the fluctuations around the mean.</item>
/// </list>
/// </summary>
public static class SgdEpochs
{
    /// <summary>
    /// The mean end point of one epoch (B steps of size α) from <paramref name="start"/>, averaged exactly over every
    /// possible epoch: all B! orders (reshuffling) or all B^B sequences (with replacement). The enumeration walks the
    /// tree of partial epochs, so shared prefixes are computed once. Small B only (at most 8 batches).
    /// </summary>
    public static double[] MeanEndPoint(IReadOnlyList<ISmoothLoss> batches, double[] start, double alpha, BatchSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(start);
        if (batches.Count is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(batches), batches.Count,
                $"batches must hold 1 to 8 batch losses (every epoch is enumerated); got {batches.Count}.");
        Guard.Positive(alpha, nameof(alpha));
        return MeanOfRemaining(batches, start, alpha, new bool[batches.Count], batches.Count, sampling);
    }

    // E[end point | current φ, batches still to come]: the average over the next batch of the same quantity one step on.
    private static double[] MeanOfRemaining(IReadOnlyList<ISmoothLoss> batches, double[] phi, double alpha,
        bool[] used, int remaining, BatchSampling sampling)
    {
        if (remaining == 0) return phi;
        var mean = new double[phi.Length];
        int choices = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            if (sampling == BatchSampling.RandomReshuffling && used[b]) continue;
            used[b] = true;
            double[] end = MeanOfRemaining(batches, GradientFlow.GradientDescentStep(batches[b], phi, alpha), alpha,
                used, remaining - 1, sampling);
            used[b] = false;
            for (int i = 0; i < mean.Length; i++) mean[i] += end[i];
            choices++;
        }
        for (int i = 0; i < mean.Length; i++) mean[i] /= choices;
        return mean;
    }

    /// <summary>
    /// Runs <paramref name="epochs"/> epochs of SGD with random reshuffling from <paramref name="start"/> and returns the
    /// average of the epoch-end iterates after the first <paramref name="burnInEpochs"/> (the long-run position that the
    /// modified loss predicts), with a seeded order of batches.
    /// </summary>
    public static double[] AverageIterate(IReadOnlyList<ISmoothLoss> batches, double[] start, double alpha,
        int epochs, int burnInEpochs, int seed)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(start);
        Guard.NotEmpty(batches, nameof(batches));
        Guard.Positive(alpha, nameof(alpha));
        Guard.Positive(epochs, nameof(epochs));
        Guard.NonNegative(burnInEpochs, nameof(burnInEpochs));
        if (burnInEpochs >= epochs)
            throw new ArgumentOutOfRangeException(nameof(burnInEpochs), burnInEpochs,
                $"burnInEpochs must be smaller than epochs ({epochs}); got {burnInEpochs}.");
        var rng = new Random(seed);
        int[] order = Enumerable.Range(0, batches.Count).ToArray();
        double[] phi = (double[])start.Clone();
        var sum = new double[phi.Length];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (int b in order) phi = GradientFlow.GradientDescentStep(batches[b], phi, alpha);
            Guard.AllFinite(phi, "iterate (the step size is too large: SGD diverged)");
            if (epoch < burnInEpochs) continue;
            for (int i = 0; i < sum.Length; i++) sum[i] += phi[i];
        }
        return sum.Select(s => s / (epochs - burnInEpochs)).ToArray();
    }
}
