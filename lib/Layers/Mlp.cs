using RegularizationLab.Errors;

namespace RegularizationLab.Layers;

/// <summary>
/// Builds the course's multilayer perceptrons from a width list, e.g. {2, 64, 64, 2}:
///   Linear(2→64) → act → [Dropout] → Linear(64→64) → act → [Dropout] → Linear(64→2)
/// (the blog's LinearLayer → NonLinearity → DropoutLayer flow, with no nonlinearity after the output layer).
/// </summary>
public static class Mlp
{
    /// <param name="widths">Input width, hidden widths, output width: at least two entries, all positive.</param>
    /// <param name="activation">The nonlinearity after every hidden linear layer.</param>
    /// <param name="dropout">Drop probability p ∈ [0, 1) after every hidden layer; 0 adds no dropout layers.</param>
    /// <param name="seed">Weights come from new Random(seed), layer by layer; dropout layer i from new Random(seed + 1000 + i).</param>
    /// <param name="init">Initial weights; null picks XavierUniform for tanh and HeNormal for ReLU.</param>
    public static Sequential Create(int[] widths, Activation activation = Activation.Tanh, double dropout = 0.0,
        int seed = 0, Initialization? init = null)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Length < 2)
            throw new ArgumentException(
                $"widths must list at least two sizes (inputs and outputs), e.g. {{2, 64, 64, 2}}; got {widths.Length} ({string.Join(", ", widths)}).",
                nameof(widths));
        for (int i = 0; i < widths.Length; i++)
            if (widths[i] <= 0)
                throw new ArgumentOutOfRangeException(nameof(widths), widths[i], $"widths[{i}] must be a positive integer; got {widths[i]}.");
        Guard.InHalfOpenRange(dropout, 0.0, 1.0, nameof(dropout));
        if (!Enum.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation must be Tanh or Relu; got {activation}.");

        var initialization = init ?? (activation == Activation.Relu ? Initialization.HeNormal : Initialization.XavierUniform);
        var rng = new Random(seed);
        var layers = new List<ILayer>();
        int depth = widths.Length - 1;
        for (int d = 0; d < depth; d++)
        {
            layers.Add(new Linear(widths[d], widths[d + 1], rng, initialization, $"layer{d + 1}"));
            if (d == depth - 1) break;
            layers.Add(activation == Activation.Relu ? new Relu() : new Tanh());
            if (dropout > 0) layers.Add(new Dropout(dropout, new Random(seed + 1000 + d)));
        }
        return new Sequential(layers);
    }
}
