using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The three numerical building blocks of MNIST-1D, written to match numpy/scipy exactly:
/// evenly spaced grids (<c>np.linspace</c>), piecewise-linear resampling (<c>np.interp</c>, which
/// <c>scipy.interpolate.interp1d(kind="linear")</c> delegates to for 1-D data) and the Gaussian smoothing filter
/// (<c>scipy.ndimage.gaussian_filter1d</c> with its default 'reflect' boundary and truncate = 4).
/// </summary>
public static class SignalOps
{
    /// <summary>
    /// <c>np.linspace(start, stop, count)</c>: xᵢ = start + i·step with step = (stop − start)/(count − 1),
    /// and the last point set to exactly <paramref name="stop"/>.
    /// </summary>
    public static double[] Linspace(double start, double stop, int count)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be at least 1; got {count}.");
        return GridEvaluation.EvenlySpaced(start, stop, count);
    }

    /// <summary>
    /// Piecewise-linear interpolation, <c>np.interp(x, xp, fp)</c>, for increasing <paramref name="xp"/> and x inside
    /// [xp₀, xp_last]: with xp_j ≤ x &lt; xp_{j+1},  f(x) = fp_j + (fp_{j+1} − fp_j)/(xp_{j+1} − xp_j) · (x − xp_j).
    /// A query that hits a grid point returns that grid value exactly (this matters for MNIST-1D, which later tests
    /// values for being exactly zero).
    /// </summary>
    public static double[] Interp(ReadOnlySpan<double> x, ReadOnlySpan<double> xp, ReadOnlySpan<double> fp)
    {
        if (xp.Length != fp.Length || xp.Length < 2)
            throw new ArgumentException($"xp and fp must have the same length ≥ 2; got {xp.Length} and {fp.Length}.", nameof(fp));
        var result = new double[x.Length];
        int last = xp.Length - 1;
        for (int i = 0; i < x.Length; i++)
        {
            double q = x[i];
            if (q <= xp[0]) { result[i] = fp[0]; continue; }      // np.interp clamps to fp[0] on the left
            if (q >= xp[last]) { result[i] = fp[last]; continue; } // … and to fp[last] on the right
            int j = UpperIndex(xp, q) - 1;                        // xp[j] ≤ q < xp[j+1]
            if (xp[j] == q) { result[i] = fp[j]; continue; }
            double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
            result[i] = slope * (q - xp[j]) + fp[j];
        }
        return result;
    }

    /// <summary>Resamples a signal given on an even grid over [0, 1] onto <paramref name="count"/> evenly spaced points
    /// over [0, 1]: MNIST-1D's <c>interpolate(x, N)</c> (a stretch when count &gt; length, a subsampling otherwise).</summary>
    public static double[] Resample(ReadOnlySpan<double> signal, int count)
    {
        double[] oldGrid = Linspace(0, 1, signal.Length);
        double[] newGrid = Linspace(0, 1, count);
        return Interp(newGrid, oldGrid, signal);
    }

    /// <summary>
    /// The normalized Gaussian kernel of scipy.ndimage: wₖ ∝ exp(−k²/(2σ²)) for k = −r … r, r = ⌊truncate·σ + 0.5⌋,
    /// scaled so that Σ wₖ = 1.
    /// </summary>
    public static double[] GaussianKernel(double sigma, double truncate = 4.0)
    {
        if (!(sigma > 0))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"sigma must be positive; got {sigma}.");
        int radius = (int)(truncate * sigma + 0.5);
        var weights = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++)
        {
            weights[k + radius] = Math.Exp(-0.5 / (sigma * sigma) * k * k);
            sum += weights[k + radius];
        }
        for (int i = 0; i < weights.Length; i++) weights[i] /= sum;
        return weights;
    }

    /// <summary>
    /// <c>scipy.ndimage.gaussian_filter(signal, sigma)</c> for a 1-D signal: yᵢ = Σₖ wₖ · x̃_{i+k}, where x̃ extends the
    /// signal by mirror reflection about its edges ('reflect' mode: … x₂ x₁ x₀ | x₀ x₁ … x_{n−1} | x_{n−1} x_{n−2} …).
    /// </summary>
    public static double[] GaussianFilter(ReadOnlySpan<double> signal, double sigma, double truncate = 4.0)
    {
        double[] weights = GaussianKernel(sigma, truncate);
        int radius = weights.Length / 2;
        int n = signal.Length;
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = -radius; k <= radius; k++) sum += weights[k + radius] * signal[Reflect(i + k, n)];
            result[i] = sum;
        }
        return result;
    }

    /// <summary>The 'reflect' boundary: index −1 maps to 0, −2 to 1, …; index n maps to n−1, n+1 to n−2, ….</summary>
    private static int Reflect(int index, int n)
    {
        if (n == 1) return 0;
        int period = 2 * n;
        index %= period;
        if (index < 0) index += period;
        return index < n ? index : period - 1 - index;
    }

    // First index j with xp[j] > q (binary search; xp is increasing).
    private static int UpperIndex(ReadOnlySpan<double> xp, double q)
    {
        int lo = 0, hi = xp.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (xp[mid] <= q) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
