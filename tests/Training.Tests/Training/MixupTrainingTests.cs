using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Optimizers;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Training;

public class MixupTrainingTests
{
    [Fact]
    public void With_lambda_one_mixup_training_is_ordinary_training_step_for_step()
    {
        var data = TwoMoons.Generate(70, 0.2, 0.0, seed: 3).Data;   // 70 = two full batches of 32 and one of 6
        var plain = Mlp.Create(new[] { 2, 16, 2 }, seed: 5);
        var mixed = Mlp.Create(new[] { 2, 16, 2 }, seed: 5);
        new Trainer(plain, new SoftmaxCrossEntropy(), new Adam(0.01),
            new TrainerOptions { Epochs = 4, BatchSize = 32, Seed = 9, EvaluationInterval = 100 }).Train(data);
        MixupTraining.Train(mixed, new Adam(0.01), data, Mixup.WithFixedLambda(1.0, seed: 1), epochs: 4, batchSize: 32, seed: 9);
        for (int p = 0; p < plain.Parameters.Count; p++)
        {
            double[] a = plain.Parameters[p].Value.Data, b = mixed.Parameters[p].Value.Data;
            for (int k = 0; k < a.Length; k++) Assert.Equal(a[k], b[k], 12);
        }
    }

    [Fact]
    public void Mixing_changes_the_run_and_bad_input_is_named()
    {
        var data = TwoMoons.Generate(64, 0.2, 0.0, seed: 3).Data;
        var a = Mlp.Create(new[] { 2, 16, 2 }, seed: 5);
        var b = Mlp.Create(new[] { 2, 16, 2 }, seed: 5);
        MixupTraining.Train(a, new Adam(0.01), data, Mixup.WithFixedLambda(1.0, 1), 2, 32, 9);
        double loss = MixupTraining.Train(b, new Adam(0.01), data, new Mixup(1.0, 1), 2, 32, 9);
        Assert.True(double.IsFinite(loss));
        Assert.NotEqual(a.Parameters[0].Value.Data[0], b.Parameters[0].Value.Data[0]);
        var wrongWidth = Mlp.Create(new[] { 2, 16, 3 }, seed: 5);
        Assert.Equal("network", Assert.Throws<ArgumentException>(() =>
            MixupTraining.Train(wrongWidth, new Adam(0.01), data, new Mixup(1.0, 1), 1, 32, 9)).ParamName);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() =>
            MixupTraining.Train(a, new Adam(0.01), data, new Mixup(1.0, 1), 0, 32, 9)).ParamName);
    }
}
