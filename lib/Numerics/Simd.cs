using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RegularizationLab.Numerics;

/// <summary>
/// The handful of vector operations the matrix-product kernels need, written once for 512-bit and once for
/// 256-bit registers. The kernels are generic over this interface; the JIT compiles a separate, fully inlined copy
/// for each struct, so there is no abstraction cost.
/// </summary>
internal interface ISimd<TVector> where TVector : struct
{
    static abstract int Width { get; }
    static abstract TVector Zero { get; }
    static abstract TVector Load(ref double source);
    static abstract void Store(TVector value, ref double destination);
    static abstract TVector Broadcast(double value);

    /// <summary>a·b + c with a single rounding (fused multiply–add).</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
}

internal readonly struct Simd512 : ISimd<Vector512<double>>
{
    public static int Width => 8;
    public static Vector512<double> Zero => Vector512<double>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source) => Vector512.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Avx512F.FusedMultiplyAdd(a, b, c);
}

internal readonly struct Simd256 : ISimd<Vector256<double>>
{
    public static int Width => 4;
    public static Vector256<double> Zero => Vector256<double>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source) => Vector256.LoadUnsafe(ref source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.MultiplyAdd(a, b, c);
}
