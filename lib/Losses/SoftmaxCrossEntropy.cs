using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Losses;

/// <summary>
/// Softmax followed by cross-entropy against (optionally smoothed) targets, averaged over the batch:
///   pᵢ = softmax(zᵢ),   L = −(1/n) Σᵢ Σₖ ỹᵢₖ log pᵢₖ,   ∂L/∂zᵢₖ = (pᵢₖ − ỹᵢₖ)/n.
/// log p is computed as z − logsumexp(z) with the maximum subtracted first, so large logits do not overflow.
/// A class with target weight ỹₖ = 0 contributes nothing, even when its logit is −∞ (a masked class): 0·(−∞) is
/// taken as 0, as PyTorch does, so masking a class gives a finite loss. NaN logits give a NaN loss (visible).
/// </summary>
public sealed class SoftmaxCrossEntropy
{
    public SoftmaxCrossEntropy(double smoothing = 0.0, LabelSmoothing convention = LabelSmoothing.SpreadOverOtherClasses)
    {
        Guard.InRange(smoothing, 0.0, 1.0, nameof(smoothing));
        if (!Enum.IsDefined(convention))
            throw new ArgumentOutOfRangeException(nameof(convention), convention, $"convention must be one of {string.Join(", ", Enum.GetNames<LabelSmoothing>())}; got {convention}.");
        Smoothing = smoothing;
        Convention = convention;
    }

    /// <summary>ε: how much target probability moves away from the true class.</summary>
    public double Smoothing { get; }
    public LabelSmoothing Convention { get; }

    /// <summary>(ỹ for the true class, ỹ for every other class) with K classes.</summary>
    private (double OnTrue, double OnOther) TargetValues(int classes)
    {
        double e = Smoothing;
        return Convention == LabelSmoothing.SpreadOverOtherClasses
            ? (1.0 - e, e / (classes - 1))
            : (1.0 - e + e / classes, e / classes);
    }

    /// <summary>The smoothed target ỹ for one example of class <paramref name="label"/> among <paramref name="classes"/>.</summary>
    public double[] SmoothedTarget(int label, int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be at least 2; got {classes}.");
        if ((uint)label >= (uint)classes)
            throw new ArgumentOutOfRangeException(nameof(label), label, $"label must be in [0, {classes}); got {label}.");
        var (onTrue, onOther) = TargetValues(classes);
        var y = new double[classes];
        Array.Fill(y, onOther);
        y[label] = onTrue;
        return y;
    }

