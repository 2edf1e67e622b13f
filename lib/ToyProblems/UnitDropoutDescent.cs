using RegularizationLab.Data;
using RegularizationLab.Errors;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// The textbook's "approximation of the dropout mechanism" (figure 9.9) on the fixed-joint network
/// f(x) = β₀ + Σ_k β_k max(0, x − k/H) of <see cref="FixedJointNetwork"/>: every iteration
///   (i) removes one hidden unit j drawn uniformly from a chosen set (its output is clamped to zero), and
///   (ii) takes one full-batch gradient step on the mean squared error L_j(β) = (1/n) Σ_i (f_{−j}(x_i) − y_i)²
///        of the network without unit j (so β_j itself receives no gradient on that step).
/// Plain gradient descent cannot remove a "kink" made of units whose joint effects cancel on every data point: the
/// kink direction is invisible to L. Removing one of the conspiring units makes it visible, and the next step pushes
/// the units apart. Coefficients are stored as in <see cref="FixedJointNetwork.Coefficients"/>: β₀ first, then β₁ … β_H
/// (β_{k+1} multiplies hidden unit k).
/// </summary>
public sealed class UnitDropoutDescent
{
    private readonly double[][] _features;   // per data point: [1, h_0(x), …, h_{H−1}(x)]
    private readonly double[] _targets;

