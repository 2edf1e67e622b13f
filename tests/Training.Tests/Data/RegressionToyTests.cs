using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Tests.Training.Data;

public class RegressionToyTests
{
    [Fact]
    public void Inputs_fall_one_per_subinterval_and_noise_has_the_stated_scale()
    {
        var sample = RegressionToy.Generate(seed: 2, count: 4000, noise: 0.3);
        for (int i = 0; i < sample.Count; i++) Assert.InRange(sample.X[i], i / 4000.0, (i + 1) / 4000.0);
        double sumSquares = 0;
        for (int i = 0; i < sample.Count; i++)
        {
            double r = sample.Y[i] - RegressionToy.TrueFunction(sample.X[i]);
            sumSquares += r * r;
        }
        // relative standard error of a sample sd from 4000 draws ≈ 1.1%; allow 5%.
        Assert.InRange(Math.Sqrt(sumSquares / sample.Count), 0.3 * 0.95, 0.3 * 1.05);
        Assert.Equal(RegressionToy.Generate(7).Y, RegressionToy.Generate(7).Y);
    }

    [Fact]
    public void Ridge_fit_of_the_fixed_joint_network_solves_the_regularized_least_squares_problem()
    {
        var data = RegressionToy.Generate(seed: 4);
        foreach (double lambda in new[] { 0.0, 1e-3, 0.1, 10 })
        {
            var fit = FixedJointNetwork.Fit(data, lambda);
            // Objective J(β) = Σ(f − y)² + λΣ_{k≥1}β_k²; its gradient at the solution is zero: check by central differences.
            double Objective(double[] beta)
            {
                double j = 0;
                for (int i = 0; i < data.Count; i++)
                {
                    double[] h = FixedJointNetwork.Features(data.X[i], 14);
                    double f = 0;
                    for (int k = 0; k < h.Length; k++) f += beta[k] * h[k];
                    j += (f - data.Y[i]) * (f - data.Y[i]);
                }
                for (int k = 1; k < beta.Length; k++) j += lambda * beta[k] * beta[k];
                return j;
            }
            double scale = 1 + fit.Coefficients.Max(Math.Abs);
            for (int k = 0; k < fit.Coefficients.Length; k++)
            {
                double[] plus = (double[])fit.Coefficients.Clone(), minus = (double[])fit.Coefficients.Clone();
                plus[k] += 1e-5; minus[k] -= 1e-5;
                double derivative = (Objective(plus) - Objective(minus)) / 2e-5;
                Assert.True(Math.Abs(derivative) < 1e-5 * scale * scale, $"λ = {lambda}, k = {k}: ∂J/∂β = {derivative}");
            }
        }
    }

    [Fact]
    public void Stronger_l2_fits_the_training_data_less_closely()
    {
        var data = RegressionToy.Generate(seed: 4);
        double[] errors = new[] { 0.0, 1e-3, 1e-1, 10.0 }.Select(l => FixedJointNetwork.Fit(data, l).SumSquaredError(data)).ToArray();
        for (int i = 1; i < errors.Length; i++) Assert.True(errors[i] > errors[i - 1]);
        Assert.True(errors[0] < 1e-12, $"the unregularized fit should nearly interpolate 15 points with 15 parameters; SSE = {errors[0]}");
    }
}

public class GaborModelTests
{
    [Fact]
    public void Parameter_gradient_matches_central_differences()
    {
        foreach (var (x, p0, p1) in new[] { (3.0, 0.5, 10.0), (-7.5, -2.0, 16.0), (12.0, 4.0, 3.0) })
        {
            var (d0, d1) = GaborModel.ParameterGradient(x, p0, p1);
            double h = 1e-6;
            double n0 = (GaborModel.Evaluate(x, p0 + h, p1) - GaborModel.Evaluate(x, p0 - h, p1)) / (2 * h);
            double n1 = (GaborModel.Evaluate(x, p0, p1 + h) - GaborModel.Evaluate(x, p0, p1 - h)) / (2 * h);
            Assert.Equal(n0, d0, 8);
            Assert.Equal(n1, d1, 8);
        }
        Assert.Equal(Math.Sin(1.0) * Math.Exp(-1.0 / 32), GaborModel.Evaluate(x: 0, phi0: 1, phi1: 5), 14);
    }

