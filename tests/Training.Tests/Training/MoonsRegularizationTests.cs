using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;
using RegularizationLab.Training;
using Xunit.Abstractions;

namespace RegularizationLab.Tests.Training.Training;

public class MoonsRegularizationTests(ITestOutputHelper output)
{
    /// <summary>
    /// The blog's weight-decay experiment in miniature: 2→64→64→2 tanh MLP on 250 moons with 10% flipped labels.
    /// The blog trains 10⁴ epochs of SGD with batch 32 (80 000 steps, ~10 s per model here); to keep the test fast we
    /// use full-batch Adam (learning rate 0.003), which interpolates the flipped labels in ~3 000 steps. Both models
    /// train at once through the parallel sweep.
    /// </summary>
    [Fact]
    public void Unregularized_net_interpolates_noisy_moons_and_L2_gives_a_smoother_function()
    {
        var moons = TwoMoons.WeightDecayExperiment(seed: 1);
        Assert.True(moons.FlippedCount > 10);
        var runs = Sweep.Run(new[] { 0.0, 0.001 }, c =>
        {
            var net = Mlp.Create(new[] { 2, 64, 64, 2 }, Activation.Tanh, seed: 1);
            IPenalty? penalty = c.Value == 0 ? null : new L2Penalty(c.Value, L2Convention.HalfLambdaSumOfSquares);
            var optimizer = new Adam(0.003, penalty: penalty);
            var options = new TrainerOptions { Epochs = 4000, BatchSize = 250, EvaluationInterval = 500, Seed = 1 };
            History history = new Trainer(net, new SoftmaxCrossEntropy(), optimizer, options).Train(moons.Data);
            return (net, history);
        });
        var (plainNet, plainHistory) = runs[0].Result;
        var (l2Net, l2History) = runs[1].Result;
        double plainSharpness = InputSensitivity.MeanMarginGradientNorm(plainNet, moons.Features);
        double l2Sharpness = InputSensitivity.MeanMarginGradientNorm(l2Net, moons.Features);
        output.WriteLine($"no penalty: {plainHistory}");
        output.WriteLine($"L2 λ = 0.001: {l2History}");
        output.WriteLine($"mean ‖∂margin/∂x‖ on the training inputs: no penalty {plainSharpness:F2}, L2 {l2Sharpness:F2}");

        Assert.Equal(1.0, plainHistory.Last!.TrainAccuracy);   // every flipped label is fitted
        Assert.True(l2History.Last!.TrainAccuracy < 1.0);        // L2 declines to chase the flipped labels
        Assert.True(l2Sharpness < 0.5 * plainSharpness,
            $"L2 should at least halve the input-gradient norm: {l2Sharpness} vs {plainSharpness}");
    }
}
