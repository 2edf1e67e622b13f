using RegularizationLab.Numerics;
using RegularizationLab.Regularizers;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Analysis.Tests;

/// <summary>SparseLogisticRegression, LinearSolve and ScalarMinimization: the course's reference solvers.</summary>
public class ClosedFormSolverTests
{
    // Two informative features (0 and 1) and four pure-noise ones; labels from a noisy logistic model.
    private static (Matrix Features, int[] Labels) LogisticData(int seed = 21, int n = 120)
    {
        var rng = new Random(seed);
        var rows = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = Enumerable.Range(0, 6).Select(_ => rng.NextGaussian()).ToArray();
            double z = 1.5 * rows[i][0] - 1.0 * rows[i][1] + 0.3;
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
        return (Matrix.FromRows(rows), labels);
    }

    [Fact]
    public void Soft_threshold_is_the_proximal_operator_of_the_absolute_value()
    {
        Assert.Equal(1.5, SoftThresholding.Apply(2.0, 0.5));
        Assert.Equal(-1.5, SoftThresholding.Apply(-2.0, 0.5));
        Assert.Equal(0.0, SoftThresholding.Apply(0.4, 0.5));
        Assert.Equal(0.0, SoftThresholding.Apply(-0.5, 0.5));
        // Independent referee: argmin_w ½(w − v)² + t|w| found by brute force.
        foreach (var (v, t) in new[] { (0.9, 0.3), (-0.2, 0.35), (-1.1, 0.6), (0.25, 0.25) })
        {
            double referee = ScalarMinimization.ArgMin(w => 0.5 * (w - v) * (w - v) + t * Math.Abs(w), -3, 3);
            Assert.Equal(SoftThresholding.Apply(v, t), referee, 8);
        }
    }

    [Fact]
    public void Optimality_violation_is_the_norm_of_the_objective_gradient_where_it_is_differentiable()
    {
        // With every weight non-zero F is differentiable and its KKT residual is exactly max |∂F/∂θ_j|.
        var (x, y) = LogisticData(n: 60);
        double[] theta = [0.4, -0.3, 0.2, -0.15, 0.1, 0.05, 0.25];
        foreach (var (l1, l2) in new[] { (0.0, 0.0), (0.02, 0.1) })
        {
            double[] numeric = FiniteDifferences.Gradient(t => SparseLogisticRegression.Objective(x, y, t, l1, l2), theta);
            double reported = SparseLogisticRegression.MaxOptimalityViolation(x, y, theta, l1, l2);
            double expected = numeric.Max(Math.Abs);
            Assert.True(Math.Abs(reported - expected) <= 1e-7 * expected, $"l1 = {l1}: {reported} vs {expected}");
        }
    }

    [Fact]
    public void At_a_zero_weight_the_violation_is_how_far_the_smooth_gradient_lies_outside_the_l1_interval()
    {
        // θ = 0 except the bias: every weight sits at the kink, where the condition is |G_j| ≤ λ₁ and the violation is
        // max(|G_j| − λ₁, 0), with G the gradient of the smooth part (λ₁ = 0 in Objective), found by finite differences.
        var (x, y) = LogisticData(n: 60);
        double[] theta = [0, 0, 0, 0, 0, 0, 0.1];
        double[] smooth = FiniteDifferences.Gradient(t => SparseLogisticRegression.Objective(x, y, t, 0, 0.1), theta);
        foreach (double l1 in new[] { 0.0, 0.01, 0.05, 10.0 })
        {
            double expected = Math.Abs(smooth[^1]);
            for (int j = 0; j < theta.Length - 1; j++) expected = Math.Max(expected, Math.Max(Math.Abs(smooth[j]) - l1, 0));
            Assert.Equal(expected, SparseLogisticRegression.MaxOptimalityViolation(x, y, theta, l1, 0.1), 7);
        }
        Assert.Equal("l1", Assert.ThrowsAny<ArgumentException>(
            () => SparseLogisticRegression.MaxOptimalityViolation(x, y, theta, -0.1, 0.1)).ParamName);
    }