    [Fact]
    public void Loss_gradient_matches_central_differences_and_descent_lowers_the_loss()
    {
        var data = GaborModel.GenerateData(seed: 1);
        var (g0, g1) = GaborModel.LossGradient(data, 1.0, 12.0);
        double h = 1e-6;
        double n0 = (GaborModel.Loss(data, 1 + h, 12) - GaborModel.Loss(data, 1 - h, 12)) / (2 * h);
        double n1 = (GaborModel.Loss(data, 1, 12 + h) - GaborModel.Loss(data, 1, 12 - h)) / (2 * h);
        Assert.Equal(n0, g0, 6);
        Assert.Equal(n1, g1, 6);

        var path = GaborModel.GradientDescentPath(data, 1.0, 14.0, learningRate: 0.01, steps: 200);
        Assert.Equal(201, path.Count);
        Assert.True(path.Loss[^1] < path.Loss[0]);
        // Near the true parameters the loss is about the noise: 30 · 0.1² = 0.3.
        Assert.True(GaborModel.Loss(data, GaborModel.TrueOffset, GaborModel.TrueFrequency) < 0.6);

        var sgd = GaborModel.StochasticGradientDescentPath(data, 1.0, 14.0, 0.01, batchSize: 5, steps: 300, seed: 2);
        var sgdAgain = GaborModel.StochasticGradientDescentPath(data, 1.0, 14.0, 0.01, batchSize: 5, steps: 300, seed: 2);
        Assert.Equal(sgd.Phi0, sgdAgain.Phi0);
        Assert.True(sgd.Loss[^1] < sgd.Loss[0]);

        double[,] surface = GaborModel.LossSurface(data, new[] { -1.0, 0.0, 1.0 }, new[] { 10.0, 16.0 });
        Assert.Equal(2, surface.GetLength(0));
        Assert.Equal(GaborModel.Loss(data, 1.0, 10.0), surface[0, 2]);
    }

    [Fact]
    public void Gabor_sum_loss_hessian_matches_finite_differences_of_its_gradient()
    {
        var data = GaborModel.GenerateData(seed: 3);
        var loss = new GaborLeastSquaresLoss(data, LossReduction.Sum);
        foreach (double[] phi in new[] { new[] { 0.5, 12.0 }, new[] { -3.0, 6.0 }, new[] { 0.0, 16.0 } })
        {
            double[,] h = loss.Hessian(phi);
            for (int c = 0; c < 2; c++)
            {
                double[] e = c == 0 ? new[] { 1.0, 0 } : new[] { 0, 1.0 };
                double[] column = GradientStatistics.HessianVectorProduct(loss.Gradient, phi, e, 1e-5);
                for (int r = 0; r < 2; r++)
                    Assert.True(Math.Abs(h[r, c] - column[r]) < 1e-6 * (1 + Math.Abs(h[r, c])), $"H[{r},{c}] = {h[r, c]} vs {column[r]}");
            }
            // The sum reduction is exactly the textbook's L[φ] = Σᵢ (f[xᵢ, φ] − yᵢ)² that GaborModel.Loss computes.
            Assert.Equal(GaborModel.Loss(data, phi[0], phi[1]), loss.Value(phi));
            var (g0, g1) = GaborModel.LossGradient(data, phi[0], phi[1]);
            double[] g = loss.Gradient(phi);
            Assert.Equal(g0, g[0], 1e-12 * (1 + Math.Abs(g0)));
            Assert.Equal(g1, g[1], 1e-12 * (1 + Math.Abs(g1)));
        }
        Assert.Throws<ArgumentException>(() => loss.Value(new[] { 1.0 }));
    }

    [Fact]
    public void Gabor_mean_and_sum_losses_differ_by_the_number_of_examples()
    {
        var data = GaborModel.GenerateData(seed: 4, count: 12);
        var mean = new GaborLeastSquaresLoss(data, LossReduction.Mean);
        var sum = new GaborLeastSquaresLoss(data, LossReduction.Sum);
        double[] phi = { 0.7, 11.0 };
        Assert.Equal(sum.Value(phi) / 12, mean.Value(phi), 1e-12);
        double[] gm = mean.Gradient(phi), gs = sum.Gradient(phi);
        double[,] hm = mean.Hessian(phi), hs = sum.Hessian(phi);
        for (int r = 0; r < 2; r++)
        {
            Assert.Equal(gs[r] / 12, gm[r], 1e-12);
            for (int c = 0; c < 2; c++) Assert.Equal(hs[r, c] / 12, hm[r, c], 1e-10);
        }
        // Batches keep the reduction, so a batch of a sum loss is again a sum.
        Assert.Equal(LossReduction.Sum, sum.Batches(batchSize: 4, seed: 1)[0].Reduction);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new GaborLeastSquaresLoss(data, (LossReduction)7)).ParamName);
    }
}
