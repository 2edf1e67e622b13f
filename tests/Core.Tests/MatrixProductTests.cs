using RegularizationLab.Numerics;
using static RegularizationLab.Tests.Core.TestSupport;

namespace RegularizationLab.Tests.Core;

public class MatrixProductTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 1 }, { 7, 13, 5 }, { 13, 7, 1 }, { 7, 1, 13 }, { 2, 3, 2 }, { 4, 8, 24 }, { 9, 17, 25 },
        { 5, 300, 33 }, { 33, 257, 70 }, { 32, 64, 64 }, { 8, 784, 128 }, { 500, 784, 128 },
    };

    private static void AssertClose(double[,] expected, Matrix actual, double[,] scaleA, double[,] scaleB, int k)
    {
        // Rounding bound for a length-k dot product: |error| ≤ k·ε·Σ|a||b| (here with a generous constant).
        var absProduct = NaiveProduct(Abs(scaleA), Abs(scaleB));
        for (int i = 0; i < actual.Rows; i++)
            for (int j = 0; j < actual.Cols; j++)
            {
                double tolerance = 2 * (k + 1) * 1.1102230246251565e-16 * absProduct[i, j] + 1e-300;
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance,
                    $"entry ({i}, {j}): expected {expected[i, j]}, got {actual[i, j]} (tolerance {tolerance})");
            }
    }

    private static double[,] Abs(double[,] a)
    {
        var r = (double[,])a.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++) r[i, j] = Math.Abs(r[i, j]);
        return r;
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Multiply_matches_the_scalar_triple_loop(int m, int k, int n)
    {
        var rng = new Random(m * 1000 + k * 10 + n);
        var a = RandomMatrix(m, k, rng);
        var b = RandomMatrix(k, n, rng);
        var c = new Matrix(m, n);
        MatrixProducts.Multiply(a, b, c);
        AssertClose(NaiveProduct(a.ToArray(), b.ToArray()), c, a.ToArray(), b.ToArray(), k);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void MultiplyTransposedLeft_matches_the_scalar_triple_loop(int m, int k, int n)
    {
        var rng = new Random(m * 1000 + k * 10 + n + 1);
        var a = RandomMatrix(k, m, rng);          // aᵀ is m × k
        var b = RandomMatrix(k, n, rng);
        var c = new Matrix(m, n);
        MatrixProducts.MultiplyTransposedLeft(a, b, c);
        var at = Transposed(a.ToArray());
        AssertClose(NaiveProduct(at, b.ToArray()), c, at, b.ToArray(), k);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void MultiplyTransposedRight_matches_the_scalar_triple_loop(int m, int k, int n)
    {
        var rng = new Random(m * 1000 + k * 10 + n + 2);
        var a = RandomMatrix(m, k, rng);
        var b = RandomMatrix(n, k, rng);          // bᵀ is k × n
        var c = new Matrix(m, n);
        MatrixProducts.MultiplyTransposedRight(a, b, c);
        var bt = Transposed(b.ToArray());
        AssertClose(NaiveProduct(a.ToArray(), bt), c, a.ToArray(), bt, k);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Every_entry_is_the_documented_fma_chain_bit_for_bit(int m, int k, int n)
    {
        // The kernels promise c ← fma(a_ip, b_pj, c) for p = 0 … k−1 starting from the old c (accumulate) — the
        // same bits on every machine and vector width. Check it exactly, accumulating onto a nonzero C.
        var rng = new Random(7 * m + 3 * k + n);
        var a = RandomMatrix(m, k, rng);
        var b = RandomMatrix(k, n, rng);
        var c = RandomMatrix(m, n, rng);
        var expected = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = c[i, j];
                for (int p = 0; p < k; p++) s = Math.FusedMultiplyAdd(a[i, p], b[p, j], s);
                expected[i, j] = s;
            }
        MatrixProducts.Multiply(a, b, c, accumulate: true);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(expected[i, j], c[i, j]);
    }

    [Fact]
    public void Accumulate_adds_to_the_old_result_and_overwrite_ignores_it()
    {
        var rng = new Random(5);
        var a = RandomMatrix(6, 9, rng);
        var b = RandomMatrix(9, 11, rng);
        var product = new Matrix(6, 11);
        MatrixProducts.Multiply(a, b, product);
        var c = Matrix.Filled(6, 11, 3.0);
        MatrixProducts.Multiply(a, b, c, accumulate: true);
        for (int i = 0; i < c.Length; i++) Assert.Equal(product.Data[i] + 3.0, c.Data[i], 12);
        var d = Matrix.Filled(6, 11, 1e9);
        MatrixProducts.Multiply(a, b, d);
        Assert.Equal(product.Data, d.Data);
    }

    [Fact]
    public void Allocating_helpers_agree_with_the_products()
    {
        var rng = new Random(9);
        var a = RandomMatrix(3, 4, rng);
        var b = RandomMatrix(4, 2, rng);
        var c = a.Multiply(b);
        var expected = NaiveProduct(a.ToArray(), b.ToArray());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) Assert.Equal(expected[i, j], c[i, j], 14);
        Assert.Equal(a[1, 2], a.Transpose()[2, 1]);
    }

    [Fact]
    public void The_machine_uses_512_bit_vectors_when_it_has_them()
    {
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            Assert.Equal("Vector512 + FMA", MatrixProducts.InstructionSet);
        else
            Assert.NotEqual("Vector512 + FMA", MatrixProducts.InstructionSet);
    }
}
