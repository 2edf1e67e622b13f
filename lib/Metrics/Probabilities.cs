using RegularizationLab.Errors;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Metrics;

/// <summary>
/// Turns a network's logits into class probabilities and predictions.
/// softmax(z)_k = exp(z_k − max z) / Σ_j exp(z_j − max z): subtracting the row maximum changes nothing
/// mathematically but keeps exp from overflowing when a confident network produces logits like 800.
/// </summary>
public static class Probabilities
{
    /// <summary>Row-wise softmax of an n × K logit matrix; returns a new n × K matrix whose rows sum to 1.</summary>
    public static Matrix Softmax(Matrix logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        Guard.AllFinite(logits.Data, nameof(logits));
        return SoftmaxCrossEntropy.Softmax(logits);   // the one definition of the row softmax
    }

    /// <summary>
    /// The predicted class of each row: argmax_k (ties go to the lower index). A row with a NaN score has no
    /// predicted class, so it is an error naming the row (argmax would otherwise silently answer class 0).
    /// </summary>
    public static int[] PredictedClasses(Matrix scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var predicted = new int[scores.Rows];
        for (int r = 0; r < scores.Rows; r++)
        {
            ReadOnlySpan<double> s = scores.Row(r);
            if (HasNaN(s))
                throw new ArgumentException(
                    $"scores row {r} contains NaN, so it has no predicted class; the network's outputs are not numbers " +
                    "(did training diverge? check the loss history).", nameof(scores));
            int best = 0;
            for (int k = 1; k < s.Length; k++) if (s[k] > s[best]) best = k;
            predicted[r] = best;
        }
        return predicted;
    }

    /// <summary>
    /// The confidence p̂ of each prediction, the largest class probability of each row
    /// (the blog's definition). <paramref name="probabilities"/> must be probabilities, not logits.
    /// </summary>
    public static double[] Confidences(Matrix probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        CheckProbabilityRows(probabilities, nameof(probabilities));
        var confidence = new double[probabilities.Rows];
        for (int r = 0; r < probabilities.Rows; r++)
        {
            double max = 0;
            foreach (double v in probabilities.Row(r)) max = Math.Max(max, v);
            confidence[r] = max;
        }
        return confidence;
    }

    internal static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (double.IsNaN(v)) return true;
        return false;
    }

    /// <summary>Rejects rows that are not probability vectors (entries in [0, 1], sum 1 within 1e-6).</summary>
    internal static void CheckProbabilityRows(Matrix probabilities, string name)
    {
        for (int r = 0; r < probabilities.Rows; r++)
        {
            double sum = 0;
            foreach (double v in probabilities.Row(r))
            {
                if (!(v >= 0 && v <= 1))
                    throw new ArgumentException(
                        $"{name} must hold probabilities in [0, 1]; row {r} has {v}. " +
                        "Did you pass logits? Apply Probabilities.Softmax first.", name);
                sum += v;
            }
            if (Math.Abs(sum - 1) > 1e-6)
                throw new ArgumentException(
                    $"{name} rows must sum to 1; row {r} sums to {sum}. Did you pass logits? Apply Probabilities.Softmax first.",
                    name);
        }
    }
}
