using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Optimizers;
using RegularizationLab.Training;

namespace RegularizationLab.Data.Tests;

/// <summary>
/// The data are learnable the way the literature says. Shortened runs (a few seconds each) with loose, honest lower
/// bounds. Full-length runs (reported in the issue note): MNIST-1D MLP ≈ 70% after 8,000
/// Adam steps (authors: ~68%), MNIST-1000 tanh MLP ≈ 89%.
/// </summary>
public class TrainingOnShippedDataTests
{
    [Fact]
    public void ReluMlpOnMnist1DReachesTheAuthorsMlpRange()
    {
        // The MNIST-1D authors' setting: Adam, learning rate 1e-2, batch 100, cross-entropy; 40 → 200 → 200 → 10 ReLU.
        Mnist1DDataset d = Mnist1D.Generate();
        var net = Mlp.Create([40, 200, 200, 10], Activation.Relu, seed: 0, init: Initialization.UniformFanIn);
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(1e-2),
            new TrainerOptions { Epochs = 40, BatchSize = 100, Seed = 0, EvaluationInterval = 1000 });
        History h = trainer.Train(d.Train, test: d.Test);
        double accuracy = h.TestAccuracy[^1];
        // Chance is 10%, a linear model ~32%, a CNN ~94%; an MLP sits near 68%. 2,000 steps get it to the mid-60s.
        Assert.InRange(accuracy, 0.60, 0.80);
        Assert.True(h.TrainAccuracy[^1] > 0.9, $"train accuracy {h.TrainAccuracy[^1]:P1}: the MLP should nearly memorize 4,000 signals.");
    }

    [Fact]
    public void TanhMlpOnAThousandMnistImagesGeneralizesPlausibly()
    {
        // The blog seed's label-smoothing setting without smoothing: 784 → 128 → 10 tanh, SGD(0.15, 1, 5e3), batch 32.
        ImageData data = CourseData.LoadMnist(RepositoryPaths.DataRoot, trainCount: 1000);
        var net = Mlp.Create([784, 128, 10], Activation.Tanh, seed: 0);
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), Sgd.LikeTheBlog(0.15, 1, 5e3),
            new TrainerOptions { Epochs = 25, BatchSize = 32, Seed = 0, EvaluationInterval = 1000 });
        History h = trainer.Train(data.Train.ToDataset(), test: data.Test.ToDataset());
        Assert.InRange(h.TestAccuracy[^1], 0.85, 0.95);   // 1,000 images: high 80s, well short of full-MNIST 98%
        Assert.True(h.TrainAccuracy[^1] > 0.99);
    }
}
