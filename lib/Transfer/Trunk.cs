using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Transfer;

/// <summary>
/// The "body" of a network without its output layer, and what transfer learning does with it (Prince, §9.3.6):
/// remove the last layer of a network trained on a secondary task and put a new output layer for the primary task
/// on top. <see cref="Of"/> copies the trunk; <see cref="WithNewHead"/> builds the primary-task network.
/// </summary>
public static class Trunk
{
    /// <summary>
    /// A deep copy of every layer of <paramref name="network"/> before its last linear layer (the head), e.g.
    /// Linear(784 → 128) → Tanh of a 784 → 128 → 10 network. Later training of either network leaves the other alone.
    /// </summary>
    public static Sequential Of(Sequential network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.LinearLayers.Count < 2)
            throw new ArgumentException(
                $"network has {network.LinearLayers.Count} linear layer(s); a trunk needs at least two (a body and a head). Got {network}.",
                nameof(network));
        Sequential copy = network.Clone();
        int head = LastLinearIndex(copy);
        return new Sequential(copy.Layers.Take(head));
    }

    /// <summary>
    /// A new network: a deep copy of <paramref name="trunk"/> followed by a fresh Linear(trunk width → <paramref name="outputs"/>)
    /// named "head", initialized from new Random(<paramref name="seed"/>) with Xavier-uniform weights and zero bias.
    /// </summary>
    public static Sequential WithNewHead(Sequential trunk, int outputs, int seed)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        int width = Width(trunk);
        if (outputs < 1)
            throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"outputs must be at least 1; got {outputs}.");
        var head = new Linear(width, outputs, new Random(seed), Initialization.XavierUniform, "head");
        return new Sequential(trunk.Clone().Layers.Append(head));
    }

    /// <summary>The trunk's output for every row of <paramref name="inputs"/> (inference mode): the features a
    /// linear probe or a new head sees.</summary>
    public static Matrix Features(Sequential trunk, Matrix inputs)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentNullException.ThrowIfNull(inputs);
        Width(trunk);
        return Training.Evaluation.Outputs(trunk, inputs);
    }

    /// <summary>Number of features the trunk outputs: the width of its last linear layer.</summary>
    public static int Width(Sequential trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        if (trunk.LinearLayers.Count == 0)
            throw new ArgumentException($"trunk has no linear layer, so its output width is unknown; got {trunk}.", nameof(trunk));
        if (trunk.Layers[^1] is Linear)
            throw new ArgumentException(
                $"trunk ends with a linear layer ({trunk.Layers[^1]}); pass a trunk from Trunk.Of, which removes the head.",
                nameof(trunk));
        return trunk.OutputWidth;
    }

    private static int LastLinearIndex(Sequential network)
    {
        for (int i = network.Layers.Count - 1; i >= 0; i--)
            if (network.Layers[i] is Linear) return i;
        return -1;
    }
}
