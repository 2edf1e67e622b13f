using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using static RegularizationLab.Tests.Core.TestSupport;

namespace RegularizationLab.Tests.Core;

public class NetworkTests
{
    [Fact]
    public void Mlp_has_the_seeds_layer_order_and_names()
    {
        var net = Mlp.Create(new[] { 2, 96, 96, 2 }, Activation.Tanh, dropout: 0.4, seed: 1);
        Assert.Equal(new[] { "Linear", "Tanh", "Dropout", "Linear", "Tanh", "Dropout", "Linear" },
            net.Layers.Select(l => l.GetType().Name).ToArray());
        Assert.Equal(new[] { "layer1.W", "layer1.b", "layer2.W", "layer2.b", "layer3.W", "layer3.b" }, net.Parameters.Select(p => p.Name));
        Assert.Equal(2 * 96 + 96 + 96 * 96 + 96 + 96 * 2 + 2, net.ParameterCount);
        Assert.Equal((2, 2), (net.InputWidth, net.OutputWidth));
        Assert.All(net.Parameters, p => Assert.Equal(p.Kind == ParameterKind.Weight, p.Regularized));
        Assert.Equal(new[] { "Linear", "Relu", "Linear" }, Mlp.Create(new[] { 3, 4, 1 }, Activation.Relu).Layers.Select(l => l.GetType().Name));
    }

    [Fact]
    public void Initializations_have_their_documented_spread()
    {
        var rng = new Random(2);
        double Std(Initialization init)
        {
            var w = new Linear(400, 200, rng, init).Weight.Value.Data;
            return Math.Sqrt(w.Sum(v => v * v) / w.Length);
        }
        // Var U(−a, a) = a²/3. Relative tolerance: the sample std of 80,000 draws is accurate to well under 2%.
        Assert.Equal(Math.Sqrt(2.0 / 600), Std(Initialization.XavierUniform), Math.Sqrt(2.0 / 600) * 0.02);
        Assert.Equal(Math.Sqrt(2.0 / 600), Std(Initialization.XavierNormal), Math.Sqrt(2.0 / 600) * 0.02);
        Assert.Equal(Math.Sqrt(2.0 / 400), Std(Initialization.HeNormal), Math.Sqrt(2.0 / 400) * 0.02);
        Assert.Equal(Math.Sqrt(2.0 / 400), Std(Initialization.HeUniform), Math.Sqrt(2.0 / 400) * 0.02);
        Assert.Equal(Math.Sqrt(1.0 / 1200), Std(Initialization.UniformFanIn), Math.Sqrt(1.0 / 1200) * 0.02);
        var pytorchStyle = new Linear(400, 200, rng, Initialization.UniformFanIn);
        Assert.Contains(pytorchStyle.Bias.Value.Data, b => b != 0);
        Assert.All(new Linear(4, 3, rng, Initialization.HeNormal).Bias.Value.Data, b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void Snapshot_and_restore_bring_back_every_weight()
    {
        var net = Mlp.Create(new[] { 2, 8, 8, 2 }, seed: 3);
        var snapshot = net.Snapshot();
        var before = snapshot.Flatten();
        var x = RandomMatrix(16, 2, new Random(4));
        var labels = Enumerable.Range(0, 16).Select(i => i % 2).ToArray();
        Train(net, x, labels, 20);
        Assert.NotEqual(before, net.Snapshot().Flatten());
        Assert.Equal(before, snapshot.Flatten());                      // the snapshot is an independent copy
        net.Restore(snapshot);
        Assert.Equal(before, net.Snapshot().Flatten());
        Assert.Equal(net.LinearLayers[1].Weight.Value.Data, snapshot["layer2.W"].Data);
    }

    private static void Train(Sequential net, Matrix x, int[] labels, int steps, IOptimizer? optimizer = null)
    {
        optimizer ??= new Sgd(0.1);
        var loss = new SoftmaxCrossEntropy();
        var g = new Matrix(x.Rows, net.OutputWidth);
        for (int s = 0; s < steps; s++)
        {
            loss.Compute(net.Forward(x, true), labels, g);
            net.BackwardParametersOnly(g);
            optimizer.Step(net.Parameters);
        }
    }

    [Fact]
    public void Clone_is_deep_and_copy_parameters_makes_networks_agree()
    {
        var net = Mlp.Create(new[] { 2, 8, 2 }, seed: 5);
        var clone = net.Clone();
        var x = RandomMatrix(4, 2, new Random(6));
        Assert.Equal(net.Predict(x).Data, clone.Predict(x).Data);
        Train(clone, x, new[] { 0, 1, 0, 1 }, 5);
        Assert.NotEqual(net.Predict(x).Data, clone.Predict(x).Data);
        net.CopyParametersFrom(clone);
        Assert.Equal(clone.Predict(x).Data, net.Predict(x).Data);
    }

    [Fact]
    public void Predict_returns_a_fresh_matrix_while_forward_reuses_its_buffer()
    {
        var net = Mlp.Create(new[] { 2, 4, 2 }, seed: 7);
        var x1 = RandomMatrix(3, 2, new Random(1));
        var x2 = RandomMatrix(3, 2, new Random(2));
        var f1 = net.Forward(x1, false);
        var f2 = net.Forward(x2, false);
        Assert.Same(f1, f2);                                           // same batch size → same buffer
        var p1 = net.Predict(x1);
        var p2 = net.Predict(x2);
        Assert.NotSame(p1, p2);
        Assert.NotEqual(p1.Data, p2.Data);
        Assert.Equal(5, net.Forward(RandomMatrix(5, 2, new Random(3)), false).Rows);   // another batch size works
    }

    [Fact]
    public void Same_seed_gives_bit_identical_weights_after_init_and_after_training()
    {
        double[] Run(int seed)
        {
            var net = Mlp.Create(new[] { 2, 32, 32, 2 }, Activation.Tanh, dropout: 0.3, seed: seed);
            var x = RandomMatrix(32, 2, new Random(9));
            var labels = Enumerable.Range(0, 32).Select(i => x[i, 0] > 0 ? 1 : 0).ToArray();
            Train(net, x, labels, 30, new AdamW(0.01, 0.01));
            return net.Snapshot().Flatten();
        }
        Assert.Equal(Mlp.Create(new[] { 2, 16, 2 }, seed: 4).Snapshot().Flatten(), Mlp.Create(new[] { 2, 16, 2 }, seed: 4).Snapshot().Flatten());
        Assert.NotEqual(Mlp.Create(new[] { 2, 16, 2 }, seed: 4).Snapshot().Flatten(), Mlp.Create(new[] { 2, 16, 2 }, seed: 5).Snapshot().Flatten());
        var first = Run(1);
        var second = Run(1);
        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(first[i]), BitConverter.DoubleToInt64Bits(second[i]));
        Assert.NotEqual(first, Run(2));
    }

    [Fact]
    public void A_training_step_allocates_nothing_after_warm_up()
    {
        var net = Mlp.Create(new[] { 2, 64, 64, 2 }, Activation.Tanh, dropout: 0.2, seed: 1);
        var x = RandomMatrix(32, 2, new Random(1));
        var labels = new int[32];
        var optimizer = new Adam(0.01);
        var loss = new SoftmaxCrossEntropy(0.1);
        var g = new Matrix(32, 2);
        void Step()
        {
            loss.Compute(net.Forward(x, true), labels, g);
            net.BackwardParametersOnly(g);
            optimizer.Step(net.Parameters);
        }
        for (int s = 0; s < 5; s++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < 50; s++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