    /// <summary>Mean loss over the batch for integer class labels; writes ∂L/∂logits into <paramref name="gradient"/> if given.</summary>
    public double Compute(Matrix logits, ReadOnlySpan<int> labels, Matrix? gradient = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int n = logits.Rows, k = logits.Cols;
        if (labels.Length != n)
            throw new ArgumentException($"labels has {labels.Length} entries but logits has {n} rows (one label per example is required).", nameof(labels));
        if (k < 2)
            throw new ArgumentException($"logits is {logits.Shape}: softmax cross-entropy needs at least 2 classes (columns).", nameof(logits));
        if (gradient is not null) Guard.SameShape(logits, gradient, nameof(logits), nameof(gradient));
        var (onTrue, onOther) = TargetValues(k);

        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)k)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels[{i}] is {label}, but labels must be in [0, {k}) for {k} classes.");
            var z = logits.Data.AsSpan(i * k, k);
            double logSumExp = LogSumExp(z);
            // −Σₖ ỹₖ log pₖ = −Σₖ ỹₖ (zₖ − lse) = lse − Σₖ ỹₖ zₖ   (Σₖ ỹₖ = 1)
            double dot = 0;
            for (int c = 0; c < k; c++) dot += WeightedLogit(c == label ? onTrue : onOther, z[c]);
            total += logSumExp - dot;
            if (gradient is not null)
            {
                var g = gradient.Data.AsSpan(i * k, k);
                for (int c = 0; c < k; c++) g[c] = (Math.Exp(z[c] - logSumExp) - (c == label ? onTrue : onOther)) / n;
            }
        }
        return total / n;
    }

    /// <summary>How far a target row's sum may be from 1 (rounding in a computed distribution).</summary>
    public const double TargetSumTolerance = 1e-9;

    /// <summary>
    /// Mean loss against explicit target distributions (rows of <paramref name="targetDistribution"/>; no smoothing
    /// applied). Every row must be a probability distribution: entries finite and ≥ 0, summing to 1 within
    /// <see cref="TargetSumTolerance"/>.
    /// </summary>
    public double Compute(Matrix logits, Matrix targetDistribution, Matrix? gradient = null)
    {
        Guard.SameShape(logits, targetDistribution, nameof(logits), nameof(targetDistribution));
        if (gradient is not null) Guard.SameShape(logits, gradient, nameof(logits), nameof(gradient));
        int n = logits.Rows, k = logits.Cols;
        if (k < 2)
            throw new ArgumentException($"logits is {logits.Shape}: softmax cross-entropy needs at least 2 classes (columns).", nameof(logits));
        for (int i = 0; i < n; i++) CheckDistribution(targetDistribution.Data.AsSpan(i * k, k), i);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            var y = targetDistribution.Data.AsSpan(i * k, k);
            double lse = LogSumExp(z), dot = 0;
            for (int c = 0; c < k; c++) dot += WeightedLogit(y[c], z[c]);
            total += lse - dot;
            if (gradient is not null)
            {
                var g = gradient.Data.AsSpan(i * k, k);
                for (int c = 0; c < k; c++) g[c] = (Math.Exp(z[c] - lse) - y[c]) / n;
            }
        }
        return total / n;
    }

    /// <summary>ỹₖ·zₖ with 0·(±∞) = 0: a class the target does not weigh contributes nothing, whatever its logit.</summary>
    private static double WeightedLogit(double target, double logit) => target == 0 ? 0.0 : target * logit;

    private static void CheckDistribution(ReadOnlySpan<double> y, int row)
    {
        double mass = 0;
        for (int c = 0; c < y.Length; c++)
        {
            if (!(y[c] >= 0) || double.IsInfinity(y[c]))
                throw new ArgumentException(
                    $"targetDistribution[{row}, {c}] is {y[c]}; every entry must be a finite probability ≥ 0 " +
                    "(each row a probability distribution summing to 1).", "targetDistribution");
            mass += y[c];
        }
        if (!(Math.Abs(mass - 1.0) <= TargetSumTolerance))
            throw new ArgumentException(
                $"targetDistribution row {row} sums to {mass}; each row must be a probability distribution summing to 1 " +
                $"(within {TargetSumTolerance}).", "targetDistribution");
    }

    /// <summary>log Σₖ e^{zₖ} = m + log Σₖ e^{zₖ − m}, m = max z.</summary>
    private static double LogSumExp(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z) max = Math.Max(max, v);
        double sum = 0;
        foreach (double v in z) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>Row-wise softmax pᵢₖ = e^{zᵢₖ − mᵢ} / Σₖ e^{zᵢₖ − mᵢ}. <paramref name="probabilities"/> may be <paramref name="logits"/>.</summary>
    public static void Softmax(Matrix logits, Matrix probabilities)
    {
        Guard.SameShape(logits, probabilities, nameof(logits), nameof(probabilities));
        int k = logits.Cols;
        for (int i = 0; i < logits.Rows; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            var p = probabilities.Data.AsSpan(i * k, k);
            double max = double.NegativeInfinity;
            foreach (double v in z) max = Math.Max(max, v);
            double sum = 0;
            for (int c = 0; c < k; c++) { p[c] = Math.Exp(z[c] - max); sum += p[c]; }
            for (int c = 0; c < k; c++) p[c] /= sum;
        }
    }

    /// <summary>Row-wise softmax into a new matrix.</summary>
    public static Matrix Softmax(Matrix logits)
    {
        var p = new Matrix(logits.Rows, logits.Cols);
        Softmax(logits, p);
        return p;
    }
}
