using RegularizationLab.Errors;
using RegularizationLab.Layers;

namespace RegularizationLab.Ensembles;

/// <summary>
/// Averaging networks in weight space (not in output space): θ = Σ_m w_m θ⁽ᵐ⁾ with Σ w_m = 1. Along one training run
/// this is stochastic weight averaging (Izmailov et al. 2018); between independently trained networks it usually
/// fails, because their hidden units are matched up in arbitrary orders (permutation symmetry; Frankle et al. 2020).
/// </summary>
public static class WeightAveraging
{
    /// <summary>Sets every parameter of <paramref name="network"/> to the plain average of the snapshots'.</summary>
    public static void SetToAverage(Sequential network, IReadOnlyList<ParameterSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        Guard.NotEmpty(snapshots, nameof(snapshots));
        SetToWeightedSum(network, snapshots, Enumerable.Repeat(1.0 / snapshots.Count, snapshots.Count).ToArray());
    }

    /// <summary>θ = (1 − α) θ_a + α θ_b: the straight line from network a (α = 0) to network b (α = 1).</summary>
    public static void SetToInterpolation(Sequential network, ParameterSnapshot a, ParameterSnapshot b, double alpha)
    {
        Guard.Finite(alpha, nameof(alpha));
        SetToWeightedSum(network, new[] { a, b }, new[] { 1 - alpha, alpha });
    }

    /// <summary>
    /// Reorders the hidden units after linear layer <paramref name="linearLayer"/> (0-based among the network's Linear
    /// layers): unit j of the result is unit permutation[j] of the original. Its incoming weights (columns of W and b)
    /// and its outgoing weights (rows of the next layer's W) move together, so the network computes exactly the same
    /// function with different parameters: the permutation symmetry that breaks weight averaging.
    /// </summary>
    public static void PermuteHiddenUnits(Sequential network, int linearLayer, int[] permutation)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(permutation);
        if (linearLayer < 0 || linearLayer >= network.LinearLayers.Count - 1)
            throw new ArgumentOutOfRangeException(nameof(linearLayer), linearLayer,
                $"linearLayer must name a hidden layer, 0 … {network.LinearLayers.Count - 2}; got {linearLayer}.");
        Linear into = network.LinearLayers[linearLayer], outOf = network.LinearLayers[linearLayer + 1];
        int units = into.Outputs;
        if (permutation.Length != units || permutation.Distinct().Count() != units || permutation.Any(j => j < 0 || j >= units))
            throw new ArgumentException(
                $"permutation must list each of the {units} hidden units 0 … {units - 1} exactly once; got [{string.Join(", ", permutation)}].",
                nameof(permutation));
        var w = into.Weight.Value.Clone();
        var bias = into.Bias.Value.Clone();
        var next = outOf.Weight.Value.Clone();
        for (int j = 0; j < units; j++)
        {
            for (int i = 0; i < into.Inputs; i++) into.Weight.Value[i, j] = w[i, permutation[j]];
            into.Bias.Value[0, j] = bias[0, permutation[j]];
            next.Row(permutation[j]).CopyTo(outOf.Weight.Value.Row(j));
        }
    }

    private static void SetToWeightedSum(Sequential network, IReadOnlyList<ParameterSnapshot> snapshots, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(network);
        for (int s = 0; s < snapshots.Count; s++)
        {
            ArgumentNullException.ThrowIfNull(snapshots[s], $"{nameof(snapshots)}[{s}]");
            if (!snapshots[s].Names.SequenceEqual(network.Parameters.Select(p => p.Name)))
                throw new ArgumentException(
                    $"snapshots[{s}] holds parameters [{string.Join(", ", snapshots[s].Names)}] but the network has " +
                    $"[{string.Join(", ", network.Parameters.Select(p => p.Name))}]; average snapshots of networks with the same layers.",
                    nameof(snapshots));
        }
        for (int i = 0; i < network.Parameters.Count; i++)
        {
            Span<double> value = network.Parameters[i].Value.Data;
            for (int s = 0; s < snapshots.Count; s++)
                Guard.SameShape(snapshots[s].Values[i], network.Parameters[i].Value, $"snapshots[{s}].{snapshots[s].Names[i]}", network.Parameters[i].Name);
            value.Clear();
            for (int s = 0; s < snapshots.Count; s++)
            {
                ReadOnlySpan<double> source = snapshots[s].Values[i].Data;
                for (int j = 0; j < value.Length; j++) value[j] += weights[s] * source[j];
            }
        }
    }
}