    public UnitDropoutDescent(RegressionSample data, int hiddenUnits = 14)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.NotEmpty(data.X, "data.X");
        Guard.Equal(data.Y.Length, data.X.Length, "data.Y", "entries (one per input)");
        Guard.Positive(hiddenUnits, nameof(hiddenUnits));
        HiddenUnits = hiddenUnits;
        _features = data.X.Select(x => FixedJointNetwork.Features(x, hiddenUnits)).ToArray();
        _targets = (double[])data.Y.Clone();
    }

    public int HiddenUnits { get; }

    // −1 means "no unit removed"; anything else must name one of the hidden units 0 … H−1.
    private static void CheckDroppedUnit(int droppedUnit, int hiddenUnits)
    {
        if (droppedUnit < -1 || droppedUnit >= hiddenUnits)
            throw new ArgumentOutOfRangeException(nameof(droppedUnit), droppedUnit,
                $"droppedUnit must be −1 (no unit removed) or a hidden unit in [0, {hiddenUnits - 1}]; got {droppedUnit}.");
    }

    /// <summary>f(x) with hidden unit <paramref name="droppedUnit"/> removed (−1: no unit removed).</summary>
    public static double Evaluate(double[] coefficients, double x, int droppedUnit = -1)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        int hidden = coefficients.Length - 1;
        CheckDroppedUnit(droppedUnit, hidden);
        double f = coefficients[0];
        for (int k = 0; k < hidden; k++)
            if (k != droppedUnit) f += coefficients[k + 1] * Math.Max(0, x - (double)k / hidden);
        return f;
    }

    /// <summary>Mean squared error on the data with hidden unit <paramref name="droppedUnit"/> removed (−1: none).</summary>
    public double Loss(double[] coefficients, int droppedUnit = -1)
    {
        CheckCoefficients(coefficients);
        CheckDroppedUnit(droppedUnit, HiddenUnits);
        double sum = 0;
        for (int i = 0; i < _features.Length; i++)
        {
            double r = Residual(coefficients, i, droppedUnit);
            sum += r * r;
        }
        return sum / _features.Length;
    }

    /// <summary>∂L_j/∂β = (2/n) Σ_i r_i h(x_i) with h_j ≡ 0 for the removed unit j (so its entry is exactly zero).</summary>
    public double[] Gradient(double[] coefficients, int droppedUnit = -1)
    {
        CheckCoefficients(coefficients);
        CheckDroppedUnit(droppedUnit, HiddenUnits);
        var gradient = new double[coefficients.Length];
        for (int i = 0; i < _features.Length; i++)
        {
            double scaled = 2 * Residual(coefficients, i, droppedUnit) / _features.Length;
            double[] h = _features[i];
            for (int a = 0; a < h.Length; a++)
                if (a != droppedUnit + 1 || droppedUnit < 0) gradient[a] += scaled * h[a];
        }
        return gradient;
    }

    /// <summary>
    /// Largest eigenvalue of the Hessian (2/n) Σ_i h(x_i) h(x_i)ᵀ of the full-network loss, by power iteration.
    /// Gradient descent on a quadratic is stable for rates below 2/λ_max; 1/λ_max is a safe, fast choice.
    /// </summary>
    public double LargestCurvature(int iterations = 500)
    {
        Guard.Positive(iterations, nameof(iterations));
        int p = HiddenUnits + 1;
        var v = Enumerable.Repeat(1.0 / Math.Sqrt(p), p).ToArray();
        double eigenvalue = 0;
        for (int it = 0; it < iterations; it++)
        {
            var hv = new double[p];
            foreach (double[] h in _features)
            {
                double dot = 0;
                for (int a = 0; a < p; a++) dot += h[a] * v[a];
                for (int a = 0; a < p; a++) hv[a] += 2 * dot * h[a] / _features.Length;
            }
            eigenvalue = Math.Sqrt(hv.Sum(x => x * x));
            if (eigenvalue == 0) return 0;
            for (int a = 0; a < p; a++) v[a] = hv[a] / eigenvalue;
        }
        return eigenvalue;
    }

    /// <summary>
    /// Runs <paramref name="iterations"/> steps of "remove one unit from <paramref name="candidateUnits"/>, then take a
    /// gradient step" (or plain full-batch gradient descent when <paramref name="candidateUnits"/> is empty), starting
    /// from a copy of <paramref name="start"/>. Returns the coefficients after 0, every, 2·every, … iterations (and
    /// after the last one).
    /// </summary>
    public IReadOnlyList<(int Iteration, double[] Coefficients)> Run(
        double[] start, IReadOnlyList<int> candidateUnits, int iterations, double rate, int seed, int recordEvery = 100)
    {
        CheckCoefficients(start);
        ArgumentNullException.ThrowIfNull(candidateUnits);
        Guard.NonNegative(iterations, nameof(iterations));
        Guard.Positive(rate, nameof(rate));
        Guard.Positive(recordEvery, nameof(recordEvery));
        foreach (int unit in candidateUnits)
        {
            if (unit < 0 || unit >= HiddenUnits)
                throw new ArgumentOutOfRangeException(nameof(candidateUnits), unit,
                    $"candidateUnits contains {unit}; hidden units are numbered 0 … {HiddenUnits - 1}.");
        }
        var random = new Random(seed);
        var beta = (double[])start.Clone();
        var trace = new List<(int, double[])> { (0, (double[])beta.Clone()) };
        for (int t = 1; t <= iterations; t++)
        {
            int dropped = candidateUnits.Count == 0 ? -1 : candidateUnits[random.Next(candidateUnits.Count)];
            double[] g = Gradient(beta, dropped);
            for (int a = 0; a < beta.Length; a++) beta[a] -= rate * g[a];
            if (t % recordEvery == 0 || t == iterations) trace.Add((t, (double[])beta.Clone()));
        }
        return trace;
    }

    /// <summary>
    /// Height of a kink on [from, to]: the largest distance between f and the straight chord joining f(from) and f(to),
    /// sampled at <paramref name="samples"/> + 1 points. A function that is linear on the interval has height 0.
    /// </summary>
    public static double KinkHeight(double[] coefficients, double from, double to, int samples = 200)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (!(to > from))
            throw new ArgumentException($"to must be larger than from; got from = {from}, to = {to}.", nameof(to));
        Guard.Positive(samples, nameof(samples));
        double a = Evaluate(coefficients, from), b = Evaluate(coefficients, to), height = 0;
        for (int s = 0; s <= samples; s++)
        {
            double u = (double)s / samples;
            double chord = a + (b - a) * u;
            height = Math.Max(height, Math.Abs(Evaluate(coefficients, from + (to - from) * u) - chord));
        }
        return height;
    }

    private double Residual(double[] coefficients, int i, int droppedUnit)
    {
        double[] h = _features[i];
        double f = 0;
        for (int a = 0; a < h.Length; a++)
            if (a != droppedUnit + 1 || droppedUnit < 0) f += coefficients[a] * h[a];
        return f - _targets[i];
    }

    private void CheckCoefficients(double[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        Guard.Equal(coefficients.Length, HiddenUnits + 1, nameof(coefficients), "entries (β₀ and one weight per hidden unit)");
        Guard.AllFinite(coefficients, nameof(coefficients));
    }
}
