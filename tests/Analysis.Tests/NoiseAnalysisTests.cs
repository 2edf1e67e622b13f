using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.ToyProblems;
using RegularizationLab.Training;

namespace RegularizationLab.Analysis.Tests;

/// <summary>Input noise, weight noise, sharpness, adversarial examples and input slopes (lecture 07's library code).</summary>
public class NoiseAnalysisTests
{
    private static Sequential SmallClassifier(int seed = 1) => Mlp.Create(new[] { 2, 8, 3 }, seed: seed);

    private static (Matrix X, int[] Labels) SmallBatch(int seed = 2)
    {
        var random = new Random(seed);
        var x = new Matrix(6, 2);
        for (int i = 0; i < x.Length; i++) x.Data[i] = random.NextGaussian();
        return (x, new[] { 0, 1, 2, 2, 1, 0 });
    }

    [Fact]
    public void Input_gradient_matches_finite_differences_of_the_mean_cross_entropy()
    {
        var net = SmallClassifier();
        var (x, labels) = SmallBatch();
        Matrix analytic = AdversarialExamples.InputGradient(net, x, labels);
        double Loss(double[] flat) => new SoftmaxCrossEntropy().Compute(net.Predict(new Matrix(6, 2, flat)), labels);
        double[] numeric = FiniteDifferences.Gradient(Loss, x.Data.ToArray());
        for (int i = 0; i < numeric.Length; i++) Assert.Equal(numeric[i], analytic.Data[i], 8);
    }

    [Fact]
    public void Fgsm_moves_every_coordinate_by_epsilon_uphill_and_beats_random_signs()
    {
        var net = SmallClassifier();
        var (x, labels) = SmallBatch();
        Matrix adversarial = AdversarialExamples.Fgsm(net, x, labels, 0.1);
        Matrix gradient = AdversarialExamples.InputGradient(net, x, labels);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(0.1 * Math.Sign(gradient.Data[i]), adversarial.Data[i] - x.Data[i], 12);
        double clean = new SoftmaxCrossEntropy().Compute(net.Predict(x), labels);
        double attacked = new SoftmaxCrossEntropy().Compute(net.Predict(adversarial), labels);
        double random = new SoftmaxCrossEntropy().Compute(net.Predict(AdversarialExamples.RandomSignNoise(x, 0.1, 3)), labels);
        Assert.True(attacked > clean && attacked > random, $"clean {clean}, FGSM {attacked}, random {random}");
        Assert.Throws<ArgumentOutOfRangeException>(() => AdversarialExamples.Fgsm(net, x, labels, -0.1));
    }

    [Fact]
    public void Adversarial_training_lowers_the_adversarial_loss_on_its_training_data()
    {
        var moons = TwoMoons.Generate(200, 0.1, 0.0, seed: 4).Data;
        var plain = Mlp.Create(new[] { 2, 16, 2 }, seed: 5);
        var robust = Mlp.Create(new[] { 2, 16, 2 }, seed: 5);
        new Trainer(plain, new SoftmaxCrossEntropy(), new Sgd(0.1), new TrainerOptions { Epochs = 200, Seed = 1 }).Train(moons);
        AdversarialTraining.Train(robust, moons, new Sgd(0.1), 0.2, epochs: 200, batchSize: 32, seed: 1);
        double AttackedAccuracy(Sequential n) =>
            AdversarialExamples.Accuracy(n, AdversarialExamples.Fgsm(n, moons.Features, moons.Labels!, 0.2), moons.Labels!);
        Assert.True(AttackedAccuracy(robust) > AttackedAccuracy(plain), $"{AttackedAccuracy(robust)} vs {AttackedAccuracy(plain)}");
    }

    [Fact]
    public void Weight_noise_evaluates_the_gradient_at_perturbed_weights_and_updates_the_clean_ones()
    {
        // One parameter, L = ½θ²: the gradient at θ + δ is θ + δ; plain SGD would give θ − α(θ + δ).
        var parameter = new Parameter("theta", ParameterKind.Weight, new Matrix(1, 1, new[] { 2.0 }));
        var noise = new WeightNoise(new Sgd(0.1), standardDeviation: 0.5, seed: 7);
        parameter.Gradient.Data[0] = parameter.Value.Data[0];
        noise.Step(new[] { parameter });                                   // θ = 2 − 0.1·2 = 1.8, then + δ₁
        double perturbed = parameter.Value.Data[0];
        Assert.NotEqual(1.8, perturbed);
        parameter.Gradient.Data[0] = perturbed;                            // gradient taken at θ + δ₁
        noise.Step(new[] { parameter });
        noise.RemoveNoise(new[] { parameter });
        Assert.Equal(1.8 - 0.1 * perturbed, parameter.Value.Data[0], 12);
        noise.RemoveNoise(new[] { parameter });                            // a second removal changes nothing
        Assert.Equal(1.8 - 0.1 * perturbed, parameter.Value.Data[0], 12);
    }

