using RegularizationLab.Errors;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;

namespace RegularizationLab.Metrics;

/// <summary>
/// Temperature scaling (Guo et al., 2017), the post-hoc alternative to label smoothing: keep the trained network,
/// divide its logits by one number T > 0 before the softmax, p = softmax(z / T), and choose T on a held-out validation
/// set by minimizing the mean negative log-likelihood
///     NLL(T) = (1/n) Σ_i [ logsumexp(z_i / T) − z_{i,y_i} / T ].
/// T > 1 softens over-confident predictions; argmax, hence accuracy, never changes. With β = 1/T, NLL is a
/// log-sum-exp of functions linear in β minus a linear term, so it is convex in β: its derivative
///     dNLL/dβ = (1/n) Σ_i ( Σ_k p_ik z_ik − z_{i,y_i} )
/// increases in β, and bisection on it finds the unique minimizer.
/// </summary>
public static class TemperatureScaling
{
    /// <summary>NLL(T) of the logits divided by <paramref name="temperature"/>.</summary>
    public static double NegativeLogLikelihood(Matrix logits, IReadOnlyList<int> labels, double temperature)
    {
        Check(logits, labels);
        Guard.Positive(temperature, nameof(temperature));
        return new SoftmaxCrossEntropy().Compute(Scaled(logits, 1 / temperature), labels.ToArray());
    }

    /// <summary>dNLL/dβ at β = 1/T (the closed form above).</summary>
    public static double DerivativeInInverseTemperature(Matrix logits, IReadOnlyList<int> labels, double inverseTemperature)
    {
        Check(logits, labels);
        Matrix p = SoftmaxCrossEntropy.Softmax(Scaled(logits, inverseTemperature));
        double sum = 0;
        for (int i = 0; i < logits.Rows; i++)
        {
            double expected = 0;
            for (int k = 0; k < logits.Cols; k++) expected += p[i, k] * logits[i, k];
            sum += expected - logits[i, labels[i]];
        }
        return sum / logits.Rows;
    }

    /// <summary>The T that minimizes the validation NLL, searched in [<paramref name="lowest"/>, <paramref name="highest"/>].</summary>
    public static double Fit(Matrix validationLogits, IReadOnlyList<int> validationLabels, double lowest = 0.05, double highest = 50)
    {
        Check(validationLogits, validationLabels);
        Guard.Positive(lowest, nameof(lowest));
        if (!(highest > lowest))
            throw new ArgumentOutOfRangeException(nameof(highest), highest, $"highest must exceed lowest ({lowest}); got {highest}.");
        double low = 1 / highest, high = 1 / lowest;   // bracket in β = 1/T
        for (int iteration = 0; iteration < 100 && high - low > 1e-12 * high; iteration++)
        {
            double middle = 0.5 * (low + high);
            if (DerivativeInInverseTemperature(validationLogits, validationLabels, middle) > 0) high = middle;
            else low = middle;
        }
        return 2 / (low + high);
    }

    /// <summary>softmax(z / T) row by row.</summary>
    public static Matrix Probabilities(Matrix logits, double temperature)
    {
        ArgumentNullException.ThrowIfNull(logits);
        Guard.Positive(temperature, nameof(temperature));
        return SoftmaxCrossEntropy.Softmax(Scaled(logits, 1 / temperature));
    }

    private static Matrix Scaled(Matrix logits, double factor)
    {
        var scaled = logits.Clone();
        for (int i = 0; i < scaled.Length; i++) scaled.Data[i] *= factor;
        return scaled;
    }

    private static void Check(Matrix logits, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.AllFinite(logits.Data, nameof(logits));
        MetricGuards.CheckLabels(labels, logits.Rows, logits.Cols, nameof(labels));
    }
}
