namespace RegularizationLab.Numerics;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna), seeded from a <see cref="Random"/>: a fast stream of uniforms for dropout
/// masks, where one draw per activation per step would make System.Random the bottleneck. Deterministic.
/// </summary>
internal sealed class FastRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public FastRandom(Random seedSource)
    {
        // SplitMix64 expansion of one 64-bit seed, the initialisation the xoshiro authors recommend.
        ulong x = (ulong)seedSource.NextInt64();
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Fills <paramref name="destination"/> with uniforms in [0, 1): the same numbers as repeated <see cref="NextDouble"/>
    /// calls, with the generator state kept in registers for the whole loop.
    /// </summary>
    public void FillUniform(Span<double> destination)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < destination.Length; i++)
        {
            ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
            s2 ^= t;
            s3 = ulong.RotateLeft(s3, 45);
            destination[i] = (result >> 11) * (1.0 / (1UL << 53));
        }
        _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3;
    }
}
