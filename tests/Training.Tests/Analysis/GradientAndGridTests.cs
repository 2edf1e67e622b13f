using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Analysis;

public class GradientStatisticsTests
{
    /// <summary>A linear model ŷ = xW + b with MSE: its loss is exactly quadratic in (W, b).</summary>
    private static (Sequential Net, Dataset Data) LinearRegression(int n, int seed)
    {
        var random = new Random(seed);
        var net = new Sequential(new Linear(3, 2, random));
        var x = new Matrix(n, 3);
        var y = new Matrix(n, 2);
        for (int i = 0; i < x.Length; i++) x.Data[i] = random.NextGaussian();
        for (int i = 0; i < y.Length; i++) y.Data[i] = random.NextGaussian();
        return (net, new Dataset(x, y));
    }

    [Fact]
    public void Hessian_vector_product_matches_the_exact_hessian_of_a_quadratic_loss()
    {
        var (net, data) = LinearRegression(40, 1);
        // L = (1/n) Σ_i Σ_j (x̃_i · w_j − y_ij)² with x̃ = (x, 1) and w_j = (W[:, j], b_j).
        // ∂²L/∂w_aj ∂w_bk = (2/n) Σ_i x̃_ia x̃_ib δ_jk. Parameter order: W row-major (index a·2 + j), then b (6 + j).
        int P = net.ParameterCount;
        Assert.Equal(8, P);
        int Index(int a, int j) => a < 3 ? a * 2 + j : 6 + j;   // a = 3 stands for the bias input
        var h = new double[P, P];
        for (int i = 0; i < data.Count; i++)
        {
            double[] xt = { data.Features[i, 0], data.Features[i, 1], data.Features[i, 2], 1 };
            for (int a = 0; a < 4; a++)
                for (int b = 0; b < 4; b++)
                    for (int j = 0; j < 2; j++)
                        h[Index(a, j), Index(b, j)] += 2.0 / data.Count * xt[a] * xt[b];
        }
        var random = new Random(5);
        for (int trial = 0; trial < 3; trial++)
        {
            double[] v = Enumerable.Range(0, P).Select(_ => random.NextGaussian()).ToArray();
            double[] hv = GradientStatistics.HessianVectorProduct(net, new MeanSquaredError(), data, v);
            for (int r = 0; r < P; r++)
            {
                double exact = 0;
                for (int c = 0; c < P; c++) exact += h[r, c] * v[c];
                Assert.True(Math.Abs(hv[r] - exact) < 1e-8 * (1 + Math.Abs(exact)), $"(Hv)_{r}: {hv[r]} vs exact {exact}");
            }
        }
    }

