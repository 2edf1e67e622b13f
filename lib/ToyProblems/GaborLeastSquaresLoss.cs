using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// The least-squares loss of the textbook's Gabor model (section 6.1.2; figs. 9.1 and 9.4) on fixed data, as a
/// smooth two-parameter loss with exact gradient and Hessian. The model itself, f(x; φ) = sin(u)·e^{−u²/32} with
/// u = φ₀ + 0.06·φ₁·x, lives in <see cref="GaborModel"/>; this class only adds up its squared residuals:
///   L(φ) = c Σᵢ (f(xᵢ; φ) − yᵢ)²,   c = 1/I for <see cref="LossReduction.Mean"/>, c = 1 for <see cref="LossReduction.Sum"/>.
/// Its surface has many local minima, the standard picture of a non-convex 2-D loss.
/// With g = <see cref="GaborModel.Profile"/> and v = ∂u/∂φ = (1, 0.06x) (u is linear in φ, so ∂²u/∂φ² = 0):
///   ∇ℓᵢ = 2 rᵢ g′(uᵢ) vᵢ,   ∇²ℓᵢ = 2 [g′(uᵢ)² + rᵢ g″(uᵢ)] vᵢ vᵢᵀ,   rᵢ = f(xᵢ; φ) − yᵢ.
/// </summary>
public sealed class GaborLeastSquaresLoss : ISmoothLoss
{
    private readonly double[] _x;
    private readonly double[] _y;

    /// <summary>The loss of the examples (xᵢ, yᵢ), combined by <paramref name="reduction"/>.</summary>
    public GaborLeastSquaresLoss(double[] x, double[] y, LossReduction reduction)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length == 0)
            throw new ArgumentException("x must contain at least one data point; got 0.", nameof(x));
        Guard.Equal(y.Length, x.Length, nameof(y), "targets");
        Guard.AllFinite(x, nameof(x));
        Guard.AllFinite(y, nameof(y));
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be LossReduction.Mean or LossReduction.Sum.");
        _x = (double[])x.Clone();
        _y = (double[])y.Clone();
        Reduction = reduction;
    }

    /// <summary>The loss of a data set such as <see cref="GaborModel.GenerateData"/> returns.</summary>
    public GaborLeastSquaresLoss(RegressionSample data, LossReduction reduction)
        : this((data ?? throw new ArgumentNullException(nameof(data))).X, data.Y, reduction)
    {
    }

    /// <summary>The inputs xᵢ (a copy).</summary>
    public double[] X => (double[])_x.Clone();

    /// <summary>The targets yᵢ (a copy).</summary>
    public double[] Y => (double[])_y.Clone();

    public int Count => _x.Length;

    public int Dimension => 2;

    /// <summary>Mean or sum over the examples.</summary>
    public LossReduction Reduction { get; }

    /// <summary>
    /// The data set of lecture 3: <paramref name="count"/> inputs uniform on [−15, 15] with targets
    /// f(x; trueφ) + N(0, noise²), all drawn from one <see cref="Random"/> seeded with <paramref name="seed"/>.
    /// (Lecture 1 uses <see cref="GaborModel.GenerateData"/>, whose defaults differ.)
    /// </summary>
    public static GaborLeastSquaresLoss Generate(int seed, int count = 28, double noise = 0.15,
        double truePhi0 = 0.5, double truePhi1 = 14.0, LossReduction reduction = LossReduction.Mean)
    {
        Guard.Positive(count, nameof(count));
        Guard.NonNegative(noise, nameof(noise));
        var random = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = -15.0 + 30.0 * random.NextDouble();
            y[i] = GaborModel.Evaluate(x[i], truePhi0, truePhi1) + noise * random.NextGaussian();
        }
        return new GaborLeastSquaresLoss(x, y, reduction);
    }

    /// <summary>The loss of the examples at <paramref name="indices"/> only, with the same reduction: a batch loss L_b (eq. 9.10).</summary>
    public GaborLeastSquaresLoss Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var x = new double[indices.Count];
        var y = new double[indices.Count];
        for (int j = 0; j < indices.Count; j++)
        {
            int i = indices[j];
            if ((uint)i >= (uint)_x.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must lie in [0, {_x.Length}); got {i}.");
            x[j] = _x[i];
            y[j] = _y[i];
        }
        return new GaborLeastSquaresLoss(x, y, Reduction);
    }

    /// <summary>
    /// One epoch's batches: the examples shuffled with <paramref name="seed"/> and cut into consecutive batches of
    /// <paramref name="batchSize"/> (which must divide the number of examples, so that every Lᵦ averages the same count).
    /// </summary>
    public IReadOnlyList<GaborLeastSquaresLoss> Batches(int batchSize, int seed)
    {
        Guard.Positive(batchSize, nameof(batchSize));
        if (Count % batchSize != 0)
            throw new ArgumentException(
                $"batchSize must divide the {Count} examples so all batches have equal size; got {batchSize}.", nameof(batchSize));
        int[] order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        return Enumerable.Range(0, Count / batchSize)
            .Select(b => Subset(order[(b * batchSize)..((b + 1) * batchSize)]))
            .ToArray();
    }

    /// <summary>L(φ) = c Σᵢ rᵢ².</summary>
    public double Value(double[] phi)
    {
        CheckPoint(phi);
        double sum = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double r = GaborModel.Evaluate(_x[i], phi[0], phi[1]) - _y[i];
            sum += r * r;
        }
        return Reduce(sum);
    }

    /// <summary>∇L(φ) = c Σᵢ 2 rᵢ g′(uᵢ) (1, 0.06 xᵢ).</summary>
    public double[] Gradient(double[] phi)
    {
        CheckPoint(phi);
        double g0 = 0, g1 = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            var (f, df, _) = GaborModel.Profile(U(_x[i], phi));
            double common = 2.0 * (f - _y[i]) * df;
            g0 += common;
            g1 += common * GaborModel.FrequencyScale * _x[i];
        }
        return [Reduce(g0), Reduce(g1)];
    }

    /// <summary>∇²L(φ) = c Σᵢ 2 [g′(uᵢ)² + rᵢ g″(uᵢ)] vᵢ vᵢᵀ, vᵢ = (1, 0.06 xᵢ).</summary>
    public double[,] Hessian(double[] phi)
    {
        CheckPoint(phi);
        double h00 = 0, h01 = 0, h11 = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            var (f, df, d2f) = GaborModel.Profile(U(_x[i], phi));
            double c = 2.0 * (df * df + (f - _y[i]) * d2f);
            double v1 = GaborModel.FrequencyScale * _x[i];
            h00 += c;
            h01 += c * v1;
            h11 += c * v1 * v1;
        }
        return new double[,] { { Reduce(h00), Reduce(h01) }, { Reduce(h01), Reduce(h11) } };
    }

    // u = φ₀ + 0.06·φ₁·x, the argument of the Gabor profile.
    private static double U(double x, double[] phi) => phi[0] + GaborModel.FrequencyScale * phi[1] * x;

    private double Reduce(double sum) => Reduction == LossReduction.Mean ? sum / _x.Length : sum;

    private static void CheckPoint(double[] phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (phi.Length != 2)
            throw new ArgumentException($"phi must have 2 components (φ₀, φ₁); got {phi.Length}.", nameof(phi));
    }
}
