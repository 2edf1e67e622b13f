using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Training;

/// <summary>
/// A network whose last logit is masked to −∞ (a class that is never allowed) trains without a false divergence
/// report: with ε = 0 the masked class has target 0 and contributes 0·(−∞) = 0 to the loss, as in PyTorch.
/// </summary>
public class MaskedClassTrainingTests
{
    /// <summary>Sets the last column of its input to −∞ and passes gradients of the other columns through.</summary>
    private sealed class MaskLastClass : ILayer
    {
        private Matrix? _output, _gradient;

        public IReadOnlyList<Parameter> Parameters => [];

        public Matrix Forward(Matrix input, bool training)
        {
            _output = input.Clone();
            for (int r = 0; r < input.Rows; r++) _output[r, input.Cols - 1] = double.NegativeInfinity;
            return _output;
        }

        public Matrix Backward(Matrix outputGradient)
        {
            _gradient = outputGradient.Clone();
            for (int r = 0; r < outputGradient.Rows; r++) _gradient[r, outputGradient.Cols - 1] = 0;
            return _gradient;
        }
    }

    [Fact]
    public void Training_with_a_masked_class_reports_no_divergence_and_finite_losses()
    {
        var moons = TwoMoons.Generate(120, 0.2, 0.0, seed: 2).Data;
        var rng = new Random(3);
        var net = new Sequential(new Linear(2, 8, rng), new Tanh(), new Linear(8, 3, rng), new MaskLastClass());
        var options = new TrainerOptions { Epochs = 5, BatchSize = 20, Seed = 1 };
        var history = new Trainer(net, new SoftmaxCrossEntropy(0.0), new Sgd(0.1), options).Train(moons, validation: moons);
        Assert.False(history.Diverged, history.Divergence?.ToString());
        Assert.All(history.TrainLoss, loss => Assert.True(double.IsFinite(loss), $"train loss {loss}"));
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0], "the unmasked classes still learn");
    }
}
