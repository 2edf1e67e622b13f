using System.Runtime.CompilerServices;

namespace RegularizationLab.Numerics;

/// <summary>
/// Register-blocked micro-kernels: each computes one small tile of C = A·B, keeping the tile in vector registers
/// while it walks down the shared dimension k:
///     C[i, j..j+w) ← C[i, j..j+w) + Σₚ A[i, p] · B[p, j..j+w)      (one fused multiply–add per p and vector)
/// A is read one scalar at a time (broadcast), at any strides (rowStride, colStride), so Aᵀ costs nothing;
/// B is read one contiguous row segment at a time (row stride ldb). Every entry of C is the same FMA chain
/// c ← fma(A[i,p], B[p,j], c) for p = 0, 1, …, k−1, whatever kernel or vector width computes it.
/// </summary>
internal static class GemmKernels
{
    /// <summary>4 rows × 3 vectors: 12 accumulators, enough independent FMAs to hide the FMA latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile4x3<S, V>(ref double a, nint rowStride, nint colStride, ref double b, nint ldb,
        ref double c, nint ldc, int k, bool accumulate)
        where S : struct, ISimd<V> where V : struct
    {
        int w = S.Width;
        ref double c0 = ref c;
        ref double c1 = ref Unsafe.Add(ref c, ldc);
        ref double c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref double c3 = ref Unsafe.Add(ref c, 3 * ldc);
        V c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (accumulate)
        {
            c00 = S.Load(ref c0); c01 = S.Load(ref Unsafe.Add(ref c0, w)); c02 = S.Load(ref Unsafe.Add(ref c0, 2 * w));
            c10 = S.Load(ref c1); c11 = S.Load(ref Unsafe.Add(ref c1, w)); c12 = S.Load(ref Unsafe.Add(ref c1, 2 * w));
            c20 = S.Load(ref c2); c21 = S.Load(ref Unsafe.Add(ref c2, w)); c22 = S.Load(ref Unsafe.Add(ref c2, 2 * w));
            c30 = S.Load(ref c3); c31 = S.Load(ref Unsafe.Add(ref c3, w)); c32 = S.Load(ref Unsafe.Add(ref c3, 2 * w));
        }
        else
        {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = S.Zero;
        }

        ref double ap = ref a;
        ref double bp = ref b;
        for (int p = 0; p < k; p++)
        {
            V b0 = S.Load(ref bp), b1 = S.Load(ref Unsafe.Add(ref bp, w)), b2 = S.Load(ref Unsafe.Add(ref bp, 2 * w));
            V a0 = S.Broadcast(ap);
            c00 = S.MultiplyAdd(a0, b0, c00); c01 = S.MultiplyAdd(a0, b1, c01); c02 = S.MultiplyAdd(a0, b2, c02);
            V a1 = S.Broadcast(Unsafe.Add(ref ap, rowStride));
            c10 = S.MultiplyAdd(a1, b0, c10); c11 = S.MultiplyAdd(a1, b1, c11); c12 = S.MultiplyAdd(a1, b2, c12);
            V a2 = S.Broadcast(Unsafe.Add(ref ap, 2 * rowStride));
            c20 = S.MultiplyAdd(a2, b0, c20); c21 = S.MultiplyAdd(a2, b1, c21); c22 = S.MultiplyAdd(a2, b2, c22);
            V a3 = S.Broadcast(Unsafe.Add(ref ap, 3 * rowStride));
            c30 = S.MultiplyAdd(a3, b0, c30); c31 = S.MultiplyAdd(a3, b1, c31); c32 = S.MultiplyAdd(a3, b2, c32);
            ap = ref Unsafe.Add(ref ap, colStride);
            bp = ref Unsafe.Add(ref bp, ldb);
        }

        S.Store(c00, ref c0); S.Store(c01, ref Unsafe.Add(ref c0, w)); S.Store(c02, ref Unsafe.Add(ref c0, 2 * w));
        S.Store(c10, ref c1); S.Store(c11, ref Unsafe.Add(ref c1, w)); S.Store(c12, ref Unsafe.Add(ref c1, 2 * w));
        S.Store(c20, ref c2); S.Store(c21, ref Unsafe.Add(ref c2, w)); S.Store(c22, ref Unsafe.Add(ref c2, 2 * w));
        S.Store(c30, ref c3); S.Store(c31, ref Unsafe.Add(ref c3, w)); S.Store(c32, ref Unsafe.Add(ref c3, 2 * w));
    }

    /// <summary>4 rows × 1 vector, for the columns left after the 3-vector panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile4x1<S, V>(ref double a, nint rowStride, nint colStride, ref double b, nint ldb,
        ref double c, nint ldc, int k, bool accumulate)
        where S : struct, ISimd<V> where V : struct
    {
        ref double c0 = ref c;
        ref double c1 = ref Unsafe.Add(ref c, ldc);
        ref double c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref double c3 = ref Unsafe.Add(ref c, 3 * ldc);
        V c00, c10, c20, c30;
        if (accumulate) { c00 = S.Load(ref c0); c10 = S.Load(ref c1); c20 = S.Load(ref c2); c30 = S.Load(ref c3); }
        else c00 = c10 = c20 = c30 = S.Zero;

        ref double ap = ref a;
        ref double bp = ref b;
        for (int p = 0; p < k; p++)
        {
            V b0 = S.Load(ref bp);
            c00 = S.MultiplyAdd(S.Broadcast(ap), b0, c00);
            c10 = S.MultiplyAdd(S.Broadcast(Unsafe.Add(ref ap, rowStride)), b0, c10);
            c20 = S.MultiplyAdd(S.Broadcast(Unsafe.Add(ref ap, 2 * rowStride)), b0, c20);
            c30 = S.MultiplyAdd(S.Broadcast(Unsafe.Add(ref ap, 3 * rowStride)), b0, c30);
            ap = ref Unsafe.Add(ref ap, colStride);
            bp = ref Unsafe.Add(ref bp, ldb);
        }

        S.Store(c00, ref c0); S.Store(c10, ref c1); S.Store(c20, ref c2); S.Store(c30, ref c3);
    }

    /// <summary>1 row × 3 vectors, for the rows left after the 4-row blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile1x3<S, V>(ref double a, nint colStride, ref double b, nint ldb,
        ref double c, int k, bool accumulate)
        where S : struct, ISimd<V> where V : struct
    {
        int w = S.Width;
        V c00, c01, c02;
        if (accumulate) { c00 = S.Load(ref c); c01 = S.Load(ref Unsafe.Add(ref c, w)); c02 = S.Load(ref Unsafe.Add(ref c, 2 * w)); }
        else c00 = c01 = c02 = S.Zero;

        ref double ap = ref a;
        ref double bp = ref b;
        for (int p = 0; p < k; p++)
        {
            V a0 = S.Broadcast(ap);
            c00 = S.MultiplyAdd(a0, S.Load(ref bp), c00);
            c01 = S.MultiplyAdd(a0, S.Load(ref Unsafe.Add(ref bp, w)), c01);
            c02 = S.MultiplyAdd(a0, S.Load(ref Unsafe.Add(ref bp, 2 * w)), c02);
            ap = ref Unsafe.Add(ref ap, colStride);
            bp = ref Unsafe.Add(ref bp, ldb);
        }

        S.Store(c00, ref c); S.Store(c01, ref Unsafe.Add(ref c, w)); S.Store(c02, ref Unsafe.Add(ref c, 2 * w));
    }

    /// <summary>1 row × 1 vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile1x1<S, V>(ref double a, nint colStride, ref double b, nint ldb,
        ref double c, int k, bool accumulate)
        where S : struct, ISimd<V> where V : struct
    {
        V c00 = accumulate ? S.Load(ref c) : S.Zero;
        ref double ap = ref a;
        ref double bp = ref b;
        for (int p = 0; p < k; p++)
        {
            c00 = S.MultiplyAdd(S.Broadcast(ap), S.Load(ref bp), c00);
            ap = ref Unsafe.Add(ref ap, colStride);
            bp = ref Unsafe.Add(ref bp, ldb);
        }
        S.Store(c00, ref c);
    }
}
