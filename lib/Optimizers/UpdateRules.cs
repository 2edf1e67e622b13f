using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegularizationLab.Optimizers;

/// <summary>The vectorized inner loops of the optimizers: one pass over each parameter per step.</summary>
internal static class UpdateRules
{
    /// <summary>
    /// The smallest normal double, 2⁻¹⁰²². A momentum or moment buffer entry whose magnitude falls below it is stored
    /// as 0 (flush to zero). Why: on x86 every vector instruction that reads or produces a subnormal number takes a
    /// microcode assist about a hundred times slower than normal arithmetic. A weight that gets only rare, tiny
    /// gradients has a first moment decaying like 0.9ᵗ between them, deep into the subnormal range: in lecture 09's
    /// fig. 1 run these are the input weights of pixels that are ink in only one of the 1000 training digits, once that
    /// digit is fitted; by epoch 125 about 4 000 moments (on ~230 such pixels) were subnormal and each Adam step took
    /// 2.7× as long. The flush changes no weight: with v normal, |m̂/(√v̂ + ε)| &lt; 2⁻¹⁰²²·c₁/2⁻⁵¹¹ ≈ 10⁻¹⁵⁴·c₁,
    /// so the step differs by less than the rounding unit of any weight above ~10⁻¹³⁸.
    /// </summary>
    internal const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>w ← keep·w − rate·d.</summary>
    public static void ShrinkAndStep(Span<double> w, ReadOnlySpan<double> d, double keep, double rate)
    {
        ref double pw = ref MemoryMarshal.GetReference(w);
        ref double pd = ref MemoryMarshal.GetReference(d);
        int n = w.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var k = Vector512.Create(keep);
            var r = Vector512.Create(rate);
            for (; i <= n - 8; i += 8)
                (k * Vector512.LoadUnsafe(ref pw, (nuint)i) - r * Vector512.LoadUnsafe(ref pd, (nuint)i)).StoreUnsafe(ref pw, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref pw, i) = keep * Unsafe.Add(ref pw, i) - rate * Unsafe.Add(ref pd, i);
    }

    /// <summary>v ← μ·v + g  (entries below <see cref="SmallestNormal"/> in magnitude stored as 0).</summary>
    public static void Momentum(Span<double> v, ReadOnlySpan<double> g, double mu)
    {
        ref double pv = ref MemoryMarshal.GetReference(v);
        ref double pg = ref MemoryMarshal.GetReference(g);
        int n = v.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(mu);
            for (; i <= n - 8; i += 8)
                FlushToZero(m * Vector512.LoadUnsafe(ref pv, (nuint)i) + Vector512.LoadUnsafe(ref pg, (nuint)i))
                    .StoreUnsafe(ref pv, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref pv, i) = FlushToZero(mu * Unsafe.Add(ref pv, i) + Unsafe.Add(ref pg, i));
    }

    /// <summary>x, or 0 when |x| is subnormal (see <see cref="SmallestNormal"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FlushToZero(double x) => Math.Abs(x) < SmallestNormal ? 0.0 : x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> FlushToZero(Vector512<double> x) =>
        Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(SmallestNormal)),
            Vector512<double>.Zero, x);

    /// <summary>
    /// One Adam step on one tensor, fused into a single pass:
    ///   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  m̂ = m·c₁,  v̂ = v·c₂   (c₁ = 1/(1−β₁ᵗ), c₂ = 1/(1−β₂ᵗ))
    ///   w ← w − step·m̂/(√v̂ + ε) − decay·w     (decay = 0 for plain Adam; the AdamW term otherwise)
    /// m and v entries below <see cref="SmallestNormal"/> in magnitude are stored as 0 (the only departure from
    /// <see cref="ReferenceUpdates.AdamW"/>; it leaves every weight unchanged, see <see cref="SmallestNormal"/>).
    /// </summary>
    public static void Adam(Span<double> w, ReadOnlySpan<double> g, Span<double> m, Span<double> v,
        double beta1, double beta2, double c1, double c2, double epsilon, double step, double decay)
    {
        ref double pw = ref MemoryMarshal.GetReference(w);
        ref double pg = ref MemoryMarshal.GetReference(g);
        ref double pm = ref MemoryMarshal.GetReference(m);
        ref double pv = ref MemoryMarshal.GetReference(v);
        int n = w.Length, i = 0;
        double keep = 1.0 - decay;
        if (Vector512.IsHardwareAccelerated)
        {
            var b1 = Vector512.Create(beta1); var ob1 = Vector512.Create(1.0 - beta1);
            var b2 = Vector512.Create(beta2); var ob2 = Vector512.Create(1.0 - beta2);
            var vc1 = Vector512.Create(c1); var vc2 = Vector512.Create(c2);
            var eps = Vector512.Create(epsilon); var s = Vector512.Create(step); var k = Vector512.Create(keep);
            for (; i <= n - 8; i += 8)
            {
                var gi = Vector512.LoadUnsafe(ref pg, (nuint)i);
                var mi = FlushToZero(b1 * Vector512.LoadUnsafe(ref pm, (nuint)i) + ob1 * gi);
                var vi = FlushToZero(b2 * Vector512.LoadUnsafe(ref pv, (nuint)i) + ob2 * (gi * gi));
                mi.StoreUnsafe(ref pm, (nuint)i);
                vi.StoreUnsafe(ref pv, (nuint)i);
                var wi = Vector512.LoadUnsafe(ref pw, (nuint)i);
                (k * wi - s * (mi * vc1) / (Vector512.Sqrt(vi * vc2) + eps)).StoreUnsafe(ref pw, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double gi = Unsafe.Add(ref pg, i);
            double mi = FlushToZero(beta1 * Unsafe.Add(ref pm, i) + (1.0 - beta1) * gi);
            double vi = FlushToZero(beta2 * Unsafe.Add(ref pv, i) + (1.0 - beta2) * (gi * gi));
            Unsafe.Add(ref pm, i) = mi;
            Unsafe.Add(ref pv, i) = vi;
            ref double wi = ref Unsafe.Add(ref pw, i);
            wi = keep * wi - step * (mi * c1) / (Math.Sqrt(vi * c2) + epsilon);
        }
    }
}
