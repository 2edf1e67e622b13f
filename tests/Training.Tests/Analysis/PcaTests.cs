using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Training.Analysis;

public class SymmetricEigenTests
{
    private static Matrix RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var a = new Matrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i, j] = a[j, i] = 2 * random.NextDouble() - 1;
        return a;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(60, 4)]
    [InlineData(200, 5)]
    public void Eigenpairs_satisfy_A_v_equals_lambda_v(int n, int seed)
    {
        Matrix a = RandomSymmetric(n, seed);
        var eigen = SymmetricEigen.Decompose(a);
        double worstResidual = 0, worstOrthogonality = 0;
        for (int k = 0; k < n; k++)
        {
            double[] v = eigen.Vector(k);
            for (int i = 0; i < n; i++)
            {
                double av = 0;
                for (int j = 0; j < n; j++) av += a.Data[i * n + j] * v[j];
                worstResidual = Math.Max(worstResidual, Math.Abs(av - eigen.Values[k] * v[i]));
            }
            if (k > 0) Assert.True(eigen.Values[k] <= eigen.Values[k - 1]);
        }
        Assert.True(worstResidual < 1e-10, $"max |(Av − λv)_i| = {worstResidual}");
        // Orthonormal eigenvectors: VVᵀ = I.
        for (int k = 0; k < n; k++)
            for (int l = 0; l < n; l++)
            {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += eigen.Vectors.Data[k * n + j] * eigen.Vectors.Data[l * n + j];
                worstOrthogonality = Math.Max(worstOrthogonality, Math.Abs(dot - (k == l ? 1 : 0)));
            }
        Assert.True(worstOrthogonality < 1e-12, $"max |VVᵀ − I| = {worstOrthogonality}");
        // Trace is preserved: Σλ = Σ a_ii.
        double trace = 0;
        for (int i = 0; i < n; i++) trace += a[i, i];
        Assert.Equal(trace, eigen.Values.Sum(), 10);
    }

    [Fact]
    public void Repeated_eigenvalues_and_diagonal_matrices_work()
    {
        var diagonal = Matrix.FromArray(new double[,] { { 2, 0, 0 }, { 0, 5, 0 }, { 0, 0, 2 } });
        var eigen = SymmetricEigen.Decompose(diagonal);
        Assert.Equal(new[] { 5.0, 2.0, 2.0 }, eigen.Values);
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, eigen.Vector(0));
        var zero = SymmetricEigen.Decompose(new Matrix(4, 4));
        Assert.All(zero.Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Non_square_and_non_symmetric_input_is_rejected()
    {
        var e1 = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new Matrix(2, 3)));
        Assert.Contains("2 × 3", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() =>
            SymmetricEigen.Decompose(Matrix.FromArray(new double[,] { { 1, 2 }, { 3, 1 } })));
        Assert.Contains("symmetric", e2.Message);
        Assert.Contains("a[0, 1] = 2", e2.Message);
    }
}

public class PcaTests
{
    [Fact]
    public void Pca_recovers_the_directions_and_variances_of_a_known_covariance()
    {
        // Σ = R diag(9, 1, 0.25) Rᵀ with an orthonormal R; sample x = R (3 z₁, 1 z₂, 0.5 z₃) + μ.
        double[][] r =
        {
            new[] { 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 0 },
            new[] { -1 / Math.Sqrt(6), 1 / Math.Sqrt(6), 2 / Math.Sqrt(6) },
            new[] { 1 / Math.Sqrt(3), -1 / Math.Sqrt(3), 1 / Math.Sqrt(3) },
        };   // rows are the true principal directions
        double[] sd = { 3, 1, 0.5 };
        double[] mu = { 5, -2, 1 };
        int n = 20_000;
        var random = new Random(12);
        var data = new Matrix(n, 3);
        for (int i = 0; i < n; i++)
        {
            double[] z = { random.NextGaussian(), random.NextGaussian(), random.NextGaussian() };
            for (int j = 0; j < 3; j++)
                data[i, j] = mu[j] + sd[0] * z[0] * r[0][j] + sd[1] * z[1] * r[1][j] + sd[2] * z[2] * r[2][j];
        }
        var pca = Pca.Fit(data);
        for (int k = 0; k < 3; k++)
        {
            double alignment = Math.Abs(pca.Component(k).Zip(r[k], (a, b) => a * b).Sum());
            Assert.True(alignment > 0.995, $"component {k}: |cos| = {alignment}");
            // Sample variance from n normal draws has relative sd √(2/n) = 1%; allow 5%.
            Assert.InRange(pca.Variances[k], sd[k] * sd[k] * 0.95, sd[k] * sd[k] * 1.05);
            Assert.InRange(pca.Mean[k], mu[k] - 0.1, mu[k] + 0.1);
        }
        Assert.Equal(1.0, pca.CumulativeExplainedVariance[^1], 12);
        Assert.InRange(pca.ExplainedVarianceRatio[0], 9 / 10.25 - 0.02, 9 / 10.25 + 0.02);

        // Projected scores along component k have variance λ_k and are uncorrelated.
        Matrix scores = pca.Project(data, 2);
        double var0 = 0, cov01 = 0;
        for (int i = 0; i < n; i++) { var0 += scores[i, 0] * scores[i, 0]; cov01 += scores[i, 0] * scores[i, 1]; }
        Assert.Equal(pca.Variances[0], var0 / (n - 1), 8);
        Assert.True(Math.Abs(cov01 / (n - 1)) < 1e-9);
    }

    [Fact]
    public void Energy_of_a_weight_change_along_one_component_is_all_in_that_component()
    {
        var random = new Random(2);
        var data = new Matrix(500, 4);
        for (int i = 0; i < data.Length; i++) data.Data[i] = random.NextGaussian() * (1 + i % 4);
        var pca = Pca.Fit(data);
        // ΔW (4 inputs × 3 units) whose columns are multiples of v₂: all energy sits in component 2.
        double[] v2 = pca.Component(2);
        var deltaW = new Matrix(4, 3);
        for (int j = 0; j < 4; j++) for (int i = 0; i < 3; i++) deltaW[j, i] = (i + 1) * v2[j];
        double[] energy = pca.EnergyPerComponent(deltaW);
        Assert.Equal(1 + 4 + 9, energy[2], 10);
        Assert.True(energy[0] + energy[1] + energy[3] < 1e-20);
        Assert.Equal(new[] { 0.0, 0.0, 1.0, 1.0 }, pca.CumulativeEnergy(deltaW).Select(e => Math.Round(e, 12)));
    }

    [Fact]
    public void Pca_needs_two_rows_and_finite_values()
    {
        var e1 = Assert.Throws<ArgumentException>(() => Pca.Fit(new Matrix(1, 3)));
        Assert.Equal("data", e1.ParamName);
        Assert.Contains("got 1", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Pca.Fit(new Matrix(2, 2, new[] { 1, double.PositiveInfinity, 3, 4 })));
        Assert.Contains("element 1", e2.Message);
    }
}
