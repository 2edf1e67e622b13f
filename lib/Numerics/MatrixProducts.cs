using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RegularizationLab.Numerics;

/// <summary>
/// The three matrix products a linear layer needs (batch X: n × in, weights W: in × out, upstream gradient δ: n × out):
///   forward          Z   = X · W        → <see cref="Multiply"/>
///   weight gradient  ∂W  = Xᵀ · δ       → <see cref="MultiplyTransposedLeft"/>
///   input gradient   ∂X  = δ · Wᵀ       → <see cref="MultiplyTransposedRight"/>
/// All write into a caller-owned result (no allocation after the first call on a thread) and use 512-bit FMA
/// vectors when the CPU has them. Each entry is the FMA chain c ← fma(aᵢₚ, bₚⱼ, c) over p = 0 … k−1, starting
/// from 0 (or from the old entry when <c>accumulate</c> is true).
/// </summary>
public static class MatrixProducts
{
    private static readonly int s_path =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 512 :
        Vector256.IsHardwareAccelerated && Fma.IsSupported ? 256 : 0;

    /// <summary>Which kernels this machine runs: "Vector512 + FMA", "Vector256 + FMA" or "scalar".</summary>
    public static string InstructionSet => s_path switch
    {
        512 => "Vector512 + FMA",
        256 => "Vector256 + FMA",
        _ => "scalar",
    };

    [ThreadStatic] private static double[]? t_transposed;

    /// <summary>result ← a·b (or result + a·b when <paramref name="accumulate"/>): (m × k)·(k × n) → m × n.</summary>
    public static void Multiply(Matrix a, Matrix b, Matrix result, bool accumulate = false)
    {
        CheckNotAliased(a, b, result);
        if (a.Cols != b.Rows)
            throw new ArgumentException(
                $"Cannot multiply a ({a.Shape}) by b ({b.Shape}): a's column count {a.Cols} must equal b's row count {b.Rows}.",
                nameof(b));
        CheckResult(result, a.Rows, b.Cols, "a·b", a, b);
        Run(a.Rows, b.Cols, a.Cols, a.Data, rowStride: a.Cols, colStride: 1, b.Data, b.Cols, result.Data, accumulate);
    }

    /// <summary>result ← aᵀ·b: a is k × m, b is k × n, result is m × n (e.g. ∂L/∂W = Xᵀ·δ).</summary>
    public static void MultiplyTransposedLeft(Matrix a, Matrix b, Matrix result, bool accumulate = false)
    {
        CheckNotAliased(a, b, result);
        if (a.Rows != b.Rows)
            throw new ArgumentException(
                $"Cannot form aᵀ·b with a ({a.Shape}) and b ({b.Shape}): their row counts {a.Rows} and {b.Rows} must be equal.",
                nameof(b));
        CheckResult(result, a.Cols, b.Cols, "aᵀ·b", a, b);
        // Aᵀ[i, p] = a[p, i] lives at p·m + i: row stride 1, column stride m. The kernels broadcast A entries, so no copy.
        Run(a.Cols, b.Cols, a.Rows, a.Data, rowStride: 1, colStride: a.Cols, b.Data, b.Cols, result.Data, accumulate);
    }

    /// <summary>result ← a·bᵀ: a is m × k, b is n × k, result is m × n (e.g. ∂L/∂X = δ·Wᵀ).</summary>
    public static void MultiplyTransposedRight(Matrix a, Matrix b, Matrix result, bool accumulate = false)
    {
        CheckNotAliased(a, b, result);
        if (a.Cols != b.Cols)
            throw new ArgumentException(
                $"Cannot form a·bᵀ with a ({a.Shape}) and b ({b.Shape}): their column counts {a.Cols} and {b.Cols} must be equal.",
                nameof(b));
        CheckResult(result, a.Rows, b.Rows, "a·bᵀ", a, b);
        // The kernels stream rows of the right factor, so bᵀ is copied once into a per-thread scratch (k × n).
        int k = b.Cols, n = b.Rows;
        if (t_transposed is null || t_transposed.Length < k * n) t_transposed = new double[k * n];
        Transpose(b.Data, n, k, t_transposed);
        Run(a.Rows, n, k, a.Data, rowStride: a.Cols, colStride: 1, t_transposed, n, result.Data, accumulate);
    }

    private static void Run(int m, int n, int k, double[] a, nint rowStride, nint colStride, double[] b, nint ldb,
        double[] c, bool accumulate)
    {
        ref double pa = ref a[0];
        ref double pb = ref b[0];
        ref double pc = ref c[0];
        switch (s_path)
        {
            case 512: BlockedGemm<Simd512, Vector512<double>>.Run(m, n, k, ref pa, rowStride, colStride, ref pb, ldb, ref pc, n, accumulate); break;
            case 256: BlockedGemm<Simd256, Vector256<double>>.Run(m, n, k, ref pa, rowStride, colStride, ref pb, ldb, ref pc, n, accumulate); break;
            default: ScalarGemm.Run(m, n, k, ref pa, rowStride, colStride, ref pb, ldb, ref pc, n, accumulate); break;
        }
    }

    /// <summary>dst (cols × rows) ← srcᵀ, in 8 × 8 blocks so both sides stay in cache.</summary>
    private static void Transpose(double[] src, int rows, int cols, double[] dst)
    {
        const int B = 8;
        for (int r0 = 0; r0 < rows; r0 += B)
            for (int c0 = 0; c0 < cols; c0 += B)
            {
                int rEnd = Math.Min(r0 + B, rows), cEnd = Math.Min(c0 + B, cols);
                for (int r = r0; r < rEnd; r++)
                    for (int col = c0; col < cEnd; col++)
                        dst[col * rows + r] = src[r * cols + col];
            }
    }

    private static void CheckResult(Matrix result, int rows, int cols, string product, Matrix a, Matrix b)
    {
        // The message is built only on failure: this check runs several times per training step.
        if (result.Rows != rows || result.Cols != cols)
            throw new ArgumentException(
                $"result is {result.Shape} but {product} of a ({a.Shape}) and b ({b.Shape}) is {rows} × {cols}.", nameof(result));
    }

    private static void CheckNotAliased(Matrix a, Matrix b, Matrix result)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(result);
        if (ReferenceEquals(result.Data, a.Data) || ReferenceEquals(result.Data, b.Data))
            throw new ArgumentException("result must be a different matrix from a and b (the product is written while they are read).", nameof(result));
    }
}
