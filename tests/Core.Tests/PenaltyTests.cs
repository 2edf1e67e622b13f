using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Tests.Core;

public class PenaltyTests
{
    [Fact]
    public void L2_conventions_differ_by_the_factor_one_half()
    {
        double[] w = { 1.0, -2.0, 0.5 };                               // Σw² = 5.25
        Assert.Equal(0.1 * 5.25, new L2Penalty(0.1, L2Convention.LambdaSumOfSquares).Value(w), tolerance: 1e-15);
        Assert.Equal(0.05 * 5.25, new L2Penalty(0.1, L2Convention.HalfLambdaSumOfSquares).Value(w), tolerance: 1e-15);
        var g = new double[3];
        new L2Penalty(0.1, L2Convention.LambdaSumOfSquares).AddGradient(w, g);
        Assert.Equal(new[] { 0.2, -0.4, 0.1 }, g);                    // 2λw
        g = new double[3];
        new L2Penalty(0.1, L2Convention.HalfLambdaSumOfSquares).AddGradient(w, g);
        Assert.Equal(new[] { 0.1, -0.2, 0.05 }, g);                   // λw
    }

    [Fact]
    public void L1_and_elastic_net_values_and_subgradients()
    {
        double[] w = { 1.0, -2.0, 0.0 };
        Assert.Equal(0.3 * 3.0, new L1Penalty(0.3).Value(w), tolerance: 1e-15);
        var g = new double[3];
        new L1Penalty(0.3).AddGradient(w, g);
        Assert.Equal(new[] { 0.3, -0.3, 0.0 }, g);                    // λ·sign(w), sign(0) = 0
        var net = new ElasticNetPenalty(0.3, 0.1);
        Assert.Equal(0.3 * 3.0 + 0.1 * 5.0, net.Value(w), tolerance: 1e-15);
    }

    [Fact]
    public void Whole_network_penalty_skips_biases_by_default()
    {
        var model = Mlp.Create(new[] { 2, 3, 2 }, seed: 1);
        var l2 = new L2Penalty(1.0, L2Convention.LambdaSumOfSquares);
        double weightsOnly = model.LinearLayers.Sum(l => l.Weight.Value.SumOfSquares());
        foreach (var l in model.LinearLayers) l.Bias.Value.Fill(5.0);
        Assert.Equal(weightsOnly, l2.Value(model.Parameters), tolerance: 1e-12);
        model.LinearLayers[0].Bias.Regularized = true;
        Assert.Equal(weightsOnly + 3 * 25.0, l2.Value(model.Parameters), tolerance: 1e-12);
    }

    [Theory]
    [InlineData(2.5, 1.0)]
    [InlineData(-2.5, 1.0)]
    [InlineData(0.7, 1.0)]
    [InlineData(-0.3, 0.5)]
    [InlineData(1.2, 0.0)]
    [InlineData(0.0, 0.3)]
    public void Soft_thresholding_equals_brute_force_minimization_on_a_grid(double v, double t)
    {
        // argmin_w ½(w − v)² + t|w| by scanning a fine grid.
        double best = double.NaN, bestValue = double.PositiveInfinity;
        for (int i = -400_000; i <= 400_000; i++)
        {
            double w = i * 1e-5;
            double f = 0.5 * (w - v) * (w - v) + t * Math.Abs(w);
            if (f < bestValue) { bestValue = f; best = w; }
        }
        Assert.Equal(best, SoftThresholding.Apply(v, t), tolerance: 1e-5);
        var span = new[] { v };
        SoftThresholding.ApplyInPlace(span, t);
        Assert.Equal(SoftThresholding.Apply(v, t), span[0]);
    }

    [Fact]
    public void Soft_thresholding_gives_exact_zeros_inside_the_threshold()
    {
        Assert.Equal(0.0, SoftThresholding.Apply(0.49, 0.5));
        Assert.Equal(0.0, SoftThresholding.Apply(-0.5, 0.5));
        Assert.Equal(0.25, SoftThresholding.Apply(0.75, 0.5));
        Assert.Equal(-0.25, SoftThresholding.Apply(-0.75, 0.5));
    }

    // The seeds' worked example: minimize f(w) = (w − 1)² + penalty, with L2 = (λ/2)w² and L1 = λ|w|
    // (λ = 0.5: "(w − 1)² + 0.25w²" and "(w − 1)² + 0.5|w|").
    [Theory]
    [InlineData(0.5, 0.75, 0.8)]
    [InlineData(2.0, 0.0, 0.5)]
    public void The_seeds_one_dimensional_L1_L2_example(double lambda, double expectedL1, double expectedL2)
    {
        // Closed forms: L2 → f'(w) = 2(w − 1) + λw = 0 ⇒ w = 2/(2 + λ);
        // L1 → divide f by 2: ½(w − 1)² + (λ/2)|w| ⇒ w = S_{λ/2}(1).
        Assert.Equal(expectedL2, 2 / (2 + lambda), tolerance: 1e-15);
        Assert.Equal(expectedL1, SoftThresholding.Apply(1.0, lambda / 2), tolerance: 1e-15);

        // The optimizers reach the same minimizers from w = 3 on the data term (w − 1)², gradient 2(w − 1).
        var l1 = RunOneDimensional(new ProximalSgd(0.1, lambda), 3.0, 2000);
        Assert.Equal(expectedL1, l1, tolerance: 1e-12);
        var l2 = RunOneDimensional(new Sgd(0.1, penalty: new L2Penalty(lambda, L2Convention.HalfLambdaSumOfSquares)), 3.0, 2000);
        Assert.Equal(expectedL2, l2, tolerance: 1e-12);
        // (λ = 2 is exactly the critical strength: at w = 0 the data gradient −2 balances λ, so the proximal
        // iterates approach 0 geometrically, w ← 0.8w, instead of landing on it. Exact zeros for λ beyond the
        // critical value are tested in OptimizerTests.)
    }

    internal static double RunOneDimensional(IOptimizer optimizer, double start, int steps, Func<double, double>? gradient = null)
    {
        gradient ??= w => 2 * (w - 1);
        var p = new Parameter("w", ParameterKind.Weight, Matrix.RowVector(start));
        var ps = new[] { p };
        for (int i = 0; i < steps; i++)
        {
            p.Gradient.Data[0] = gradient(p.Value.Data[0]);
            optimizer.Step(ps);
        }
        return p.Value.Data[0];
    }
}
