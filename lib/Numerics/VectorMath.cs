using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RegularizationLab.Numerics;

/// <summary>
/// Vectorized loops over spans of doubles: 512-bit vectors where the hardware has them (a plain loop otherwise,
/// and for the last few entries).
/// </summary>
public static partial class VectorMath
{
    /// <summary>Σ xᵢ yᵢ.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        double sum = 0;
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector512<double>.Zero;
            for (; i <= n - 8; i += 8)
                acc += Vector512.LoadUnsafe(ref px, (nuint)i) * Vector512.LoadUnsafe(ref py, (nuint)i);
            sum = Vector512.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref px, i) * Unsafe.Add(ref py, i);
        return sum;
    }

    /// <summary>Σ xᵢ².</summary>
    public static double SumOfSquares(ReadOnlySpan<double> x) => Dot(x, x);

    /// <summary>y ← y + α·x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(alpha);
            for (; i <= n - 8; i += 8)
                (Vector512.LoadUnsafe(ref py, (nuint)i) + a * Vector512.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref py, i) += alpha * Unsafe.Add(ref px, i);
    }

    /// <summary>x ← α·x.</summary>
    public static void Scale(double alpha, Span<double> x)
    {
        ref double px = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(alpha);
            for (; i <= n - 8; i += 8)
                (a * Vector512.LoadUnsafe(ref px, (nuint)i)).StoreUnsafe(ref px, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref px, i) *= alpha;
    }

    /// <summary>z ← x ⊙ y (elementwise product); z may alias x or y.</summary>
    public static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        CheckSameLength(x.Length, z.Length, nameof(z));
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        ref double pz = ref MemoryMarshal.GetReference(z);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= n - 8; i += 8)
                (Vector512.LoadUnsafe(ref px, (nuint)i) * Vector512.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref pz, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref pz, i) = Unsafe.Add(ref px, i) * Unsafe.Add(ref py, i);
    }

    /// <summary>xᵢ ← (xᵢ ≥ threshold ? value : 0), branch-free: turns uniforms into an inverted-dropout mask.</summary>
    public static void KeepWhereAtLeast(Span<double> x, double threshold, double value)
    {
        ref double px = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var t = Vector512.Create(threshold);
            var v = Vector512.Create(value);
            for (; i <= n - 8; i += 8)
                (Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref px, (nuint)i), t) & v).StoreUnsafe(ref px, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref px, i) = Unsafe.Add(ref px, i) >= threshold ? value : 0.0;
    }

    /// <summary>True when no entry is NaN or ±∞. Uses x − x, which is 0 for finite x and NaN otherwise.</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        ref double px = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var acc = Vector512<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var v = Vector512.LoadUnsafe(ref px, (nuint)i);
                acc += v - v;
            }
            if (!Vector512.EqualsAll(acc, Vector512<double>.Zero)) return false;
        }
        for (; i < n; i++)
            if (!double.IsFinite(Unsafe.Add(ref px, i))) return false;
        return true;
    }

    private static void CheckSameLength(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new ArgumentException($"{name} has {actual} entries but must have {expected} (the length of the first span).", name);
    }
}
