using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Core;

public class VectorMathTests
{
    private static double[] TestPoints()
    {
        var rng = new Random(3);
        var xs = new List<double> { 0.0, -0.0, 1e-300, -1e-20, 1e-9, 1e-5, 0.1, 0.3465, 0.3466, 0.5, 1, 2, 5, 17, 19.99, 20, 25, 300, -0.7, -3, double.MaxValue };
        for (int i = 0; i < 5000; i++) xs.Add((rng.NextDouble() - 0.5) * 24);
        for (int i = 0; i < 1000; i++) xs.Add((rng.NextDouble() - 0.5) * 1e-3);
        return xs.ToArray();
    }

    [Fact]
    public void Vectorized_tanh_agrees_with_Math_Tanh_to_a_few_ulps()
    {
        var x = TestPoints();
        var y = new double[x.Length];
        VectorMath.Tanh(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Tanh(x[i]);
            double ulp = Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
            Assert.True(Math.Abs(y[i] - expected) <= 4 * ulp, $"tanh({x[i]:R}) = {y[i]:R}, Math.Tanh gives {expected:R}");
        }
    }

    [Fact]
    public void Vector_and_scalar_tanh_paths_give_identical_bits()
    {
        var x = TestPoints();
        var y = new double[x.Length];
        VectorMath.Tanh(x, y);
        for (int i = 0; i < x.Length; i++) Assert.Equal(VectorMath.TanhScalar(x[i]), y[i]);
    }

    [Fact]
    public void Tanh_is_odd_and_saturates()
    {
        Assert.Equal(1.0, VectorMath.TanhScalar(40));
        Assert.Equal(-1.0, VectorMath.TanhScalar(-1e10));
        Assert.Equal(-VectorMath.TanhScalar(0.37), VectorMath.TanhScalar(-0.37));
    }

    [Fact]
    public void Span_helpers_compute_what_they_say()
    {
        var x = Enumerable.Range(1, 19).Select(i => (double)i).ToArray();
        var y = Enumerable.Range(1, 19).Select(i => 0.5 * i).ToArray();
        Assert.Equal(x.Zip(y, (a, b) => a * b).Sum(), VectorMath.Dot(x, y), 12);
        Assert.Equal(x.Sum(v => v * v), VectorMath.SumOfSquares(x), 12);
        var z = (double[])y.Clone();
        VectorMath.Axpy(2.0, x, z);
        for (int i = 0; i < z.Length; i++) Assert.Equal(y[i] + 2 * x[i], z[i]);
        VectorMath.Scale(0.5, z);
        for (int i = 0; i < z.Length; i++) Assert.Equal(0.5 * (y[i] + 2 * x[i]), z[i]);
        Assert.True(VectorMath.AllFinite(x));
        x[17] = double.NaN;
        Assert.False(VectorMath.AllFinite(x));
        x[17] = 1; x[3] = double.NegativeInfinity;
        Assert.False(VectorMath.AllFinite(x));
    }

    [Fact]
    public void Relu_and_its_derivative()
    {
        var z = new[] { -2.0, -0.5, 0.0, 0.5, 3, -1, 2, 4, -7, 8 };
        var a = new double[z.Length];
        VectorMath.Relu(z, a);
        Assert.Equal(z.Select(v => Math.Max(v, 0)).ToArray(), a);
        var g = Enumerable.Repeat(2.0, z.Length).ToArray();
        var d = new double[z.Length];
        VectorMath.ReluBackward(z, g, d);
        Assert.Equal(z.Select(v => v > 0 ? 2.0 : 0.0).ToArray(), d);
    }

    [Fact]
    public void Gaussian_draws_have_mean_zero_and_unit_variance()
    {
        var rng = new Random(11);
        const int n = 100_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) { double z = rng.NextGaussian(); sum += z; sumSq += z * z; }
        double mean = sum / n, variance = sumSq / n - mean * mean;
        Assert.True(Math.Abs(mean) < 5 / Math.Sqrt(n), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 5 * Math.Sqrt(2.0 / n), $"variance {variance}");  // Var(s²) ≈ 2σ⁴/n
    }

    [Fact]
    public void Permutation_is_a_permutation()
    {
        var p = new Random(1).Permutation(50);
        Assert.Equal(Enumerable.Range(0, 50), p.OrderBy(i => i));
        Assert.NotEqual(Enumerable.Range(0, 50), p);
    }
}

public class NaNPropagationTests
{
    [Fact]
    public void Tanh_and_relu_keep_NaN_visible_in_vector_and_scalar_lanes()
    {
        var x = Enumerable.Range(0, 19).Select(i => i * 0.1 - 0.9).ToArray();
        x[3] = double.NaN;    // inside a vector block
        x[17] = double.NaN;   // in the scalar tail
        var y = new double[x.Length];
        VectorMath.Tanh(x, y);
        Assert.True(double.IsNaN(y[3]) && double.IsNaN(y[17]));
        Assert.Equal(Math.Tanh(x[4]), y[4], 1e-15);
        VectorMath.Relu(x, y);
        Assert.True(double.IsNaN(y[3]) && double.IsNaN(y[17]));
        Assert.Equal(0.0, y[0]);
    }
}
