using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;
using static RegularizationLab.Tests.Core.TestSupport;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// Each optimizer against its published update rule. Expected values are computed in the test from the formulas
/// (or by hand, where the numbers are simple), never from the implementation.
/// </summary>
public class OptimizerTests
{
    private const double Tight = 1e-15;

    private static Parameter Weight(params double[] values) => new("w", ParameterKind.Weight, Matrix.RowVector(values));

    private static void SetGradient(Parameter p, params double[] g) => g.CopyTo(p.Gradient.Data, 0);

    [Fact]
    public void Schedules_follow_their_formulas()
    {
        var power = new PowerLawSchedule(0.15, 1, 5e4);
        Assert.Equal(0.15 / (1 + 1 / 5e4), power.Rate(1), Tight);
        Assert.Equal(0.075, power.Rate(50_000), Tight);                  // t = τ halves the rate when a = 1
        var sqrt = new PowerLawSchedule(0.05, 0.5, 5e4);
        Assert.Equal(0.05 / Math.Sqrt(4), sqrt.Rate(150_000), Tight);
        Assert.Equal(1 / Math.Sqrt(4), sqrt.Multiplier(150_000), Tight);
        var constant = new ConstantSchedule(0.3);
        Assert.Equal(0.3, ((ILearningRateSchedule)constant).Rate(12345));
        Assert.Equal(1.0, constant.Multiplier(7));
    }

    [Fact]
    public void Sgd_with_coupled_L2_by_hand()
    {
        // α = 0.1, R = λΣw² with λ = 0.1 (∂R/∂w = 0.2w), w₀ = 1, ∇L = 0.5 at both steps:
        // w₁ = 1 − 0.1(0.5 + 0.2) = 0.93;  w₂ = 0.93 − 0.1(0.5 + 0.186) = 0.8614.
        var p = Weight(1.0);
        var sgd = new Sgd(0.1, penalty: new L2Penalty(0.1, L2Convention.LambdaSumOfSquares));
        SetGradient(p, 0.5); sgd.Step(new[] { p });
        Assert.Equal(0.93, p.Value[0, 0], Tight);
        sgd.Step(new[] { p });
        Assert.Equal(0.8614, p.Value[0, 0], Tight);
        Assert.Equal(2, sgd.StepCount);
        Assert.Equal(0.5, p.Gradient[0, 0]);                             // the gradient is left alone
    }

