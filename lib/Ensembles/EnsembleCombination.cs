using RegularizationLab.Errors;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Ensembles;

/// <summary>
/// The ways of combining an ensemble's M classifiers that the textbook lists (§9.3.2), all from the members'
/// pre-softmax outputs (logits) z⁽ᵐ⁾ on the same n inputs:
///   mean probabilities  p̄ = (1/M) Σ_m softmax(z⁽ᵐ⁾),
///   mean logits         z̄ = (1/M) Σ_m z⁽ᵐ⁾  (then softmax(z̄): a normalised geometric mean of the members' probabilities),
///   majority vote       the class most members predict (ties go to the class with the higher mean probability).
/// </summary>
public static class EnsembleCombination
{
    /// <summary>p̄ = (1/M) Σ_m softmax(z⁽ᵐ⁾): n × C probabilities.</summary>
    public static Matrix MeanProbabilities(IReadOnlyList<Matrix> memberLogits)
    {
        CheckMembers(memberLogits);
        var mean = new Matrix(memberLogits[0].Rows, memberLogits[0].Cols);
        foreach (Matrix z in memberLogits) VectorMath.Axpy(1.0 / memberLogits.Count, Probabilities.Softmax(z).Data, mean.Data);
        return mean;
    }

    /// <summary>z̄ = (1/M) Σ_m z⁽ᵐ⁾: n × C logits (apply softmax for probabilities).</summary>
    public static Matrix MeanLogits(IReadOnlyList<Matrix> memberLogits)
    {
        CheckMembers(memberLogits);
        var mean = new Matrix(memberLogits[0].Rows, memberLogits[0].Cols);
        foreach (Matrix z in memberLogits) VectorMath.Axpy(1.0 / memberLogits.Count, z.Data, mean.Data);
        return mean;
    }

    /// <summary>The class predicted by most members for each row; a tie goes to the tied class with the higher mean
    /// probability.</summary>
    public static int[] MajorityVote(IReadOnlyList<Matrix> memberLogits)
    {
        CheckMembers(memberLogits);
        int n = memberLogits[0].Rows, classes = memberLogits[0].Cols;
        var votes = new int[n, classes];
        foreach (Matrix z in memberLogits)
        {
            int[] predicted = Probabilities.PredictedClasses(z);
            for (int i = 0; i < n; i++) votes[i, predicted[i]]++;
        }
        Matrix meanProbabilities = MeanProbabilities(memberLogits);
        var winners = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
                if (votes[i, c] > votes[i, best] || (votes[i, c] == votes[i, best] && meanProbabilities[i, c] > meanProbabilities[i, best]))
                    best = c;
            winners[i] = best;
        }
        return winners;
    }

    private static void CheckMembers(IReadOnlyList<Matrix> memberLogits)
    {
        ArgumentNullException.ThrowIfNull(memberLogits);
        Guard.NotEmpty(memberLogits, nameof(memberLogits));
        for (int m = 0; m < memberLogits.Count; m++)
        {
            ArgumentNullException.ThrowIfNull(memberLogits[m], $"{nameof(memberLogits)}[{m}]");
            Guard.SameShape(memberLogits[m], memberLogits[0], $"{nameof(memberLogits)}[{m}]", $"{nameof(memberLogits)}[0]");
            Guard.AllFinite(memberLogits[m], $"{nameof(memberLogits)}[{m}]");
        }
    }
}
