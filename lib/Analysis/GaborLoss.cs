using RegularizationLab.Errors;

namespace RegularizationLab.Analysis;

/// <summary>
/// The Gabor model of the textbook (section 6.1.2, used in figs. 9.1 and 9.4): one input x, two parameters,
///   f(x; φ₀, φ₁) = sin(z)·exp(−z²/32),   z = φ₀ + 0.06·φ₁·x,
/// fitted by the mean squared error L(φ) = (1/I) Σᵢ (f(xᵢ; φ) − yᵢ)² (eq. 9.10's mean over examples).
/// Its loss surface has many local minima, which makes it the standard picture of a non-convex 2-D loss.
/// Gradient and Hessian are exact: with f'(z), f''(z) the derivatives of sin(z)e^{−z²/32} and v = (1, 0.06x),
///   ∇ℓᵢ = 2 rᵢ f'(zᵢ) vᵢ,   ∇²ℓᵢ = 2 [f'(zᵢ)² + rᵢ f''(zᵢ)] vᵢ vᵢᵀ,   rᵢ = f(xᵢ; φ) − yᵢ.
/// </summary>
public sealed class GaborLoss : ISmoothLoss
{
    /// <summary>The factor 0.06 that scales φ₁·x inside the Gabor function.</summary>
    public const double InputScale = 0.06;

    private readonly double[] _x;
    private readonly double[] _y;

    /// <summary>The inputs xᵢ (a copy).</summary>
    public double[] X => (double[])_x.Clone();

    /// <summary>The targets yᵢ (a copy).</summary>
    public double[] Y => (double[])_y.Clone();

    public int Count => _x.Length;

    public int Dimension => 2;

    public GaborLoss(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length == 0)
            throw new ArgumentException("x must contain at least one data point; got 0.", nameof(x));
        Guard.Equal(y.Length, x.Length, nameof(y), "targets");
        Guard.AllFinite(x, nameof(x));
        Guard.AllFinite(y, nameof(y));
        _x = (double[])x.Clone();
        _y = (double[])y.Clone();
    }

    /// <summary>
    /// <paramref name="count"/> inputs uniform on [−15, 15] with targets f(x; trueφ) + N(0, noise²), all drawn from
    /// one <see cref="Random"/> seeded with <paramref name="seed"/>.
    /// </summary>
    public static GaborLoss Generate(int seed, int count = 28, double noise = 0.15,
        double truePhi0 = 0.5, double truePhi1 = 14.0)
    {
        Guard.Positive(count, nameof(count));
        Guard.NonNegative(noise, nameof(noise));
        var random = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = -15.0 + 30.0 * random.NextDouble();
            // Box–Muller: two uniforms give one standard normal draw.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double gaussian = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            y[i] = Model(x[i], truePhi0, truePhi1) + noise * gaussian;
        }
        return new GaborLoss(x, y);
    }

    /// <summary>f(x; φ₀, φ₁) = sin(z)·exp(−z²/32), z = φ₀ + 0.06·φ₁·x.</summary>
    public static double Model(double x, double phi0, double phi1)
    {
        double z = phi0 + InputScale * phi1 * x;
        return Math.Sin(z) * Math.Exp(-z * z / 32.0);
    }

    /// <summary>The loss of the examples at <paramref name="indices"/> only: a batch loss L_b (eq. 9.10).</summary>
    public GaborLoss Subset(IReadOnlyList<int> indices)
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
        return new GaborLoss(x, y);
    }

    /// <summary>
    /// One epoch's batches: the examples shuffled with <paramref name="seed"/> and cut into consecutive batches of
    /// <paramref name="batchSize"/> (which must divide the number of examples, so that every Lᵦ averages the same count).
    /// </summary>
    public IReadOnlyList<GaborLoss> Batches(int batchSize, int seed)
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

    public double Value(double[] phi)
    {
        CheckPoint(phi);
        double sum = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double r = Model(_x[i], phi[0], phi[1]) - _y[i];
            sum += r * r;
        }
        return sum / _x.Length;
    }

    public double[] Gradient(double[] phi)
    {
        CheckPoint(phi);
        double g0 = 0, g1 = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double z = phi[0] + InputScale * phi[1] * _x[i];
            var (f, df, _) = SinGauss(z);
            double common = 2.0 * (f - _y[i]) * df;
            g0 += common;
            g1 += common * InputScale * _x[i];
        }
        return [g0 / _x.Length, g1 / _x.Length];
    }

    public double[,] Hessian(double[] phi)
    {
        CheckPoint(phi);
        double h00 = 0, h01 = 0, h11 = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double z = phi[0] + InputScale * phi[1] * _x[i];
            var (f, df, d2f) = SinGauss(z);
            double c = 2.0 * (df * df + (f - _y[i]) * d2f);
            double v1 = InputScale * _x[i];
            h00 += c;
            h01 += c * v1;
            h11 += c * v1 * v1;
        }
        int n = _x.Length;
        return new double[,] { { h00 / n, h01 / n }, { h01 / n, h11 / n } };
    }

    // s(z) = sin z · e^{−z²/32};  s' = e(cos z − (z/16) sin z);  s'' = e(−(17/16) sin z − (z/8) cos z + (z²/256) sin z).
    private static (double F, double D1, double D2) SinGauss(double z)
    {
        double e = Math.Exp(-z * z / 32.0), s = Math.Sin(z), c = Math.Cos(z);
        return (s * e, e * (c - z / 16.0 * s), e * (-17.0 / 16.0 * s - z / 8.0 * c + z * z / 256.0 * s));
    }

    private static void CheckPoint(double[] phi)
    {
        ArgumentNullException.ThrowIfNull(phi);
        if (phi.Length != 2)
            throw new ArgumentException($"phi must have 2 components (φ₀, φ₁); got {phi.Length}.", nameof(phi));
    }
}