    [Fact]
    public void Sgd_momentum_by_hand()
    {
        // v ← μv + g, w ← w − αv with α = 0.1, μ = 0.9, g = 1: w = 0.9, 0.71, 0.439.
        var p = Weight(1.0);
        var sgd = new Sgd(0.1, momentum: 0.9);
        SetGradient(p, 1.0);
        foreach (double expected in new[] { 0.9, 0.71, 0.439 })
        {
            sgd.Step(new[] { p });
            Assert.Equal(expected, p.Value[0, 0], 1e-14);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_seeds_SGDOptimizer_step_by_step(bool l1)
    {
        // self.t += 1; lr = lr0/(1 + t/τ)^a; reg = λW (or λ sign W); W -= lr(dW + reg) — biases too in the seeds.
        double lr0 = 0.15, a = 1, tau = 5e4, lambda = 0.01;
        var w = Weight(0.5, -1.0, 0.0);
        var b = new Parameter("b", ParameterKind.Bias, Matrix.RowVector(0.2)) { Regularized = true };
        var optimizer = Sgd.LikeTheBlog(lr0, a, tau, lambda, l1);
        double[] W = { 0.5, -1.0, 0.0 };
        double B = 0.2;
        for (int t = 1; t <= 3; t++)
        {
            double[] dW = { 0.1 * t, -0.3, 0.05 };
            double dB = 0.05 / t;
            SetGradient(w, dW);
            SetGradient(b, dB);
            optimizer.Step(new[] { w, b });

            double lr = lr0 / Math.Pow(1 + t / tau, a);
            for (int i = 0; i < 3; i++) W[i] -= lr * (dW[i] + (l1 ? lambda * Math.Sign(W[i]) : lambda * W[i]));
            B -= lr * (dB + (l1 ? lambda * Math.Sign(B) : lambda * B));
            for (int i = 0; i < 3; i++) Assert.Equal(W[i], w.Value.Data[i], Tight);
            Assert.Equal(B, b.Value.Data[0], Tight);
            Assert.Equal(lr, optimizer.CurrentLearningRate, Tight);
        }
    }

    [Fact]
    public void Decoupled_weight_decay_by_hand_and_biases_are_not_decayed()
    {
        // w ← (1 − λ')w − α∇L with α = 0.1, λ' = 0.01, w₀ = 2, ∇L = 0.5: w₁ = 1.98 − 0.05 = 1.93, w₂ = 1.9107 − 0.05 = 1.8607.
        var w = Weight(2.0);
        var b = new Parameter("b", ParameterKind.Bias, Matrix.RowVector(2.0));
        var optimizer = new SgdWithWeightDecay(0.1, decay: 0.01);
        SetGradient(w, 0.5);
        SetGradient(b, 0.5);
        optimizer.Step(new[] { w, b });
        Assert.Equal(1.93, w.Value[0, 0], 1e-14);
        Assert.Equal(1.95, b.Value[0, 0], 1e-14);                      // bias: plain SGD step only
        optimizer.Step(new[] { w, b });
        Assert.Equal(1.8607, w.Value[0, 0], 1e-14);
        Assert.Equal(1.90, b.Value[0, 0], 1e-14);
    }

    [Fact]
    public void Decoupled_decay_follows_the_schedule_in_both_scalings()
    {
        var schedule = new PowerLawSchedule(0.2, 1, 10);
        double lambda = 0.05;
        foreach (var scale in new[] { WeightDecayScale.ScheduleMultiplier, WeightDecayScale.LearningRate })
        {
            var w = Weight(1.5);
            var optimizer = new SgdWithWeightDecay(schedule, lambda, scale: scale);
            double expected = 1.5;
            for (int t = 1; t <= 3; t++)
            {
                double g = 0.3 * expected;
                SetGradient(w, g);
                optimizer.Step(new[] { w });
                double eta = 1 / (1 + t / 10.0), alpha = 0.2 * eta;
                double shrink = scale == WeightDecayScale.ScheduleMultiplier ? eta * lambda : alpha * lambda;
                expected = (1 - shrink) * expected - alpha * g;
                Assert.Equal(expected, w.Value[0, 0], Tight);
            }
        }
    }

    private static (Sequential Net, Matrix X, int[] Labels) SmallProblem(int seed, int[]? widths = null)
    {
        var net = Mlp.Create(widths ?? new[] { 2, 16, 16, 2 }, Activation.Tanh, seed: seed);
        var rng = new Random(seed + 100);
        var x = RandomMatrix(32, 2, rng, scale: 2);
        var labels = Enumerable.Range(0, 32).Select(i => x[i, 0] * x[i, 1] > 0 ? 1 : 0).ToArray();
        return (net, x, labels);
    }

    private static void Train(Sequential net, Matrix x, int[] labels, IOptimizer optimizer, int steps)
    {
        var loss = new SoftmaxCrossEntropy();
        var g = new Matrix(x.Rows, 2);
        for (int s = 0; s < steps; s++)
        {
            loss.Compute(net.Forward(x, true), labels, g);
            net.BackwardParametersOnly(g);
            optimizer.Step(net.Parameters);
        }
    }

    private static double MaxDifference(Sequential a, Sequential b) =>
        a.Snapshot().Flatten().Zip(b.Snapshot().Flatten(), (u, v) => Math.Abs(u - v)).Max();

    [Theory]
    [InlineData(L2Convention.LambdaSumOfSquares, 2.0)]         // λ' = 2αλ for λΣw²
    [InlineData(L2Convention.HalfLambdaSumOfSquares, 1.0)]     // λ' = αλ for (λ/2)‖w‖²
    public void Coupled_L2_and_decoupled_decay_give_the_same_sgd_trajectory(L2Convention convention, double factor)
    {
        double alpha = 0.1, lambda = 0.01;
        var (coupled, x, labels) = SmallProblem(1);
        var (decoupled, _, _) = SmallProblem(1);
        var sgdL2 = new Sgd(alpha, penalty: new L2Penalty(lambda, convention));
        var sgdW = new SgdWithWeightDecay(alpha, decay: factor * alpha * lambda);
        double maxDifference = 0;
        for (int round = 0; round < 20; round++)
        {
            Train(coupled, x, labels, sgdL2, 25);
            Train(decoupled, x, labels, sgdW, 25);
            maxDifference = Math.Max(maxDifference, MaxDifference(coupled, decoupled));
        }
        Assert.True(maxDifference < 1e-12, $"trajectories drift apart by {maxDifference:E2} over 500 steps");
        // …and the decay mattered: without it the weights end elsewhere.
        var (plain, _, _) = SmallProblem(1);
        Train(plain, x, labels, new Sgd(alpha), 500);
        Assert.True(MaxDifference(plain, coupled) > 1e-3);
    }

    [Fact]
    public void Adam_step_by_step_against_kingma_and_ba()
    {
        double alpha = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var p = Weight(1.0, -2.0);
        var adam = new Adam(alpha, b1, b2, eps);
        double[] w = { 1.0, -2.0 }, m = new double[2], v = new double[2];
        for (int t = 1; t <= 3; t++)
        {
            double[] g = { 2 * (w[0] - 0.3), 0.5 * w[1] };
            SetGradient(p, g);
            adam.Step(new[] { p });
            for (int i = 0; i < 2; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                w[i] -= alpha * mHat / (Math.Sqrt(vHat) + eps);
                Assert.Equal(w[i], p.Value.Data[i], 1e-14);
            }
        }
    }

    [Fact]
    public void Adams_first_step_has_length_alpha()
    {
        // t = 1: m̂ = g, v̂ = g², so the step is α·g/(|g| + ε) ≈ α·sign(g), whatever the gradient's size.
        var p = Weight(1.0, 1.0);
        SetGradient(p, 1e-3, -50);
        new Adam(0.01).Step(new[] { p });
        Assert.Equal(1 - 0.01 * 1e-3 / (1e-3 + 1e-8), p.Value[0, 0], 1e-15);
        Assert.Equal(1 + 0.01 * 50 / (50 + 1e-8), p.Value[0, 1], 1e-15);
        Assert.Equal(0.99, p.Value[0, 0], 1e-6);                       // ≈ α·sign(g)
        Assert.Equal(1.01, p.Value[0, 1], 1e-6);
    }

    [Fact]
    public void Adam_with_coupled_L2_puts_the_penalty_gradient_through_the_moments()
    {
        double alpha = 0.01, lambda = 0.1;
        var p = Weight(1.5);
        var adam = new Adam(alpha, penalty: new L2Penalty(lambda, L2Convention.LambdaSumOfSquares));
        double w = 1.5, m = 0, v = 0;
        for (int t = 1; t <= 3; t++)
        {
            double g = 0.2;
            SetGradient(p, g);
            adam.Step(new[] { p });
            double gc = g + 2 * lambda * w;                            // coupled: ∇L + ∂R/∂w
            m = 0.9 * m + 0.1 * gc;
            v = 0.999 * v + 0.001 * gc * gc;
            w -= alpha * (m / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.999, t))) + 1e-8);
            Assert.Equal(w, p.Value[0, 0], 1e-14);
        }
    }

    [Theory]
    [InlineData(WeightDecayScale.ScheduleMultiplier)]
    [InlineData(WeightDecayScale.LearningRate)]
    public void AdamW_matches_loshchilov_and_hutter_algorithm_2(WeightDecayScale scale)
    {
        // θ_t ← θ_{t−1} − η_t(α m̂_t/(√v̂_t + ε) + λθ_{t−1})   with a power-law schedule multiplier η_t.
        double alpha = 0.05, lambda = 0.02, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var schedule = new PowerLawSchedule(alpha, 0.5, 20);
        var p = Weight(0.8, -1.2, 0.1);
        var adamW = new AdamW(schedule, lambda, b1, b2, eps, scale);
        double[] theta = { 0.8, -1.2, 0.1 }, m = new double[3], v = new double[3];
        for (int t = 1; t <= 3; t++)
        {
            double[] g = theta.Select(th => Math.Sin(3 * th)).ToArray();
            SetGradient(p, g);
            adamW.Step(new[] { p });
            double eta = 1 / Math.Sqrt(1 + t / 20.0);
            for (int i = 0; i < 3; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                double decay = scale == WeightDecayScale.ScheduleMultiplier ? lambda : alpha * lambda;
                theta[i] -= eta * (alpha * mHat / (Math.Sqrt(vHat) + eps) + decay * theta[i]);
                Assert.Equal(theta[i], p.Value.Data[i], 1e-14);
            }
        }
    }

    [Fact]
    public void AdamW_decays_every_weight_geometrically_while_adam_with_L2_normalizes_the_decay_away()
    {
        // With no likelihood gradient, AdamW (the paper's scaling) shrinks w by (1 − λ) per step (η_t = 1);
        // Adam + L2 divides the penalty gradient 2λw by its own RMS, so w moves ≈ α per step whatever λ is.
        double lambda = 0.01, alpha = 0.001;
        var adamWParameter = Weight(1.0, 100.0);
        var adamL2Parameter = Weight(1.0, 100.0);
        var adamW = new AdamW(alpha, lambda, scale: WeightDecayScale.ScheduleMultiplier);
        var adamL2 = new Adam(alpha, penalty: new L2Penalty(lambda / 2, L2Convention.LambdaSumOfSquares));
        for (int t = 0; t < 10; t++)
        {
            adamW.Step(new[] { adamWParameter });
            adamL2.Step(new[] { adamL2Parameter });
        }
        Assert.Equal(Math.Pow(1 - lambda, 10), adamWParameter.Value[0, 0], 1e-12);
        Assert.Equal(100 * Math.Pow(1 - lambda, 10), adamWParameter.Value[0, 1], 1e-10);
        // Ten steps of ≈ α each (a little less, as the penalty gradient shrinks with w): the same absolute move …
        Assert.Equal(1.0 - 10 * alpha, adamL2Parameter.Value[0, 0], 1e-4);
        Assert.Equal(100.0 - 10 * alpha, adamL2Parameter.Value[0, 1], 1e-4);   // … for a 100× larger weight
    }

    [Fact]
    public void AdamW_by_default_decays_like_pytorch_lr_times_weight_decay()
    {
        // PyTorch's AdamW(lr, weight_decay) does p ← p − lr·wd·p before the Adam step; with a zero gradient only that
        // part acts, so ten steps give (1 − lr·wd)¹⁰ (and not the paper's (1 − wd)¹⁰, 1/lr times stronger).
        double lr = 1e-3, wd = 1e-2;
        var p = Weight(2.0);
        var adamW = new AdamW(lr, wd);
        for (int t = 0; t < 10; t++)
            adamW.Step(new[] { p });
        Assert.Equal(2.0 * Math.Pow(1 - lr * wd, 10), p.Value[0, 0], 1e-13);
    }

    [Theory]
    [InlineData(0.0, 0.0)]     // Adam
    [InlineData(0.05, 0.0)]    // Adam + L2 (the penalty gradient goes through the moments)
    [InlineData(0.0, 0.05)]    // AdamW
    public void Fused_adam_kernels_match_the_plain_reference_step(double l2, double weightDecay)
    {
        // The optimizers run a vectorized single-pass kernel; AdamReference is the paper's loop written plainly.
        double alpha = 0.02;
        double[] start = Enumerable.Range(0, 19).Select(i => Math.Sin(i + 1.0)).ToArray();   // 19: vector + tail
        var p = Weight(start);
        IOptimizer fused = weightDecay > 0 ? new AdamW(alpha, weightDecay)
            : new Adam(alpha, penalty: l2 > 0 ? new L2Penalty(l2, L2Convention.HalfLambdaSumOfSquares) : null);
        double[] w = (double[])start.Clone(), m = new double[w.Length], v = new double[w.Length];
        for (int t = 1; t <= 5; t++)
        {
            double[] g = w.Select((x, j) => Math.Cos(3 * x + j)).ToArray();
            SetGradient(p, g);
            fused.Step(new[] { p });
            AdamReference.Step(w, g, m, v, t, alpha, l2: l2, decay: alpha * weightDecay);
            for (int j = 0; j < w.Length; j++)
                Assert.Equal(w[j], p.Value.Data[j], 1e-14);
        }
    }

    [Fact]
    public void Adam_with_L2_and_AdamW_train_to_different_weights()
    {
        var (a, x, labels) = SmallProblem(2);
        var (b, _, _) = SmallProblem(2);
        Train(a, x, labels, new Adam(0.01, penalty: new L2Penalty(0.05, L2Convention.HalfLambdaSumOfSquares)), 200);
        Train(b, x, labels, new AdamW(0.01, 0.05 * 0.01, scale: WeightDecayScale.ScheduleMultiplier), 200);
        Assert.True(MaxDifference(a, b) > 1e-2, $"max difference {MaxDifference(a, b)}");
    }

    [Fact]
    public void Proximal_L1_reaches_exact_zero_where_subgradient_L1_oscillates()
    {
        // Minimize ½(w − 0.05)² + 0.1|w|: the minimizer is S_0.1(0.05) = 0.
        Func<double, double> gradient = w => w - 0.05;
        var proximalPath = Path(new ProximalSgd(0.1, 0.1), gradient);
        var subgradientPath = Path(new Sgd(0.1, penalty: new L1Penalty(0.1)), gradient);
        Assert.All(proximalPath.Skip(100), w => Assert.Equal(0.0, w));
        var tail = subgradientPath.Skip(100).ToArray();
        Assert.DoesNotContain(0.0, tail);
        int signChanges = tail.Zip(tail.Skip(1), (u, v) => Math.Sign(u) != Math.Sign(v) ? 1 : 0).Sum();
        Assert.True(signChanges > 50, $"only {signChanges} sign changes");                 // it keeps hopping across 0
        Assert.All(tail, w => Assert.True(Math.Abs(w) <= 0.1 * 0.25));                      // within one step of 0
    }

    private static List<double> Path(IOptimizer optimizer, Func<double, double> gradient)
    {
        var p = Weight(1.0);
        var path = new List<double>();
        for (int t = 0; t < 300; t++)
        {
            SetGradient(p, gradient(p.Value[0, 0]));
            optimizer.Step(new[] { p });
            path.Add(p.Value[0, 0]);
        }
        return path;
    }

    [Fact]
    public void Proximal_sgd_makes_a_network_sparse_and_subgradient_sgd_does_not()
    {
        var (proximal, x, labels) = SmallProblem(3);
        var (subgradient, _, _) = SmallProblem(3);
        Train(proximal, x, labels, new ProximalSgd(0.1, 0.02), 400);
        Train(subgradient, x, labels, new Sgd(0.1, penalty: new L1Penalty(0.02)), 400);
        int Zeros(Sequential n) => n.LinearLayers.Sum(l => l.Weight.Value.Data.Count(w => w == 0.0));
        int total = proximal.LinearLayers.Sum(l => l.Weight.Value.Length);
        Assert.True(Zeros(proximal) > total / 4, $"proximal: {Zeros(proximal)} of {total} weights are exactly 0");
        Assert.Equal(0, Zeros(subgradient));
    }

    [Fact]
    public void Reset_forgets_state_and_the_step_counter()
    {
        var p = Weight(1.0);
        var adam = new Adam(0.1);
        SetGradient(p, 1.0);
        adam.Step(new[] { p });
        double afterOne = p.Value[0, 0];
        adam.Reset();
        Assert.Equal(0, adam.StepCount);
        p.Value[0, 0] = 1.0;
        adam.Step(new[] { p });
        Assert.Equal(afterOne, p.Value[0, 0]);
    }
}
