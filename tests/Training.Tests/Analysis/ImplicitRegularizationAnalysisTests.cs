using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace Training.Tests.Analysis;

/// <summary>
/// The numerical tools behind the implicit-regularization lecture: RK4, the valley and Gabor losses with their
/// closed-form derivatives, the modified losses of GD and SGD, and the Newton polish of a minimum.
/// </summary>
public class ImplicitRegularizationAnalysisTests
{
    [Fact]
    public void Rk4_error_on_exponential_decay_shrinks_like_h_to_the_fourth()
    {
        // dy/dt = −y, y(0) = 1, so y(2) = e^{−2}.
        Func<double[], double[]> f = y => [-y[0]];
        double Error(int steps) => Math.Abs(RungeKutta4.Integrate(f, [1.0], 2.0, steps)[0] - Math.Exp(-2.0));
        double ratio = Error(20) / Error(40);
        Assert.InRange(ratio, 14.0, 18.0);       // 2⁴ = 16
        Assert.True(Error(200) < 1e-10, $"RK4 error with 200 steps is {Error(200)}");
    }

    [Fact]
    public void Rk4_trajectory_has_samples_plus_one_points_ending_at_the_integral()
    {
        Func<double[], double[]> f = y => [-y[0]];
        var path = RungeKutta4.Trajectory(f, [1.0], 1.0, 5, 20);
        Assert.Equal(6, path.Count);
        Assert.Equal(1.0, path[0][0]);
        Assert.Equal(RungeKutta4.Integrate(f, [1.0], 1.0, 100)[0], path[^1][0], 12);
    }

    public static TheoryData<double, double> ValleyPoints => new()
    {
        { 0.1, 0.1 }, { 0.3, 0.45 }, { 0.8, 0.9 }, { -0.2, 0.7 },
    };

    [Theory]
    [MemberData(nameof(ValleyPoints))]
    public void Valley_loss_gradient_and_hessian_match_finite_differences(double p0, double p1)
        => AssertDerivativesMatch(new ValleyLoss(), [p0, p1]);

    [Theory]
    [InlineData(0.3, 14.0)]
    [InlineData(-4.0, 8.0)]
    [InlineData(6.0, 20.0)]
    public void Gabor_loss_gradient_and_hessian_match_finite_differences(double p0, double p1)
        => AssertDerivativesMatch(GaborLeastSquaresLoss.Generate(seed: 3), [p0, p1]);

    [Fact]
    public void Valley_floor_is_a_line_of_global_minima()
    {
        var loss = new ValleyLoss();
        foreach (double p0 in new[] { -1.0, 0.0, 0.5, 2.0 })
        {
            double[] floor = [p0, loss.FloorHeight];
            Assert.Equal(0.0, loss.Value(floor));
            Assert.All(loss.Gradient(floor), g => Assert.Equal(0.0, g));
            Assert.True(loss.Value([p0, loss.FloorHeight + 0.05]) > 0);
        }
    }

    [Fact]
    public void Modified_gradient_is_the_gradient_of_the_modified_loss()
    {
        var loss = new ValleyLoss();
        double[] phi = [0.3, 0.45];
        const double alpha = 0.1, h = 1e-6;
        double[] analytic = GradientFlow.ModifiedGradient(loss, phi, alpha);
        for (int i = 0; i < 2; i++)
        {
            double[] plus = (double[])phi.Clone(), minus = (double[])phi.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (GradientFlow.ModifiedLoss(loss, plus, alpha) - GradientFlow.ModifiedLoss(loss, minus, alpha)) / (2 * h);
            Assert.Equal(numeric, analytic[i], 6);
        }
    }

    [Fact]
    public void One_step_gap_between_gd_and_gradient_flow_is_half_alpha_squared_H_grad()
    {
        // Taylor: flow(α) − GD(α) = (α²/2) H∇L + O(α³).
        var loss = new ValleyLoss();
        double[] phi = [0.3, 0.45];
        double[] g = loss.Gradient(phi);
        double[,] h = loss.Hessian(phi);
        double predicted = Math.Sqrt(Math.Pow(h[0, 0] * g[0] + h[0, 1] * g[1], 2) + Math.Pow(h[1, 0] * g[0] + h[1, 1] * g[1], 2));
        foreach (double alpha in new[] { 1e-3, 1e-4 })
        {
            double gap = GradientFlow.Distance(
                GradientFlow.GradientDescentStep(loss, phi, alpha),
                GradientFlow.FlowEndPoint(loss, phi, alpha, 100));
            Assert.InRange(gap / (alpha * alpha / 2 * predicted), 0.98, 1.02);
        }
    }