    [Fact]
    public void Generic_hessian_vector_product_matches_a_random_quadratic()
    {
        // L(φ) = ½ φᵀAφ + bᵀφ with symmetric A: ∇L = Aφ + b, H = A.
        var random = new Random(3);
        int n = 12;
        var a = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) a[i, j] = a[j, i] = random.NextGaussian();
        double[] b = Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();
        double[] Gradient(double[] phi) => Enumerable.Range(0, n).Select(i => b[i] + Enumerable.Range(0, n).Sum(j => a[i, j] * phi[j])).ToArray();
        double[] point = Enumerable.Range(0, n).Select(_ => 3 * random.NextGaussian()).ToArray();
        double[] v = Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();
        double[] hv = GradientStatistics.HessianVectorProduct(Gradient, point, v);
        for (int i = 0; i < n; i++)
            Assert.Equal(Enumerable.Range(0, n).Sum(j => a[i, j] * v[j]), hv[i], 8);
        Assert.Equal(new double[n], GradientStatistics.HessianVectorProduct(Gradient, point, new double[n]));
        var e = Assert.Throws<ArgumentException>(() => GradientStatistics.HessianVectorProduct(Gradient, point, new double[3]));
        Assert.Equal("vector", e.ParamName);
    }

    [Fact]
    public void Full_gradient_matches_finite_differences_across_evaluation_chunks()
    {
        // 2500 rows → gradient accumulated over three chunks; compare with central differences of the mean loss.
        var moons = TwoMoons.Generate(2500, 0.2, 0.1, seed: 6).Data;
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 6);
        var loss = new SoftmaxCrossEntropy();
        double[] g = GradientStatistics.Gradient(net, loss, moons);
        double[] theta = GradientStatistics.GetParameters(net);
        foreach (int k in new[] { 0, 7, 20, g.Length - 1 })
        {
            double[] plus = (double[])theta.Clone(), minus = (double[])theta.Clone();
            plus[k] += 1e-6; minus[k] -= 1e-6;
            GradientStatistics.SetParameters(net, plus);
            double lp = Evaluation.Evaluate(net, loss, moons).Loss;
            GradientStatistics.SetParameters(net, minus);
            double lm = Evaluation.Evaluate(net, loss, moons).Loss;
            Assert.Equal((lp - lm) / 2e-6, g[k], 7);
        }
        GradientStatistics.SetParameters(net, theta);
        Assert.Equal(Math.Sqrt(g.Sum(x => x * x)), GradientStatistics.GradientNorm(net, loss, moons), 12);
    }

    [Fact]
    public void Batch_gradient_variance_is_zero_for_one_batch_and_obeys_the_variance_identity()
    {
        var moons = TwoMoons.Generate(240, 0.2, 0.1, seed: 2).Data;
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 2);
        var one = GradientStatistics.BatchGradientVariance(net, new SoftmaxCrossEntropy(), moons, 240, seed: 1);
        Assert.Equal(1, one.BatchCount);
        Assert.True(one.MeanSquaredDeviation < 1e-24);
        var many = GradientStatistics.BatchGradientVariance(net, new SoftmaxCrossEntropy(), moons, 24, seed: 1);
        Assert.Equal(10, many.BatchCount);
        // Equal batches that partition the data average to the full gradient, so
        // (1/B) Σ‖g_b − g‖² = (1/B) Σ‖g_b‖² − ‖g‖².
        double identity = many.BatchGradientNorms.Average(x => x * x) - many.FullGradientNorm * many.FullGradientNorm;
        Assert.Equal(identity, many.MeanSquaredDeviation, 10);
        Assert.True(many.MeanSquaredDeviation > 0);
        Assert.Equal(0.025 * many.MeanSquaredDeviation, many.ImplicitPenalty(0.1), 14);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            GradientStatistics.BatchGradientVariance(net, new SoftmaxCrossEntropy(), moons, 241, 1));
        Assert.Equal("batchSize", e.ParamName);
    }

    [Fact]
    public void Largest_hessian_eigenvalue_matches_the_quadratic_case()
    {
        var (net, data) = LinearRegression(30, 4);
        // For the linear model, H = (2/n) X̃ᵀX̃ ⊗ I₂: its top eigenvalue is that of (2/n) X̃ᵀX̃.
        var xt = new Matrix(4, 4);
        for (int i = 0; i < data.Count; i++)
        {
            double[] row = { data.Features[i, 0], data.Features[i, 1], data.Features[i, 2], 1 };
            for (int a = 0; a < 4; a++) for (int b = 0; b < 4; b++) xt[a, b] += 2.0 / data.Count * row[a] * row[b];
        }
        double expected = SymmetricEigen.Decompose(xt).Values[0];
        double estimate = GradientStatistics.LargestHessianEigenvalue(net, new MeanSquaredError(), data, iterations: 200, seed: 1);
        Assert.Equal(expected, estimate, 6);
    }
}

