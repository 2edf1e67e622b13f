using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>
/// Independent copies of every parameter value of a network at one moment: for early stopping (restore the best
/// checkpoint), weight trajectories, and spectral analysis of ΔW.
/// </summary>
public sealed class ParameterSnapshot
{
    private readonly Dictionary<string, Matrix> _byName;

    public ParameterSnapshot(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Names = parameters.Select(p => p.Name).ToArray();
        Values = parameters.Select(p => p.Value.Clone()).ToArray();
        _byName = new Dictionary<string, Matrix>();
        for (int i = 0; i < Names.Count; i++) _byName.TryAdd(Names[i], Values[i]);
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<Matrix> Values { get; }

    /// <summary>The saved value of the parameter called <paramref name="name"/>, e.g. "layer2.W".</summary>
    public Matrix this[string name] =>
        _byName.TryGetValue(name, out var m)
            ? m
            : throw new KeyNotFoundException($"No parameter called \"{name}\" in this snapshot; it has {string.Join(", ", Names)}.");

    /// <summary>All values concatenated in parameter order (row-major within each).</summary>
    public double[] Flatten()
    {
        var flat = new double[Values.Sum(v => v.Length)];
        int offset = 0;
        foreach (var v in Values)
        {
            v.Data.CopyTo(flat, offset);
            offset += v.Length;
        }
        return flat;
    }
}
