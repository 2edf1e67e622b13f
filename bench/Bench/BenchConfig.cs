namespace RegularizationLab.Bench;

public enum OptimizerKind { Sgd, Adam }

/// <summary>One experiment configuration of the blog seed's appendix table, as a throughput workload.</summary>
public sealed record BenchConfig(
    string Name,
    string Description,
    int[] Widths,
    int BatchSize,
    OptimizerKind Optimizer,
    double Dropout = 0.0,
    double LabelSmoothing = 0.0,
    int TrainSize = 1000,
    bool ShippedImages = false,
    int WarmupEpochs = 0)
{
    /// <summary>PyTorch's script only knows the Gaussian-input workloads; the shipped-image rows are ours alone.</summary>
    public bool HasPyTorchTwin => !ShippedImages;

    /// <summary>
    /// Floating-point operations of one training step: each linear layer costs 2·B·in·out for the forward product,
    /// the same for ∂L/∂W = xᵀδ, and the same again for ∂L/∂x = δWᵀ except in the first layer (no input gradient needed).
    /// Elementwise work (activations, loss, optimizer) is ignored: it is O(B·width), not O(B·width²).
    /// </summary>
    public double FlopsPerStep
    {
        get
        {
            double flops = 0;
            for (int layer = 0; layer + 1 < Widths.Length; layer++)
            {
                double product = 2.0 * BatchSize * Widths[layer] * Widths[layer + 1];
                flops += layer == 0 ? 2 * product : 3 * product;
            }
            return flops;
        }
    }

    public static IReadOnlyList<BenchConfig> SeedExperiments { get; } = new[]
    {
        new BenchConfig("moons-sgd-b32", "two moons 2→64→64→2 tanh, SGD + L2, B = 32",
            new[] { 2, 64, 64, 2 }, 32, OptimizerKind.Sgd, TrainSize: 250),
        new BenchConfig("dropout-adam-b32", "two moons 2→96→96→2 tanh, dropout p = 0.4, Adam, B = 32",
            new[] { 2, 96, 96, 2 }, 32, OptimizerKind.Adam, Dropout: 0.4, TrainSize: 300),
        new BenchConfig("mnist-adam-b8", "MNIST 784→128→10 tanh, Adam, B = 8",
            new[] { 784, 128, 10 }, 8, OptimizerKind.Adam),
        new BenchConfig("mnist-sgd-b32-ls", "MNIST 784→128→10 tanh, SGD, label smoothing 0.1, B = 32",
            new[] { 784, 128, 10 }, 32, OptimizerKind.Sgd, LabelSmoothing: 0.1),
        new BenchConfig("fashion-sgd-b500", "Fashion-MNIST 784→128→128→10 tanh, SGD, B = 500",
            new[] { 784, 128, 128, 10 }, 500, OptimizerKind.Sgd),
        // The same MNIST Adam run on the shipped digits, at its start and after 150 epochs of lecture 09's training: by
        // then the input weights of pixels that are ink in a single digit get only rare, tiny gradients, and their
        // first moments decay into the slow subnormal range unless the kernel flushes them (Optimizers/UpdateRules).
        new BenchConfig("mnist-adam-b8-real", "MNIST 784→128→10 tanh, Adam, B = 8, shipped digits, first steps",
            new[] { 784, 128, 10 }, 8, OptimizerKind.Adam, ShippedImages: true),
        new BenchConfig("mnist-adam-b8-late", "the same after 150 epochs (18 750 steps)",
            new[] { 784, 128, 10 }, 8, OptimizerKind.Adam, ShippedImages: true, WarmupEpochs: 150),
    };
}