public class GridAndSensitivityTests
{
    [Fact]
    public void Grid_values_are_indexed_row_y_column_x()
    {
        double[] xs = GridEvaluation.Linspace(-1, 1, 5);
        double[] ys = GridEvaluation.Linspace(0, 3, 4);
        Assert.Equal(new[] { -1, -0.5, 0, 0.5, 1 }, xs);
        Grid2D grid = GridEvaluation.Evaluate(xs, ys, (x, y) => x + 10 * y);
        Assert.Equal(4, grid.Values.GetLength(0));
        Assert.Equal(5, grid.Values.GetLength(1));
        Assert.Equal(xs[3] + 10 * ys[2], grid.Values[2, 3]);
        Assert.Equal(grid.Values[2, 3], grid.Rows[2][3]);
        Grid2D batched = GridEvaluation.EvaluateBatched(xs, ys, m => Enumerable.Range(0, m.Rows).Select(r => m[r, 0] + 10 * m[r, 1]).ToArray());
        Assert.Equal(grid.Values, batched.Values);
        Assert.Equal(-1, grid.Min);
        Assert.Equal(31, grid.Max);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GridEvaluation.Linspace(1, 1, 5));
        Assert.Equal("high", e.ParamName);
    }

    [Fact]
    public void Plot_grids_and_MNIST_1D_grids_are_the_same_numpy_linspace()
    {
        // One definition: xᵢ = i·step + start, step = (stop − start)/(n − 1), and the last point exactly stop.
        foreach (var (start, stop, n) in new[] { (-1.0, 1.0, 5), (0.1, 0.7, 301), (-15.0, 15.0, 97), (2.5, 22.5, 101) })
        {
            double[] plot = GridEvaluation.Linspace(start, stop, n), signal = SignalOps.Linspace(start, stop, n);
            Assert.Equal(signal, plot);
            double step = (stop - start) / (n - 1);
            for (int i = 0; i < n - 1; i++) Assert.Equal(i * step + start, plot[i]);
            Assert.Equal(stop, plot[^1]);
        }
    }

    [Fact]
    public void Class_probability_grid_equals_the_networks_softmax_at_each_point()
    {
        var moons = TwoMoons.Generate(100, 0.1, 0, seed: 1);
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 3);
        var (xs, ys) = GridEvaluation.AxesAround(moons.Features, resolution: 7, margin: 0.5);
        Assert.Equal(7, xs.Length);
        Grid2D grid = NetworkGrids.ClassProbability(net, xs, ys);
        var point = new Matrix(1, 2, new[] { xs[4], ys[5] });
        Assert.Equal(Evaluation.ClassProbabilities(net, point)[0, 1], grid.Values[5, 4], 14);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkGrids.ClassProbability(net, xs, ys, classIndex: 2));
        Assert.Equal("classIndex", e.ParamName);
    }

    [Fact]
    public void Dropout_subnetworks_differ_by_seed_and_leave_the_network_unchanged()
    {
        var net = Mlp.Create(new[] { 2, 32, 32, 2 }, Activation.Tanh, dropout: 0.4, seed: 3);
        double[] xs = GridEvaluation.Linspace(-1, 2, 9), ys = GridEvaluation.Linspace(-1, 1.5, 6);
        Grid2D before = NetworkGrids.ClassProbability(net, xs, ys);
        Grid2D a = NetworkGrids.SubnetworkClassProbability(net, xs, ys, seed: 1);
        Grid2D a2 = NetworkGrids.SubnetworkClassProbability(net, xs, ys, seed: 1);
        Grid2D b = NetworkGrids.SubnetworkClassProbability(net, xs, ys, seed: 2);
        Assert.Equal(a.Values, a2.Values);
        Assert.NotEqual(a.Values, b.Values);
        Assert.NotEqual(a.Values, before.Values);
        Assert.Equal(before.Values, NetworkGrids.ClassProbability(net, xs, ys).Values);
        Assert.Throws<ArgumentException>(() => NetworkGrids.SubnetworkClassProbability(Mlp.Create(new[] { 2, 4, 2 }), xs, ys, 1));
    }

    [Fact]
    public void Margin_gradient_norm_matches_finite_differences()
    {
        var net = Mlp.Create(new[] { 2, 16, 3 }, seed: 4);
        var x = new Matrix(2, 2, new[] { 0.3, -0.7, 1.2, 0.4 });
        double[] norms = InputSensitivity.MarginGradientNorms(net, x);
        for (int r = 0; r < 2; r++)
        {
            // margin = z_a − z_b with a, b the top two classes at the point (fixed for a small step).
            double[] z = Evaluation.Outputs(net, new Matrix(1, 2, new[] { x[r, 0], x[r, 1] })).Data;
            int[] top = z.Select((v, i) => (v, i)).OrderByDescending(t => t.v).Select(t => t.i).Take(2).ToArray();
            double Margin(double u, double v)
            {
                double[] o = Evaluation.Outputs(net, new Matrix(1, 2, new[] { u, v })).Data;
                return o[top[0]] - o[top[1]];
            }
            double h = 1e-6;
            double d0 = (Margin(x[r, 0] + h, x[r, 1]) - Margin(x[r, 0] - h, x[r, 1])) / (2 * h);
            double d1 = (Margin(x[r, 0], x[r, 1] + h) - Margin(x[r, 0], x[r, 1] - h)) / (2 * h);
            Assert.Equal(Math.Sqrt(d0 * d0 + d1 * d1), norms[r], 7);
        }
    }

    [Fact]
    public void Loss_slice_is_centred_on_the_current_loss_and_restores_the_parameters()
    {
        var data = TwoMoons.Generate(60, 0.1, 0, seed: 1).Data;
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 2);
        double[] before = GradientStatistics.GetParameters(net);
        double[] d1 = NetworkGrids.RandomDirection(net, seed: 1), d2 = NetworkGrids.RandomDirection(net, seed: 2);
        Grid2D slice = NetworkGrids.LossSlice(net, new SoftmaxCrossEntropy(), data, d1, d2,
            new[] { -0.5, 0.0, 0.5 }, new[] { -0.5, 0.0, 0.5 });
        Assert.Equal(Evaluation.Evaluate(net, new SoftmaxCrossEntropy(), data).Loss, slice.Values[1, 1]);
        Assert.Equal(before, GradientStatistics.GetParameters(net));
        // Each weight block of a direction has the norm of that weight; bias blocks are zero.
        int offset = 0;
        foreach (Parameter p in net.Parameters)
        {
            double blockNorm = Math.Sqrt(d1.Skip(offset).Take(p.Value.Length).Sum(v => v * v));
            Assert.Equal(p.Kind == ParameterKind.Weight ? Math.Sqrt(p.Value.SumOfSquares()) : 0, blockNorm, 10);
            offset += p.Value.Length;
        }
    }
}