    [Fact]
    public void Modified_flow_tracks_gradient_descent_to_third_order()
    {
        var loss = new ValleyLoss();
        double[] phi = [0.3, 0.45];
        double Gap(double alpha) => GradientFlow.Distance(
            GradientFlow.GradientDescentStep(loss, phi, alpha),
            GradientFlow.FlowEndPoint(loss, phi, alpha, 100, modifiedAlpha: alpha));
        double slope = Math.Log(Gap(2e-3) / Gap(1e-3)) / Math.Log(2.0);
        Assert.InRange(slope, 2.8, 3.2);
    }

    [Fact]
    public void Batch_variance_vanishes_for_one_full_batch_and_is_positive_for_small_batches()
    {
        var loss = GaborLeastSquaresLoss.Generate(seed: 1);
        double[] phi = [0.5, 13.0];
        Assert.Equal(0.0, SgdModifiedLoss.BatchVarianceTerm(loss, [loss], phi, 1.0), 15);
        var batches = loss.Batches(4, seed: 7);
        Assert.Equal(7, batches.Count);
        Assert.True(SgdModifiedLoss.BatchVarianceTerm(loss, batches, phi, 1.0) > 0);
        // The batch losses of one epoch average to the full loss (equal batch sizes).
        Assert.Equal(loss.Value(phi), batches.Average(b => b.Value(phi)), 12);
    }

    [Fact]
    public void Batches_reject_a_size_that_does_not_divide_the_data()
    {
        var loss = GaborLeastSquaresLoss.Generate(seed: 1, count: 28);
        var error = Assert.Throws<ArgumentException>(() => loss.Batches(5, seed: 0));
        Assert.Equal("batchSize", error.ParamName);
    }

