using RegularizationLab.Layers;

namespace RegularizationLab.Optimizers;

/// <summary>
/// Freezes part of a network: wraps an optimizer and never passes it the frozen parameters, so their values stay
/// exactly what they were (the "freeze the rest of the layers and train the final layers" option of the DL4DS slides
/// on transfer learning). Backpropagation still runs through the frozen layers; only their update is skipped.
/// <code>var optimizer = new FreezingOptimizer(new Adam(1e-3), frozen: trunkLayersParameters);</code>
/// </summary>
public sealed class FreezingOptimizer : IOptimizer
{
    private readonly HashSet<Parameter> _frozen;
    private List<Parameter>? _trainable;
    private IReadOnlyList<Parameter>? _lastInput;

    public FreezingOptimizer(IOptimizer inner, IEnumerable<Parameter> frozen)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(frozen);
        Inner = inner;
        _frozen = new HashSet<Parameter>();     // Parameter has reference equality: the tensors themselves
        foreach (var p in frozen)
            _frozen.Add(p ?? throw new ArgumentException("frozen contains a null parameter.", nameof(frozen)));
        if (_frozen.Count == 0)
            throw new ArgumentException("frozen is empty: there is nothing to freeze; use the inner optimizer directly.", nameof(frozen));
    }

    /// <summary>The optimizer that updates the trainable parameters.</summary>
    public IOptimizer Inner { get; }

    /// <summary>How many parameter tensors are frozen.</summary>
    public int FrozenCount => _frozen.Count;

    public int StepCount => Inner.StepCount;
    public double CurrentLearningRate => Inner.CurrentLearningRate;

    /// <summary>One step of the inner optimizer on the parameters that are not frozen.</summary>
    public void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!ReferenceEquals(parameters, _lastInput))
        {
            _trainable = parameters.Where(p => !_frozen.Contains(p)).ToList();
            _lastInput = parameters;
        }
        Inner.Step(_trainable!);
    }

    public void Reset() => Inner.Reset();
}
