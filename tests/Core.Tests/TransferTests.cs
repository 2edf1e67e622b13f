using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Training;
using RegularizationLab.Transfer;
using static RegularizationLab.Tests.Core.TestSupport;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// The library parts of lecture 11: copying a trunk and putting a new head on it, freezing parameters, the linear
/// probe, the two-headed network's weighted loss (finite differences), masked-reconstruction pretext data, class splits.
/// </summary>
public class TransferTests
{
    private static Dataset Blobs(int n, int features, int classes, int seed)
    {
        var rng = new Random(seed);
        var x = RandomMatrix(n, features, rng);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            x[i, labels[i] % features] += 2.0;        // a learnable class signal
        }
        return new Dataset(x, labels, classes);
    }

    private static TwoHeadedNetwork SmallTwoHeaded(int seed) =>
        new(Trunk.Of(Mlp.Create(new[] { 4, 6, 3 }, Activation.Tanh, seed: seed)), firstOutputs: 3, secondOutputs: 2, seed: seed);

    [Fact]
    public void Multi_task_gradient_matches_finite_differences_of_the_weighted_loss()
    {
        var rng = new Random(3);
        var net = SmallTwoHeaded(5);
        Matrix x1 = RandomMatrix(5, 4, rng), x2 = RandomMatrix(7, 4, rng);
        int[] y1 = { 0, 1, 2, 1, 0 }, y2 = { 1, 0, 0, 1, 1, 0, 1 };
        const double alpha = 0.3, beta = 1.7;
        var ce = new SoftmaxCrossEntropy();
        // L = α·L₁ + β·L₂ from plain forward passes, the definition the analytic gradient must match
        double Loss() => alpha * ce.Compute(net.FirstTask.Forward(x1, false), y1)
                         + beta * ce.Compute(net.SecondTask.Forward(x2, false), y2);

        double loss = MultiTaskTraining.LossAndGradients(net, x1, y1, x2, y2, alpha, beta);
        Assert.Equal(Loss(), loss, 12);
        var analytic = net.Parameters.Select(p => (double[])p.Gradient.Data.Clone()).ToArray();
        for (int i = 0; i < net.Parameters.Count; i++)
        {
            double error = RelativeError(analytic[i], NumericalGradient(net.Parameters[i].Value.Data, Loss));
            Assert.True(error < 1e-7, $"{net.Parameters[i].Name}: relative error {error:E2}");
        }
    }

    [Fact]
    public void A_task_with_weight_zero_sends_no_gradient_and_the_trunk_gets_the_sum()
    {
        var rng = new Random(4);
        var net = SmallTwoHeaded(6);
        Matrix x1 = RandomMatrix(5, 4, rng), x2 = RandomMatrix(5, 4, rng);
        int[] y1 = { 0, 1, 2, 1, 0 }, y2 = { 1, 0, 0, 1, 1 };
        MultiTaskTraining.LossAndGradients(net, x1, y1, x2, y2, alpha: 1, beta: 0);
        Assert.All(net.SecondHead.Weight.Gradient.Data, g => Assert.Equal(0.0, g));
        double[] onlyFirst = (double[])net.SharedTrunk.Parameters[0].Gradient.Data.Clone();
        MultiTaskTraining.LossAndGradients(net, x1, y1, x2, y2, alpha: 0, beta: 1);
        double[] onlySecond = (double[])net.SharedTrunk.Parameters[0].Gradient.Data.Clone();
        MultiTaskTraining.LossAndGradients(net, x1, y1, x2, y2, alpha: 2, beta: 3);
        double[] both = net.SharedTrunk.Parameters[0].Gradient.Data;
        for (int k = 0; k < both.Length; k++) Assert.Equal(2 * onlyFirst[k] + 3 * onlySecond[k], both[k], 12);
    }

    [Fact]
    public void Multi_task_training_is_deterministic_and_learns_both_tasks()
    {
        Dataset first = Blobs(60, 4, 3, seed: 1), second = Blobs(90, 4, 2, seed: 2);
        double Run(out TwoHeadedNetwork net)
        {
            net = SmallTwoHeaded(7);
            return MultiTaskTraining.Train(net, new Adam(0.02), first, second,
                new MultiTaskOptions { Alpha = 0.5, Beta = 0.5, Steps = 300, BatchSize = 16, Seed = 3 });
        }
        double a = Run(out var netA), b = Run(out var netB);
        Assert.Equal(a, b);
        Assert.Equal(netA.Parameters[0].Value.Data, netB.Parameters[0].Value.Data);
        Assert.True(Evaluation.Evaluate(netA.FirstTask, new SoftmaxCrossEntropy(), first).Accuracy > 0.9);
        Assert.True(Evaluation.Evaluate(netA.SecondTask, new SoftmaxCrossEntropy(), second).Accuracy > 0.9);
    }

    [Fact]
    public void Multi_task_bad_input_is_named()
    {
        Dataset first = Blobs(20, 4, 3, 1), second = Blobs(20, 4, 2, 2);
        var net = SmallTwoHeaded(1);
        ArgumentException Fails(MultiTaskOptions o) =>
            Assert.ThrowsAny<ArgumentException>(() => MultiTaskTraining.Train(net, new Adam(0.01), first, second, o));
        Assert.Equal("alpha", Fails(new MultiTaskOptions { Alpha = 0, Beta = 0 }).ParamName);
        Assert.Contains("-1", Fails(new MultiTaskOptions { Beta = -1 }).Message);
        Assert.Equal("beta", Fails(new MultiTaskOptions { Beta = double.NaN }).ParamName);
        Assert.Equal("secondTask", Assert.Throws<ArgumentException>(() => MultiTaskTraining.Train(net, new Adam(0.01), first,
            Blobs(20, 5, 2, 2))).ParamName);
        Assert.Equal("secondTask", Assert.Throws<ArgumentException>(() => MultiTaskTraining.Train(net, new Adam(0.01), first,
            Blobs(20, 4, 3, 2))).ParamName);
        Assert.Equal("task", Assert.Throws<ArgumentOutOfRangeException>(() => net.ForTask(3)).ParamName);
    }

    [Fact]
    public void A_trunk_is_a_deep_copy_without_the_head_and_a_new_head_fits_the_new_task()
    {
        var source = Mlp.Create(new[] { 4, 8, 8, 3 }, Activation.Relu, seed: 2);
        Sequential trunk = Trunk.Of(source);
        Assert.Equal(4, trunk.Layers.Count);                     // Linear, ReLU, Linear, ReLU
        Assert.Equal(8, Trunk.Width(trunk));
        Sequential target = Trunk.WithNewHead(trunk, outputs: 5, seed: 1);
        Assert.Equal(5, target.OutputWidth);
        Assert.Equal(source.Parameters[0].Value.Data, target.Parameters[0].Value.Data);   // the trunk's weights carried over
        new Trainer(target, new SoftmaxCrossEntropy(), new Adam(0.05), new TrainerOptions { Epochs = 3 }).Train(Blobs(40, 4, 5, 3));
        Assert.NotEqual(source.Parameters[0].Value.Data, target.Parameters[0].Value.Data);
        Assert.Equal(Mlp.Create(new[] { 4, 8, 8, 3 }, Activation.Relu, seed: 2).Parameters[0].Value.Data,
            source.Parameters[0].Value.Data);                                              // the source is untouched
        Assert.Equal(trunk.Parameters[0].Value.Data, source.Parameters[0].Value.Data);     // and so is the trunk copy

        Assert.Equal("network", Assert.Throws<ArgumentException>(() => Trunk.Of(new Sequential(new Linear(2, 2, new Random(1))))).ParamName);
        Assert.Equal("trunk", Assert.Throws<ArgumentException>(() => Trunk.WithNewHead(source, 2, 1)).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentOutOfRangeException>(() => Trunk.WithNewHead(trunk, 0, 1)).ParamName);
    }

    [Fact]
    public void A_frozen_trunk_does_not_move_and_training_its_head_equals_a_linear_probe()
    {
        Dataset data = Blobs(50, 4, 3, seed: 5);
        Sequential trunk = Trunk.Of(Mlp.Create(new[] { 4, 8, 3 }, Activation.Tanh, seed: 3));
        Sequential net = Trunk.WithNewHead(trunk, outputs: 3, seed: 11);
        Parameter[] frozen = net.Parameters.Take(2).ToArray();
        double[] before = (double[])frozen[0].Value.Data.Clone();
        var optimizer = new FreezingOptimizer(new Adam(0.01), frozen);
        new Trainer(net, new SoftmaxCrossEntropy(), optimizer, new TrainerOptions { Epochs = 5, BatchSize = 16, Seed = 4 }).Train(data);
        Assert.Equal(before, frozen[0].Value.Data);
        Assert.Equal(2, optimizer.FrozenCount);

        var features = new Dataset(Trunk.Features(trunk, data.Features), data.Labels!, 3);
        Sequential probe = LinearProbe.Train(features, new LinearProbeOptions { Epochs = 5, BatchSize = 16, LearningRate = 0.01, Seed = 4 });
        Assert.NotEqual(probe.Parameters[0].Value.Data, net.Parameters[2].Value.Data);     // different head seeds (11 vs 4)…
        Sequential sameSeed = Trunk.WithNewHead(trunk, outputs: 3, seed: 4);
        new Trainer(sameSeed, new SoftmaxCrossEntropy(), new FreezingOptimizer(new Adam(0.01), sameSeed.Parameters.Take(2)),
            new TrainerOptions { Epochs = 5, BatchSize = 16, Seed = 4 }).Train(data);
        double[] head = sameSeed.Parameters[2].Value.Data, probeWeights = probe.Parameters[0].Value.Data;
        for (int k = 0; k < head.Length; k++) Assert.Equal(probeWeights[k], head[k], 10);   // …same seed: the same fit

        Assert.Equal("frozen", Assert.Throws<ArgumentException>(() => new FreezingOptimizer(new Adam(0.01), Array.Empty<Parameter>())).ParamName);
    }

    [Fact]
    public void The_linear_probe_rejects_mismatched_features()
    {
        Dataset data = Blobs(30, 4, 3, 1);
        Assert.Equal("testFeatures", Assert.Throws<ArgumentException>(() => LinearProbe.TestAccuracy(
            data.Features, data.Labels!, new Matrix(5, 3), new int[5], 3)).ParamName);
        Assert.True(LinearProbe.TestAccuracy(data.Features, data.Labels!, data.Features, data.Labels!, 3,
            new LinearProbeOptions { Epochs = 50, LearningRate = 0.05 }) > 0.9);
    }

    [Fact]
    public void A_probe_on_a_trunk_and_data_sets_equals_the_probe_on_their_features()
    {
        Dataset train = Blobs(40, 4, 3, seed: 2), test = Blobs(30, 4, 3, seed: 8);
        Sequential trunk = Trunk.Of(Mlp.Create(new[] { 4, 6, 3 }, Activation.Tanh, seed: 5));
        var options = new LinearProbeOptions { Epochs = 20, LearningRate = 0.05, Seed = 3 };
        double onMatrices = LinearProbe.TestAccuracy(Trunk.Features(trunk, train.Features), train.Labels!,
            Trunk.Features(trunk, test.Features), test.Labels!, 3, options);
        Assert.Equal(onMatrices, LinearProbe.TestAccuracy(trunk, train, test, options));
        Assert.Equal(LinearProbe.TestAccuracy(train.Features, train.Labels!, test.Features, test.Labels!, 3, options),
            LinearProbe.TestAccuracy(train, test, options));
        Assert.True(LinearProbe.TestAccuracy(train, train, options) > 0.9);       // the blobs are linearly separable

        Assert.Equal("test", Assert.Throws<ArgumentException>(() => LinearProbe.TestAccuracy(train, Blobs(10, 4, 2, 1))).ParamName);
        var regression = new Dataset(train.Features, train.Features.Clone());
        Assert.Throws<InvalidOperationException>(() => LinearProbe.TestAccuracy(trunk, regression, test));
    }

    [Fact]
    public void A_masked_copy_leaves_the_original_and_hides_more_of_the_same_values_as_the_fraction_grows()
    {
        var images = new Matrix(20, 30);
        images.Data.AsSpan().Fill(1.0);
        Matrix few = MaskedReconstruction.MaskedCopy(images, 0.2, seed: 6);
        Matrix many = MaskedReconstruction.MaskedCopy(images, 0.6, seed: 6);
        Assert.All(images.Data, v => Assert.Equal(1.0, v));
        Assert.Equal(MaskedReconstruction.MaskedCopy(images, 0.2, seed: 6).Data, few.Data);
        var again = images.Clone();
        MaskedReconstruction.RandomMask(0.2)(again, new Random(6));
        Assert.Equal(again.Data, few.Data);                                       // the training mask, copied
        for (int i = 0; i < few.Length; i++)
            if (few.Data[i] == 0) Assert.Equal(0.0, many.Data[i]);                // nested: every hidden value stays hidden
        Assert.True(many.Data.Count(v => v == 0) > few.Data.Count(v => v == 0));
        Assert.Equal(images.Data, MaskedReconstruction.MaskedCopy(images, 0.0, seed: 6).Data);
        Assert.Equal("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => MaskedReconstruction.MaskedCopy(images, -0.1, 1)).ParamName);
    }

    [Fact]
    public void Random_masking_hides_the_requested_fraction_reproducibly_and_pretext_targets_are_clean_copies()
    {
        var batch = new Matrix(100, 50);
        batch.Data.AsSpan().Fill(1.0);
        Matrix again = batch.Clone();
        MaskedReconstruction.RandomMask(0.3)(batch, new Random(9));
        MaskedReconstruction.RandomMask(0.3)(again, new Random(9));
        Assert.Equal(batch.Data, again.Data);
        double hidden = batch.Data.Count(v => v == 0) / (double)batch.Length;
        Assert.InRange(hidden, 0.27, 0.33);              // 5000 Bernoulli(0.3) draws: sd ≈ 0.0065

        var images = RandomMatrix(4, 6, new Random(2));
        Dataset pretext = MaskedReconstruction.PretextData(images);
        Assert.Equal(images.Data, pretext.RequireTargets().Data);
        MaskedReconstruction.RandomMask(0.5)(pretext.Features, new Random(1));
        Assert.Equal(images.Data, pretext.Features.Data);                        // features are the caller's matrix…
        Assert.NotEqual(pretext.Features.Data, pretext.RequireTargets().Data);   // …targets a separate copy

        Assert.Equal("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => MaskedReconstruction.RandomMask(1.0)).ParamName);
        var bad = new Matrix(1, 2);
        bad[0, 1] = double.NaN;
        Assert.Equal("unlabelled", Assert.ThrowsAny<ArgumentException>(() => MaskedReconstruction.PretextData(bad)).ParamName);
    }

    [Fact]
    public void A_class_split_keeps_and_renumbers_the_chosen_classes()
    {
        var images = RandomMatrix(20, 4, new Random(1));
        int[] labels = Enumerable.Range(0, 20).Select(i => i % 4).ToArray();
        var set = new ImageSet("toy", images, labels, 2, 2, new[] { "a", "b", "c", "d" });
        ImageSet split = ClassSplit.Keep(set, 3, 1);
        Assert.Equal(10, split.Count);
        Assert.Equal(new[] { "d", "b" }, split.ClassNames);
        Assert.All(split.Labels, l => Assert.InRange(l, 0, 1));
        Assert.Equal(images.Row(1).ToArray(), split.Images.Row(0).ToArray());   // file order: row 1 (class b) comes first
        Assert.Equal(1, split.Labels[0]);
        Assert.Equal("classes", Assert.Throws<ArgumentException>(() => ClassSplit.Keep(set, 1, 1)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => ClassSplit.Keep(set, 1, 4)).ParamName);
    }
}
