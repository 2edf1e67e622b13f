using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Ensembles;

/// <summary>
/// Krogh and Vedelsby's (1995) ambiguity decomposition of an averaging ensemble's squared error. For members
/// f⁽ᵐ⁾(x), m = 1 … M, their mean f̄ = (1/M) Σ_m f⁽ᵐ⁾ and a target y, at every input
///     (f̄ − y)² = (1/M) Σ_m (f⁽ᵐ⁾ − y)²  −  (1/M) Σ_m (f⁽ᵐ⁾ − f̄)²
///     ensemble error = average member error − diversity (the "ambiguity"),
/// an exact identity (expand (f⁽ᵐ⁾ − y)² = (f⁽ᵐ⁾ − f̄ + f̄ − y)²; the cross term sums to zero). Each term below is the
/// mean over the n inputs of the squared distance summed over the outputs, so it applies to regression (one output)
/// and to class probabilities against one-hot targets (the Brier score) alike.
/// </summary>
public sealed record AmbiguityDecomposition(double EnsembleError, double AverageMemberError, double Diversity)
{
    /// <summary>Decomposes the error of the mean of <paramref name="memberPredictions"/> (each n × C) against
    /// <paramref name="targets"/> (n × C).</summary>
    public static AmbiguityDecomposition Of(IReadOnlyList<Matrix> memberPredictions, Matrix targets)
    {
        ArgumentNullException.ThrowIfNull(memberPredictions);
        ArgumentNullException.ThrowIfNull(targets);
        Guard.NotEmpty(memberPredictions, nameof(memberPredictions));
        Guard.AllFinite(targets, nameof(targets));
        for (int m = 0; m < memberPredictions.Count; m++)
        {
            Guard.SameShape(memberPredictions[m], targets, $"{nameof(memberPredictions)}[{m}]", nameof(targets));
            Guard.AllFinite(memberPredictions[m], $"{nameof(memberPredictions)}[{m}]");
        }
        int count = memberPredictions.Count, length = targets.Length;
        var mean = new double[length];
        foreach (Matrix f in memberPredictions)
            for (int j = 0; j < length; j++) mean[j] += f.Data[j] / count;
        double ensemble = 0, members = 0, diversity = 0;
        for (int j = 0; j < length; j++) ensemble += Square(mean[j] - targets.Data[j]);
        foreach (Matrix f in memberPredictions)
            for (int j = 0; j < length; j++)
            {
                members += Square(f.Data[j] - targets.Data[j]) / count;
                diversity += Square(f.Data[j] - mean[j]) / count;
            }
        int n = targets.Rows;
        return new AmbiguityDecomposition(ensemble / n, members / n, diversity / n);
    }

    private static double Square(double v) => v * v;
}
