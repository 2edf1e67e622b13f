using System.Runtime.CompilerServices;

namespace RegularizationLab.Numerics;

/// <summary>
/// The loop nest around the micro-kernels, for C (m × n) ← [C +] A·B with A given by strides and B row-major.
///   for each block of KC steps along k       (the touched part of B stays in the L2 cache)
///     for each block of 4 rows of A/C        (those A entries stay in L1)
///       for each panel of 3 vectors of B/C   (the micro-kernel's register tile)
/// Columns left over after whole vectors (n not a multiple of the vector width, e.g. 2 or 10 classes) are copied
/// once per k-block into a zero-padded one-vector panel, and their C entries go through a small padded tile.
/// </summary>
internal static class BlockedGemm<S, V> where S : struct, ISimd<V> where V : struct
{
    private const int KC = 256;

    [ThreadStatic] private static double[]? t_tailPanel;
    [ThreadStatic] private static double[]? t_tailTile;

    public static void Run(int m, int n, int k, ref double a, nint rowStride, nint colStride,
        ref double b, nint ldb, ref double c, nint ldc, bool accumulate)
    {
        int w = S.Width;
        int wholeCols = n - n % w;
        int tailCols = n - wholeCols;
        double[] tailPanel = tailCols > 0 ? Scratch(ref t_tailPanel, KC * w) : Array.Empty<double>();
        double[] tailTile = tailCols > 0 ? Scratch(ref t_tailTile, 4 * w) : Array.Empty<double>();

        for (int p0 = 0; p0 < k; p0 += KC)
        {
            int kc = Math.Min(KC, k - p0);
            bool acc = accumulate || p0 > 0;
            ref double aBlock = ref Unsafe.Add(ref a, p0 * colStride);
            ref double bBlock = ref Unsafe.Add(ref b, p0 * ldb);
            if (tailCols > 0) PackTail(ref bBlock, ldb, kc, wholeCols, tailCols, tailPanel, w);

            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                ref double aRows = ref Unsafe.Add(ref aBlock, i * rowStride);
                ref double cRows = ref Unsafe.Add(ref c, i * ldc);
                int j = 0;
                for (; j + 3 * w <= n; j += 3 * w)
                    GemmKernels.Tile4x3<S, V>(ref aRows, rowStride, colStride, ref Unsafe.Add(ref bBlock, j), ldb,
                        ref Unsafe.Add(ref cRows, j), ldc, kc, acc);
                for (; j + w <= n; j += w)
                    GemmKernels.Tile4x1<S, V>(ref aRows, rowStride, colStride, ref Unsafe.Add(ref bBlock, j), ldb,
                        ref Unsafe.Add(ref cRows, j), ldc, kc, acc);
                if (tailCols > 0)
                {
                    ref double cTail = ref Unsafe.Add(ref cRows, wholeCols);
                    LoadTile(ref cTail, ldc, 4, tailCols, tailTile, w, acc);
                    GemmKernels.Tile4x1<S, V>(ref aRows, rowStride, colStride, ref tailPanel[0], w,
                        ref tailTile[0], w, kc, accumulate: true);
                    StoreTile(ref cTail, ldc, 4, tailCols, tailTile, w);
                }
            }
            for (; i < m; i++)
            {
                ref double aRow = ref Unsafe.Add(ref aBlock, i * rowStride);
                ref double cRow = ref Unsafe.Add(ref c, i * ldc);
                int j = 0;
                for (; j + 3 * w <= n; j += 3 * w)
                    GemmKernels.Tile1x3<S, V>(ref aRow, colStride, ref Unsafe.Add(ref bBlock, j), ldb,
                        ref Unsafe.Add(ref cRow, j), kc, acc);
                for (; j + w <= n; j += w)
                    GemmKernels.Tile1x1<S, V>(ref aRow, colStride, ref Unsafe.Add(ref bBlock, j), ldb,
                        ref Unsafe.Add(ref cRow, j), kc, acc);
                if (tailCols > 0)
                {
                    ref double cTail = ref Unsafe.Add(ref cRow, wholeCols);
                    LoadTile(ref cTail, ldc, 1, tailCols, tailTile, w, acc);
                    GemmKernels.Tile1x1<S, V>(ref aRow, colStride, ref tailPanel[0], w, ref tailTile[0], kc, accumulate: true);
                    StoreTile(ref cTail, ldc, 1, tailCols, tailTile, w);
                }
            }
        }
    }

    private static double[] Scratch(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new double[length];
        return buffer;
    }

    /// <summary>Copies B[p, j0 .. j0+cols) for p &lt; kc into rows of width w, padding with zeros.</summary>
    private static void PackTail(ref double b, nint ldb, int kc, int j0, int cols, double[] panel, int w)
    {
        for (int p = 0; p < kc; p++)
        {
            ref double src = ref Unsafe.Add(ref b, p * ldb + j0);
            int row = p * w;
            for (int j = 0; j < cols; j++) panel[row + j] = Unsafe.Add(ref src, j);
            for (int j = cols; j < w; j++) panel[row + j] = 0.0;
        }
    }

    private static void LoadTile(ref double c, nint ldc, int rows, int cols, double[] tile, int w, bool accumulate)
    {
        Array.Clear(tile, 0, rows * w);
        if (!accumulate) return;
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
                tile[r * w + j] = Unsafe.Add(ref c, r * ldc + j);
    }

    private static void StoreTile(ref double c, nint ldc, int rows, int cols, double[] tile, int w)
    {
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
                Unsafe.Add(ref c, r * ldc + j) = tile[r * w + j];
    }
}

/// <summary>
/// The same product without vector instructions, for machines without FMA vectors. It computes exactly the same
/// FMA chain per entry as the vector kernels, so results are bit-identical across machines.
/// </summary>
internal static class ScalarGemm
{
    public static void Run(int m, int n, int k, ref double a, nint rowStride, nint colStride,
        ref double b, nint ldb, ref double c, nint ldc, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                ref double cij = ref Unsafe.Add(ref c, i * ldc + j);
                double sum = accumulate ? cij : 0.0;
                for (int p = 0; p < k; p++)
                    sum = Math.FusedMultiplyAdd(Unsafe.Add(ref a, i * rowStride + p * colStride), Unsafe.Add(ref b, p * ldb + j), sum);
                cij = sum;
            }
    }
}
