namespace RegularizationLab.Data;

/// <summary>
/// A bit-for-bit port of numpy's legacy <c>np.random.RandomState</c> (the generator behind <c>np.random.seed</c>,
/// <c>np.random.rand</c>, <c>randn</c>, <c>choice</c>, <c>permutation</c>): the Mersenne Twister MT19937 plus numpy's
/// exact recipes for turning its 32-bit words into doubles, Gaussians and integers.
/// Only the draws MNIST-1D uses are here. Reproducing the published MNIST-1D data set needs every one of them to match
/// numpy exactly, because a single extra or missing 32-bit word shifts every later sample.
/// </summary>
public sealed class NumpyRandomState
{
    private const int N = 624;            // MT19937 state size (words)
    private const int M = 397;            // the "middle word" offset of the recurrence
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[N];
    private int _position;
    // The polar Box–Muller method makes two Gaussians at a time; numpy returns one and caches the other.
    private bool _hasCachedGaussian;
    private double _cachedGaussian;

    /// <summary>Same as <c>np.random.seed(seed)</c> / <c>RandomState(seed)</c> for an integer seed in [0, 2³²).</summary>
    public NumpyRandomState(uint seed) => Seed(seed);

    /// <summary>
    /// numpy seeds an integer with MT19937's <c>init_genrand</c>: x₀ = seed, xᵢ = 1812433253·(xᵢ₋₁ ⊕ (xᵢ₋₁ ≫ 30)) + i (mod 2³²).
    /// It also clears the cached Gaussian.
    /// </summary>
    public void Seed(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < N; i++)
            _state[i] = unchecked(1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i);
        _position = N;   // forces a full "twist" before the first output
        _hasCachedGaussian = false;
        _cachedGaussian = 0.0;
    }

    /// <summary>The next raw 32-bit output of MT19937 (numpy's <c>next_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (_position >= N) Twist();
        uint y = _state[_position++];
        // Tempering: an invertible bit mix that improves the equidistribution of the output.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_state[i] & UpperMask) | (_state[(i + 1) % N] & LowerMask);
            uint next = _state[(i + M) % N] ^ (y >> 1);
            if ((y & 1) != 0) next ^= MatrixA;
            _state[i] = next;
        }
        _position = 0;
    }

    /// <summary>
    /// <c>np.random.rand()</c> / <c>random_sample()</c>: a double in [0, 1) with 53 random bits,
    /// u = (a·2²⁶ + b) / 2⁵³ with a = (first word ≫ 5) (27 bits) and b = (second word ≫ 6) (26 bits).
    /// </summary>
    public double RandomSample()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// <c>np.random.randn()</c> / <c>standard_normal()</c> in the legacy polar (Marsaglia) form of Box–Muller:
    /// draw (x₁, x₂) uniformly in the square [−1, 1)² until 0 &lt; r² = x₁² + x₂² &lt; 1; then
    /// f = √(−2 ln r² / r²) makes f·x₁ and f·x₂ two independent N(0, 1) values. numpy returns f·x₂ first and
    /// keeps f·x₁ for the next call.
    /// </summary>
    public double StandardNormal()
    {
        if (_hasCachedGaussian)
        {
            _hasCachedGaussian = false;
            return _cachedGaussian;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * RandomSample() - 1.0;
            x2 = 2.0 * RandomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cachedGaussian = f * x1;
        _hasCachedGaussian = true;
        return f * x2;
    }

    /// <summary><c>np.random.randn(count)</c>: <paramref name="count"/> standard normal draws in order.</summary>
    public double[] StandardNormal(int count)
    {
        var values = new double[count];
        for (int i = 0; i < values.Length; i++) values[i] = StandardNormal();
        return values;
    }

    /// <summary>
    /// An integer uniform on {0, …, max} by masked rejection (numpy's <c>random_interval</c>, also the legacy
    /// <c>randint</c> path for ranges below 2³²): keep the lowest bits that can express max, redraw while the value
    /// exceeds max. Each attempt consumes one 32-bit word.
    /// </summary>
    public uint Interval(uint max)
    {
        if (max == 0) return 0;
        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary>
    /// <c>np.random.randint(low, high)</c> (high exclusive), and therefore <c>np.random.choice(n)</c> = randint(0, n),
    /// for ranges that fit in 32 bits.
    /// </summary>
    public int RandInt(int low, int high)
    {
        if (high <= low)
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be larger than low ({low}); got {high}.");
        return low + (int)Interval((uint)(high - 1 - low));
    }

    /// <summary>
    /// <c>np.random.shuffle(values)</c> for a 1-D array: Fisher–Yates from the end, for i = n−1 … 1 swap values[i]
    /// with values[j], j = Interval(i).
    /// </summary>
    public void Shuffle<T>(T[] values)
    {
        for (int i = values.Length - 1; i >= 1; i--)
        {
            int j = (int)Interval((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary><c>np.random.permutation(n)</c>: shuffle of 0, 1, …, n−1.</summary>
    public int[] Permutation(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Shuffle(order);
        return order;
    }
}
