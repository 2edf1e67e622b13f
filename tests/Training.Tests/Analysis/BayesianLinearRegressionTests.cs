using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Tests.Training.Analysis;

public class BayesianLinearRegressionTests
{
    private static double[][] RandomFeatures(int n, int p, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, p).Select(_ => rng.NextGaussian()).ToArray()).ToArray();
    }

    // ln N(y; 0, C) with C = σ²I + H V Hᵀ, by Gaussian elimination: an independent route to the evidence.
    private static double DirectLogEvidence(double[][] h, double[] y, double[] v, double noise)
    {
        int n = y.Length;
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? noise : 0;
                for (int k = 0; k < v.Length; k++) s += h[i][k] * v[k] * h[j][k];
                c[i, j] = s;
            }
        double logDet = 0;
        var rhs = (double[])y.Clone();
        for (int col = 0; col < n; col++)
        {
            logDet += Math.Log(c[col, col]);
            for (int row = col + 1; row < n; row++)
            {
                double f = c[row, col] / c[col, col];
                for (int k = col; k < n; k++) c[row, k] -= f * c[col, k];
                rhs[row] -= f * rhs[col];
            }
        }
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = rhs[i];
            for (int k = i + 1; k < n; k++) s -= c[i, k] * x[k];
            x[i] = s / c[i, i];
        }
        double quad = y.Select((yi, i) => yi * x[i]).Sum();
        return -0.5 * (n * Math.Log(2 * Math.PI) + logDet + quad);
    }

    [Fact]
    public void Log_evidence_equals_the_log_density_of_y_under_the_marginal_normal()
    {
        double[][] h = RandomFeatures(12, 4, seed: 1);
        var rng = new Random(2);
        double[] y = Enumerable.Range(0, 12).Select(_ => rng.NextGaussian(0, 2)).ToArray();
        double[] v = { 0.5, 2, 1, 3 };
        var fit = BayesianLinearRegression.Fit(h, y, v, noiseVariance: 0.3);
        Assert.Equal(DirectLogEvidence(h, y, v, 0.3), fit.LogEvidence, 9);
        Assert.False(fit.HasFlatPrior);
    }

    [Fact]
    public void A_flat_prior_is_the_limit_of_a_wide_one_up_to_the_stated_constant()
    {
        double[][] h = RandomFeatures(10, 3, seed: 3);
        double[] y = RandomFeatures(10, 1, seed: 4).Select(r => r[0]).ToArray();
        var flat = BayesianLinearRegression.Fit(h, y, new[] { double.PositiveInfinity, 1.0, 1.0 }, 0.2);
        const double wide = 1e9;
        var finite = BayesianLinearRegression.Fit(h, y, new[] { wide, 1.0, 1.0 }, 0.2);
        Assert.True(flat.HasFlatPrior);
        Assert.Equal(flat.LogEvidence, finite.LogEvidence + 0.5 * Math.Log(wide), 5);
        for (int k = 0; k < 3; k++) Assert.Equal(flat.PosteriorMean[k], finite.PosteriorMean[k], 6);
    }

    [Fact]
    public void The_MAP_estimate_is_the_ridge_fit_with_lambda_equal_to_noise_over_prior_variance()
    {
        var data = RegressionToy.Generate(seed: 5);
        foreach (double priorVariance in new[] { 0.1, 1.0, 30.0 })
        {
            var posterior = BayesianLinearRegression.FitFixedJoint(data, priorVariance, noiseVariance: 0.09);
            var ridge = FixedJointNetwork.Fit(data, lambda: 0.09 / priorVariance);
            for (int k = 0; k < ridge.Coefficients.Length; k++)
                Assert.Equal(ridge.Coefficients[k], posterior.PosteriorMean[k], 8);
        }
    }

    [Fact]
    public void The_gradient_of_the_negative_log_posterior_vanishes_at_the_mean_by_finite_differences()
    {
        double[][] h = RandomFeatures(9, 3, seed: 6);
        double[] y = RandomFeatures(9, 1, seed: 7).Select(r => r[0]).ToArray();
        double[] v = { 0.7, 1.5, 4 };
        const double noise = 0.25;
        var fit = BayesianLinearRegression.Fit(h, y, v, noise);
        double NegLogPosterior(double[] b) =>
            h.Select((row, i) => Math.Pow(y[i] - row.Zip(b, (a, c) => a * c).Sum(), 2)).Sum() / (2 * noise)
            + b.Select((bk, k) => bk * bk / (2 * v[k])).Sum();
        for (int k = 0; k < 3; k++)
        {
            double step = 1e-4;
            double[] plus = (double[])fit.PosteriorMean.Clone(), minus = (double[])fit.PosteriorMean.Clone();
            plus[k] += step; minus[k] -= step;
            double derivative = (NegLogPosterior(plus) - NegLogPosterior(minus)) / (2 * step);
            Assert.True(Math.Abs(derivative) < 1e-7, $"∂/∂β_{k} = {derivative}");
            // The curvature along β_k is A_kk = Σᵢ h_ik²/σ² + 1/v_k, the diagonal of the posterior precision.
            double second = (NegLogPosterior(plus) - 2 * NegLogPosterior(fit.PosteriorMean) + NegLogPosterior(minus)) / (step * step);
            double akk = h.Sum(row => row[k] * row[k]) / noise + 1 / v[k];
            Assert.Equal(akk, second, 3);
        }
    }

    [Fact]
    public void Posterior_samples_have_the_stated_mean_and_covariance_and_predictions_the_stated_variance()
    {
        double[][] h = RandomFeatures(8, 3, seed: 8);
        double[] y = RandomFeatures(8, 1, seed: 9).Select(r => r[0]).ToArray();
        var fit = BayesianLinearRegression.Fit(h, y, new[] { 1.0, 1.0, double.PositiveInfinity }, 0.5);
        double[,] sigma = fit.PosteriorCovariance();
        var rng = new Random(10);
        const int draws = 40_000;
        double[] probe = { 0.3, -1.2, 0.8 };
        var mean = new double[3];
        var predictions = new double[draws];
        var samples = new double[draws][];
        for (int s = 0; s < draws; s++)
        {
            samples[s] = fit.SampleParameters(rng);
            predictions[s] = samples[s].Zip(probe, (a, b) => a * b).Sum();
            for (int k = 0; k < 3; k++) mean[k] += samples[s][k] / draws;
        }
        for (int a = 0; a < 3; a++)
        {
            // standard error of a sample mean is √(Σ_aa / draws); allow 4 of them
            Assert.True(Math.Abs(mean[a] - fit.PosteriorMean[a]) < 4 * Math.Sqrt(sigma[a, a] / draws));
            for (int b = 0; b < 3; b++)
            {
                double cov = samples.Sum(x => (x[a] - mean[a]) * (x[b] - mean[b])) / (draws - 1);
                Assert.True(Math.Abs(cov - sigma[a, b]) < 0.03 * Math.Sqrt(sigma[a, a] * sigma[b, b]), $"Σ[{a},{b}]");
            }
        }
        var (predictedMean, predictedVariance) = fit.Predict(probe);
        double sampleVariance = predictions.Select(p => (p - predictedMean) * (p - predictedMean)).Sum() / draws;
        Assert.Equal(1, sampleVariance / predictedVariance, 1);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_argument_named()
    {
        double[][] h = RandomFeatures(4, 2, seed: 11);
        double[] y = { 1, 2, 3, 4 };
        Assert.Equal("noiseVariance", Assert.ThrowsAny<ArgumentException>(() => BayesianLinearRegression.Fit(h, y, new[] { 1.0, 1.0 }, 0)).ParamName);
        Assert.Equal("priorVariances", Assert.ThrowsAny<ArgumentException>(() => BayesianLinearRegression.Fit(h, y, new[] { 1.0, -1.0 }, 1)).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => BayesianLinearRegression.Fit(h, new[] { 1.0, double.NaN, 3, 4 }, new[] { 1.0, 1.0 }, 1)).ParamName);
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => BayesianLinearRegression.Fit(h, y, new[] { 1.0, 1.0, 1.0 }, 1)).ParamName);
    }

    [Fact]
    public void Monte_Carlo_dropout_and_ensemble_spreads_reduce_to_the_definitions()
    {
        var inputs = new Matrix(5, 1, new[] { 0.0, 0.25, 0.5, 0.75, 1.0 });
        var a = Mlp.Create(new[] { 1, 8, 1 }, seed: 1);
        var b = Mlp.Create(new[] { 1, 8, 1 }, seed: 2);
        var same = RegressionUncertainty.Ensemble(new[] { a, a }, inputs);
        Assert.All(same.StandardDeviation, s => Assert.Equal(0, s, 12));
        var pair = RegressionUncertainty.Ensemble(new[] { a, b }, inputs);
        Matrix ya = a.Predict(inputs), yb = b.Predict(inputs);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal((ya[i, 0] + yb[i, 0]) / 2, pair.Mean[i], 12);
            Assert.Equal(Math.Abs(ya[i, 0] - yb[i, 0]) / 2, pair.StandardDeviation[i], 12);
        }
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => RegressionUncertainty.MonteCarloDropout(a, inputs, 10)).ParamName);
        var dropped = Mlp.Create(new[] { 1, 64, 1 }, dropout: 0.3, seed: 3);
        var mc = RegressionUncertainty.MonteCarloDropout(dropped, inputs, 4000);
        Matrix off = dropped.Predict(inputs);
        // The last layer is linear after dropout, so the MC mean converges to the dropout-off output.
        for (int i = 0; i < 5; i++)
            Assert.True(Math.Abs(mc.Mean[i] - off[i, 0]) < 4 * mc.StandardDeviation[i] / Math.Sqrt(4000) + 1e-12);
    }
}