    [Fact]
    public void Valley_loss_rejects_a_non_positive_width()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ValleyLoss(widthAtZero: 0.0));
        Assert.Equal("widthAtZero", error.ParamName);
    }

    [Fact]
    public void Newton_polishes_a_minimum_of_a_quadratic_and_refuses_a_saddle()
    {
        Func<double[], double> bowl = p => 3 * (p[0] - 1) * (p[0] - 1) + (p[0] - 1) * (p[1] + 2) + 2 * (p[1] + 2) * (p[1] + 2);
        double[] minimum = LocalMinimum.Newton(bowl, [0.0, 0.0]);
        Assert.Equal(1.0, minimum[0], 6);
        Assert.Equal(-2.0, minimum[1], 6);
        Func<double[], double> saddle = p => p[0] * p[0] - p[1] * p[1];
        Assert.Throws<InvalidOperationException>(() => LocalMinimum.Newton(saddle, [0.5, 0.5]));
    }

    private static void AssertDerivativesMatch(ISmoothLoss loss, double[] phi)
    {
        const double h = 1e-5;
        double[] g = loss.Gradient(phi);
        double[,] hessian = loss.Hessian(phi);
        for (int i = 0; i < 2; i++)
        {
            double[] plus = (double[])phi.Clone(), minus = (double[])phi.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numericGradient = (loss.Value(plus) - loss.Value(minus)) / (2 * h);
            Assert.True(Math.Abs(numericGradient - g[i]) < 1e-7 * Math.Max(1, Math.Abs(g[i])),
                $"∂L/∂φ{i}: analytic {g[i]}, numeric {numericGradient}");
            double[] gPlus = loss.Gradient(plus), gMinus = loss.Gradient(minus);
            for (int j = 0; j < 2; j++)
            {
                double numericHessian = (gPlus[j] - gMinus[j]) / (2 * h);
                Assert.True(Math.Abs(numericHessian - hessian[i, j]) < 1e-6 * Math.Max(1, Math.Abs(hessian[i, j])),
                    $"H[{i},{j}]: analytic {hessian[i, j]}, numeric {numericHessian}");
            }
        }
    }

    [Fact]
    public void Sgd_modified_gradient_matches_finite_differences_of_the_sgd_modified_loss()
    {
        var loss = GaborLeastSquaresLoss.Generate(seed: 1, noise: 0.3);
        var batches = loss.Batches(4, seed: 7).Cast<ISmoothLoss>().ToArray();
        double[] phi = [-1.0, 12.0];
        const double alpha = 0.5, h = 1e-5;
        double[] analytic = SgdModifiedLoss.Gradient(loss, batches, phi, alpha);
        for (int i = 0; i < 2; i++)
        {
            double[] plus = (double[])phi.Clone(), minus = (double[])phi.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (SgdModifiedLoss.Value(loss, batches, plus, alpha) - SgdModifiedLoss.Value(loss, batches, minus, alpha)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-8 * Math.Max(1, Math.Abs(analytic[i])), $"component {i}: {analytic[i]} vs {numeric}");
        }
    }

    [Fact]
    public void Mean_epoch_of_one_batch_is_a_gradient_descent_step_and_two_batches_average_both_orders()
    {
        var loss = GaborLeastSquaresLoss.Generate(seed: 2, count: 8);
        double[] phi = [0.5, 13.0];
        Assert.Equal(GradientFlow.GradientDescentStep(loss, phi, 0.1), SgdModifiedLoss.MeanEpochEndPoint([loss], phi, 0.1));
        var halves = loss.Batches(4, seed: 1);
        double[] ab = GradientFlow.GradientDescentStep(halves[1], GradientFlow.GradientDescentStep(halves[0], phi, 0.1), 0.1);
        double[] ba = GradientFlow.GradientDescentStep(halves[0], GradientFlow.GradientDescentStep(halves[1], phi, 0.1), 0.1);
        double[] mean = SgdModifiedLoss.MeanEpochEndPoint(halves.Cast<ISmoothLoss>().ToArray(), phi, 0.1);
        Assert.Equal((ab[0] + ba[0]) / 2, mean[0], 12);
        Assert.Equal((ab[1] + ba[1]) / 2, mean[1], 12);
    }

    [Fact]
    public void Mean_sgd_epoch_follows_the_sgd_modified_flow_to_third_order()
    {
        var loss = GaborLeastSquaresLoss.Generate(seed: 1, noise: 0.3);
        var batches = loss.Batches(7, seed: 3).Cast<ISmoothLoss>().ToArray();   // 4 batches: 24 orders
        double[] phi = [-1.0, 12.0];
        double Gap(double alpha) => GradientFlow.Distance(
            SgdModifiedLoss.MeanEpochEndPoint(batches, phi, alpha),
            SgdModifiedLoss.FlowEndPoint(loss, batches, phi, batches.Length * alpha, 100, alpha));
        double slope = Math.Log(Gap(1e-3) / Gap(5e-4)) / Math.Log(2.0);
        Assert.InRange(slope, 2.8, 3.2);
    }

    [Fact]
    public void With_replacement_mean_epoch_of_two_batches_averages_all_four_sequences()
    {
        var loss = GaborLeastSquaresLoss.Generate(seed: 2, count: 8);
        double[] phi = [0.5, 13.0];
        var halves = loss.Batches(4, seed: 1).Cast<ISmoothLoss>().ToArray();
        double[] Epoch(int first, int second) =>
            GradientFlow.GradientDescentStep(halves[second], GradientFlow.GradientDescentStep(halves[first], phi, 0.1), 0.1);
        double[][] all = [Epoch(0, 0), Epoch(0, 1), Epoch(1, 0), Epoch(1, 1)];
        double[] mean = SgdEpochs.MeanEndPoint(halves, phi, 0.1, BatchSampling.WithReplacement);
        Assert.Equal(all.Average(e => e[0]), mean[0], 12);
        Assert.Equal(all.Average(e => e[1]), mean[1], 12);
    }

    [Fact]
    public void With_replacement_mean_epoch_follows_the_gradient_descent_modified_flow_to_third_order()
    {
        // E[H_a ∇L_b] = H∇L for independent draws, so the batch-variance term drops out of the mean (Smith et al. 2021).
        var loss = GaborLeastSquaresLoss.Generate(seed: 1, noise: 0.3);
        var batches = loss.Batches(7, seed: 3).Cast<ISmoothLoss>().ToArray();
        double[] phi = [-1.0, 12.0];
        double Gap(double alpha) => GradientFlow.Distance(
            SgdEpochs.MeanEndPoint(batches, phi, alpha, BatchSampling.WithReplacement),
            GradientFlow.FlowEndPoint(loss, phi, batches.Length * alpha, 100, modifiedAlpha: alpha));
        double slope = Math.Log(Gap(1e-3) / Gap(5e-4)) / Math.Log(2.0);
        Assert.InRange(slope, 2.8, 3.2);
    }

    [Fact]
    public void Average_iterate_rejects_a_burn_in_as_long_as_the_run_and_reports_divergence_by_name()
    {
        var loss = GaborLeastSquaresLoss.Generate(seed: 1, noise: 0.3);
        var batches = loss.Batches(7, seed: 3).Cast<ISmoothLoss>().ToArray();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SgdEpochs.AverageIterate(batches, [0.0, 16.0], 0.1, 10, 10, 1));
        Assert.Equal("burnInEpochs", e.ParamName);
        double[] average = SgdEpochs.AverageIterate(batches, [0.0, 16.0], 1e-3, 20, 10, 1);
        Assert.All(average, v => Assert.True(double.IsFinite(v)));
    }
}