    [Fact]
    public void Fit_reaches_the_exact_minimum_and_beats_every_nearby_point()
    {
        var (x, y) = LogisticData();
        const double l1 = 0.03, l2 = 0.01;
        var fit = SparseLogisticRegression.Fit(x, y, l1, l2);
        Assert.True(fit.Converged, $"{fit.Iterations} iterations");
        Assert.True(fit.OptimalityViolation < 1e-7, $"KKT violation {fit.OptimalityViolation:E2}");
        double[] theta = [.. fit.Weights, fit.Bias];
        Assert.Equal(SparseLogisticRegression.Objective(x, y, theta, l1, l2), fit.Objective, 14);
        var rng = new Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            double[] moved = theta.Select(t => t + 1e-3 * (rng.NextDouble() - 0.5)).ToArray();
            Assert.True(SparseLogisticRegression.Objective(x, y, moved, l1, l2) >= fit.Objective - 1e-14);
        }
        // The informative weights survive with the right signs; some noise weights are exactly zero.
        Assert.True(fit.Weights[0] > 0.5 && fit.Weights[1] < -0.3);
        Assert.True(fit.ZeroCount >= 1, $"zeros: {fit.ZeroCount}");
        Assert.Equal(1 / (1 + Math.Exp(-(fit.Bias + fit.Weights[0]))), fit.Probability([1.0, 0, 0, 0, 0, 0]), 14);
    }

    [Fact]
    public void All_weights_vanish_exactly_above_lambda_max()
    {
        // At w = 0 the best bias gives σ(b) = ȳ, so ∇_w g = (1/N) Σ (ȳ − yᵢ) xᵢ and w = 0 is optimal iff λ₁ ≥ ‖that‖∞.
        var (x, y) = LogisticData();
        double mean = y.Average();
        double lambdaMax = Enumerable.Range(0, x.Cols).Max(j => Math.Abs(Enumerable.Range(0, x.Rows).Sum(i => (mean - y[i]) * x[i, j]) / x.Rows));
        var above = SparseLogisticRegression.Fit(x, y, 1.01 * lambdaMax, l2: 0.05);
        Assert.Equal(x.Cols, above.ZeroCount);
        Assert.Equal(Math.Log(mean / (1 - mean)), above.Bias, 7);
        var below = SparseLogisticRegression.Fit(x, y, 0.95 * lambdaMax, l2: 0.05);
        Assert.True(below.ZeroCount < x.Cols);
    }

    [Fact]
    public void Fit_rejects_bad_input_naming_the_argument()
    {
        var (x, y) = LogisticData(n: 10);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => SparseLogisticRegression.Fit(x, y.Select(v => v * 2).ToArray(), 0, 0)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => SparseLogisticRegression.Fit(x, y[..9], 0, 0)).ParamName);
        Assert.Equal("l1", Assert.ThrowsAny<ArgumentException>(() => SparseLogisticRegression.Fit(x, y, -0.1, 0)).ParamName);
        Assert.Equal("l2", Assert.ThrowsAny<ArgumentException>(() => SparseLogisticRegression.Fit(x, y, 0, double.NaN)).ParamName);
        var bad = x.Clone(); bad[0, 0] = double.PositiveInfinity;
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => SparseLogisticRegression.Fit(bad, y, 0.1, 0)).ParamName);
    }

    [Fact]
    public void Cholesky_solve_reproduces_the_right_hand_side()
    {
        var rng = new Random(4);
        const int n = 7;
        var m = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = rng.NextGaussian();
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++) a[i, j] += m[k, i] * m[k, j];
                if (i == j) a[i, j] += 0.5;
            }
        double[] b = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        double[] x = LinearSolve.SymmetricPositiveDefinite(a, b);
        for (int i = 0; i < n; i++)
            Assert.Equal(b[i], Enumerable.Range(0, n).Sum(j => a[i, j] * x[j]), 11);
        // 2×2 by hand: [[4, 2], [2, 3]] x = [2, 1] → x = (1/2, 0).
        Assert.Equal([0.5, 0.0], LinearSolve.SymmetricPositiveDefinite(new double[,] { { 4, 2 }, { 2, 3 } }, [2, 1]));
    }

    [Fact]
    public void Cholesky_rejects_indefinite_non_square_and_mismatched_input()
    {
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => LinearSolve.SymmetricPositiveDefinite(new double[,] { { 1, 2 }, { 2, 1 } }, [1, 1])).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => LinearSolve.SymmetricPositiveDefinite(new double[,] { { 1, 0 }, { 0, 0 } }, [1, 1])).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => LinearSolve.SymmetricPositiveDefinite(new double[2, 3], [1, 1])).ParamName);
        Assert.Equal("b", Assert.ThrowsAny<ArgumentException>(() => LinearSolve.SymmetricPositiveDefinite(new double[,] { { 1 } }, [1, 1])).ParamName);
    }

    [Fact]
    public void Scalar_minimization_finds_smooth_kinked_and_boundary_minima()
    {
        Assert.Equal(0.3, ScalarMinimization.ArgMin(w => (w - 0.3) * (w - 0.3), -1, 1), 7);
        Assert.Equal(0.2, ScalarMinimization.ArgMin(w => Math.Abs(w - 0.2), -1, 1), 11);
        Assert.Equal(0.0, ScalarMinimization.ArgMin(w => w, 0, 1));
        Assert.Equal(2.0, ScalarMinimization.ArgMin(w => -w, -1, 2));
        // Ridge in one dimension: argmin (w − v)² + λw² = v/(1 + λ).
        Assert.Equal(1.2 / 1.5, ScalarMinimization.ArgMin(w => (w - 1.2) * (w - 1.2) + 0.5 * w * w, -5, 5), 7);
        // A multimodal function: the dense grid picks the global well, not a local one.
        double global = ScalarMinimization.ArgMin(w => Math.Sin(3 * w) + 0.1 * w * w, -4, 4);
        Assert.Equal(-Math.PI / 6, global, 1);
        Assert.Equal(0.0, 3 * Math.Cos(3 * global) + 0.2 * global, 6);
    }

    [Fact]
    public void Scalar_minimization_rejects_bad_brackets()
    {
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => ScalarMinimization.ArgMin(w => w, 1, 1)).ParamName);
        Assert.Equal("gridPoints", Assert.Throws<ArgumentOutOfRangeException>(() => ScalarMinimization.ArgMin(w => w, 0, 1, gridPoints: 2)).ParamName);
        Assert.Equal("low", Assert.ThrowsAny<ArgumentException>(() => ScalarMinimization.ArgMin(w => w, double.NaN, 1)).ParamName);
        Assert.Equal("tolerance", Assert.ThrowsAny<ArgumentException>(() => ScalarMinimization.ArgMin(w => w, 0, 1, tolerance: 0)).ParamName);
    }
}