    [Fact]
    public void Weight_noise_draws_have_the_stated_standard_deviation()
    {
        var parameter = new Parameter("w", ParameterKind.Weight, new Matrix(200, 101));
        var noise = new WeightNoise(new Sgd(1e-12), standardDeviation: 0.3, seed: 8);
        noise.Step(new[] { parameter });
        double[] v = parameter.Value.Data;
        double mean = v.Average(), sd = Math.Sqrt(v.Sum(u => (u - mean) * (u - mean)) / (v.Length - 1));
        Assert.InRange(mean, -4 * 0.3 / Math.Sqrt(v.Length), 4 * 0.3 / Math.Sqrt(v.Length));
        Assert.InRange(sd, 0.3 * 0.98, 0.3 * 1.02);
    }

    [Fact]
    public void Sharpness_of_a_quadratic_matches_half_rho_squared_times_the_hessian_trace()
    {
        // A linear regression network has L(θ) = mean (wx + b − y)²; E L(θ + δ) − L(θ) = ρ²(E[x²] + 1) exactly.
        var random = new Random(9);
        var x = Enumerable.Range(0, 50).Select(_ => random.NextGaussian()).ToArray();
        var data = new Dataset(new Matrix(50, 1, x), new Matrix(50, 1, x.Select(v => 2 * v + 0.3 * random.NextGaussian()).ToArray()));
        var net = new Sequential(new Linear(1, 1, new Random(1)));
        double rho = 0.1, expected = rho * rho * (x.Average(v => v * v) + 1);
        double measured = Sharpness.LossRiseUnderWeightNoise(net, new MeanSquaredError(), data, rho, 20_000, seed: 3);
        Assert.Equal(expected, measured, 0.03 * expected);
        var before = net.Snapshot().Flatten();
        Sharpness.LossRiseUnderWeightNoise(net, new MeanSquaredError(), data, rho, 3, seed: 4);
        Assert.Equal(before, net.Snapshot().Flatten());                 // the weights are restored
    }

    [Fact]
    public void Input_slopes_match_finite_differences_of_the_network()
    {
        var net = Mlp.Create(new[] { 1, 16, 16, 1 }, seed: 3);
        double[] xs = { -0.5, 0.1, 0.7 };
        var (values, slopes) = InputSlopes.ValuesAndSlopes(net, xs);
        double F(double x) => net.Predict(new Matrix(1, 1, new[] { x })).Data[0];
        double Slope(double x) => InputSlopes.ValuesAndSlopes(net, new[] { x }).Slopes[0];
        double[] curvature = InputSlopes.Curvatures(net, xs);
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(F(xs[i]), values[i], 12);
            Assert.Equal(FiniteDifferences.Derivative(F, xs[i], 1e-3), slopes[i], 8);
            Assert.Equal(FiniteDifferences.Derivative(Slope, xs[i], 1e-3), curvature[i], 5);
        }
        Assert.Throws<ArgumentException>(() => InputSlopes.ValuesAndSlopes(Mlp.Create(new[] { 2, 4, 1 }), xs));
    }

    [Fact]
    public void Noisy_input_fits_reduce_to_least_squares_without_noise_and_flatten_with_it()
    {
        var toy = RegressionToy.Generate(seed: 4);
        double[] plain = FixedJointNetwork.Fit(toy, 0).Coefficients;
        double[] expected0 = InputNoiseRegression.FitExpectedLoss(toy, 0, draws: 1, seed: 1);
        foreach (double x in toy.X)                                   // same function (a 1e-10 jitter guards the solve)
            Assert.Equal(InputNoiseRegression.Predict(plain, x), InputNoiseRegression.Predict(expected0, x), 1e-4);
        double[] wide = InputNoiseRegression.FitExpectedLoss(toy, 0.2, draws: 2000, seed: 1);
        Assert.True(InputNoiseRegression.TotalSlopeChange(wide) < 0.5 * InputNoiseRegression.TotalSlopeChange(plain));
        double[] sgd = InputNoiseRegression.FitBySgd(toy, 0.2, steps: 40_000, learningRate: 0.05, batchSize: 5, seed: 1);
        foreach (double x in new[] { 0.1, 0.5, 0.9 })
            Assert.Equal(InputNoiseRegression.Predict(wide, x), InputNoiseRegression.Predict(sgd, x), 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => InputNoiseRegression.FitBySgd(toy, -1, 10, 0.1, 5, 1));
    }
}
