using RegularizationLab.Data;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Analysis.Tests;

/// <summary>Every ISmoothLoss in lib/: gradient vs central differences of the value, Hessian vs central differences of
/// the gradient, and the modified-loss gradient of backward error analysis vs differences of the modified loss.</summary>
public class SmoothLossGradientTests
{
    private const double Tolerance = 1e-7;

    public static TheoryData<string, double, double> Points => new()
    {
        { "valley", -0.4, 0.55 }, { "valley", 0.3, 0.9 }, { "valley", 1.1, 0.2 },
        { "gabor-mean", 0.3, 12.0 }, { "gabor-mean", -1.2, 5.5 }, { "gabor-mean", 2.0, 20.0 },
        { "gabor-sum", 0.1, 15.0 }, { "gabor-sum", -0.8, 6.0 }, { "gabor-sum", 1.5, 25.0 },
    };

    private static ISmoothLoss Make(string name) => name switch
    {
        "valley" => new ValleyLoss(),
        "gabor-mean" => GaborLeastSquaresLoss.Generate(seed: 3),
        "gabor-sum" => new GaborLeastSquaresLoss(GaborModel.GenerateData(seed: 5), LossReduction.Sum),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Gradient_matches_central_differences_of_the_value(string name, double p0, double p1)
    {
        var loss = Make(name);
        double[] phi = [p0, p1];
        double[] analytic = loss.Gradient(phi);
        Assert.True(analytic.Any(g => Math.Abs(g) > 1e-3), "test point should not be stationary");
        double error = FiniteDifferences.RelativeError(analytic, FiniteDifferences.Gradient(loss.Value, phi));
        Assert.True(error <= Tolerance, $"{name} at ({p0}, {p1}): relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Hessian_matches_central_differences_of_the_gradient_and_is_symmetric(string name, double p0, double p1)
    {
        var loss = Make(name);
        double[] phi = [p0, p1];
        double[,] analytic = loss.Hessian(phi);
        Assert.Equal(analytic[0, 1], analytic[1, 0]);
        double error = FiniteDifferences.RelativeError(analytic, FiniteDifferences.Jacobian(loss.Gradient, phi));
        Assert.True(error <= Tolerance, $"{name} at ({p0}, {p1}): relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Modified_gradient_matches_central_differences_of_the_modified_loss(string name, double p0, double p1)
    {
        var loss = Make(name);
        double[] phi = [p0, p1];
        const double alpha = 0.05;
        double[] analytic = GradientFlow.ModifiedGradient(loss, phi, alpha);
        double[] numeric = FiniteDifferences.Gradient(p => GradientFlow.ModifiedLoss(loss, p, alpha), phi);
        double error = FiniteDifferences.RelativeError(analytic, numeric);
        Assert.True(error <= Tolerance, $"{name}: relative error {error:E2}");
        // The implicit penalty is exactly the difference between modified and plain loss.
        Assert.Equal(GradientFlow.ModifiedLoss(loss, phi, alpha) - loss.Value(phi),
            GradientFlow.GradientPenalty(loss, phi, alpha), 12);
    }

    [Fact]
    public void Mean_and_sum_reductions_differ_by_the_number_of_examples_and_sum_matches_gabor_model()
    {
        var data = GaborModel.GenerateData(seed: 11, count: 20);
        var mean = new GaborLeastSquaresLoss(data.X, data.Y, LossReduction.Mean);
        var sum = new GaborLeastSquaresLoss(data, LossReduction.Sum);
        double[] phi = [0.7, 9.0];
        Assert.Equal(sum.Value(phi), 20 * mean.Value(phi), 9);
        Assert.True(FiniteDifferences.RelativeError(sum.Gradient(phi), mean.Gradient(phi).Select(g => 20 * g).ToArray()) < 1e-12);
        Assert.True(FiniteDifferences.RelativeError(sum.Hessian(phi), Scale(mean.Hessian(phi), 20)) < 1e-12);
        // The sum reduction is GaborModel's own loss and gradient (the textbook's Σ convention).
        Assert.Equal(GaborModel.Loss(data, 0.7, 9.0), sum.Value(phi), 10);
        var (d0, d1) = GaborModel.LossGradient(data, 0.7, 9.0);
        Assert.True(FiniteDifferences.RelativeError([d0, d1], sum.Gradient(phi)) < 1e-12);
    }

    [Fact]
    public void Valley_minima_lie_on_the_floor_and_the_floor_is_flat()
    {
        var valley = new ValleyLoss(floorHeight: 0.61, widthAtZero: 0.15, wideningRate: 2.0);
        var grid = GridEvaluation.Evaluate(GridEvaluation.Linspace(-1, 1, 41), GridEvaluation.Linspace(0, 1.2, 61),
            (a, b) => valley.Value([a, b]));
        // Column by column the lowest point is the grid row nearest φ₁ = c.
        for (int i = 0; i < grid.Xs.Length; i++)
        {
            int best = Enumerable.Range(0, grid.Ys.Length).MinBy(j => grid.Values[j, i]);
            Assert.True(Math.Abs(grid.Ys[best] - 0.61) <= 0.01 + 1e-12, $"column {i}: minimum at φ₁ = {grid.Ys[best]}");
        }
        foreach (double p0 in new[] { -1.0, 0.0, 0.5, 2.0 })
        {
            Assert.Equal(0.0, valley.Value([p0, 0.61]));
            Assert.Equal([0.0, 0.0], valley.Gradient([p0, 0.61]));
            // Across the floor the curvature is 2w = 1/s(φ₀)²: wider valleys are flatter.
            Assert.Equal(1 / Math.Pow(valley.Width(p0), 2), valley.Hessian([p0, 0.61])[1, 1], 9);
        }
        // Gradient descent from off the floor lands on the floor (any point of it).
        var path = GradientFlow.GradientDescentPath(valley, [0.2, 0.75], alpha: 0.005, steps: 2000);
        Assert.True(Math.Abs(path[^1][1] - 0.61) < 1e-6, $"ended at φ₁ = {path[^1][1]}");
    }

    [Fact]
    public void Bad_points_and_settings_are_rejected_naming_the_argument()
    {
        Assert.Equal("phi", Assert.ThrowsAny<ArgumentException>(() => new ValleyLoss().Value([1.0])).ParamName);
        Assert.Equal("phi", Assert.ThrowsAny<ArgumentException>(() => GaborLeastSquaresLoss.Generate(1).Gradient([1, 2, 3])).ParamName);
        Assert.Equal("phi", Assert.ThrowsAny<ArgumentException>(() => new GaborLeastSquaresLoss(GaborModel.GenerateData(1), LossReduction.Sum).Hessian([1.0])).ParamName);
        Assert.Equal("widthAtZero", Assert.ThrowsAny<ArgumentException>(() => new ValleyLoss(widthAtZero: 0)).ParamName);
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => new GaborLeastSquaresLoss([1, 2], [1], LossReduction.Mean)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => new GaborLeastSquaresLoss([double.NaN], [1], LossReduction.Mean)).ParamName);
        Assert.Equal("reduction", Assert.ThrowsAny<ArgumentException>(() => new GaborLeastSquaresLoss([1.0], [1.0], (LossReduction)7)).ParamName);
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => GaborLeastSquaresLoss.Generate(1, count: 10).Batches(3, seed: 0)).ParamName);
        Assert.Equal("indices", Assert.ThrowsAny<ArgumentException>(() => GaborLeastSquaresLoss.Generate(1, count: 4).Subset([0, 4])).ParamName);
    }

    [Fact]
    public void Generated_gabor_data_are_deterministic_per_seed()
    {
        var a = GaborLeastSquaresLoss.Generate(seed: 9);
        var b = GaborLeastSquaresLoss.Generate(seed: 9);
        var c = GaborLeastSquaresLoss.Generate(seed: 10);
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Y, b.Y);
        Assert.NotEqual(a.X, c.X);
        Assert.All(a.X, x => Assert.InRange(x, -15, 15));
    }

    private static double[,] Scale(double[,] m, double s)
    {
        var r = (double[,])m.Clone();
        for (int i = 0; i < r.GetLength(0); i++) for (int j = 0; j < r.GetLength(1); j++) r[i, j] *= s;
        return r;
    }
}
