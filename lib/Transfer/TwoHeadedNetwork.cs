using RegularizationLab.Errors;
using RegularizationLab.Layers;

namespace RegularizationLab.Transfer;

/// <summary>
/// Multi-task learning's network (Prince, fig. 9.12b; the DL4DS slides): one shared trunk and one output layer ("head")
/// per task. Task 1's prediction is head₁(trunk(x)), task 2's is head₂(trunk(x)); the trunk's weights receive the
/// gradients of both tasks, each head only those of its own task.
/// </summary>
public sealed class TwoHeadedNetwork
{
    /// <param name="trunk">The shared layers (e.g. <c>Trunk.Of(Mlp.Create(...))</c>); used as given, not copied.</param>
    /// <param name="firstOutputs">Outputs of task 1's head (its number of classes).</param>
    /// <param name="secondOutputs">Outputs of task 2's head.</param>
    /// <param name="seed">Heads' initialization: head 1 from new Random(seed), head 2 from new Random(seed + 1).</param>
    public TwoHeadedNetwork(Sequential trunk, int firstOutputs, int secondOutputs, int seed)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        int width = Trunk.Width(trunk);
        Guard.Positive(firstOutputs, nameof(firstOutputs));
        Guard.Positive(secondOutputs, nameof(secondOutputs));
        SharedTrunk = trunk;
        FirstHead = new Linear(width, firstOutputs, new Random(seed), Initialization.XavierUniform, "head1");
        SecondHead = new Linear(width, secondOutputs, new Random(seed + 1), Initialization.XavierUniform, "head2");
        FirstTask = new Sequential(trunk.Layers.Append(FirstHead));
        SecondTask = new Sequential(trunk.Layers.Append(SecondHead));
        Parameters = trunk.Parameters.Concat(FirstHead.Parameters).Concat(SecondHead.Parameters).ToArray();
    }

    public Sequential SharedTrunk { get; }
    public Linear FirstHead { get; }
    public Linear SecondHead { get; }

    /// <summary>trunk → head₁, sharing the trunk's layer objects (train or evaluate it like any network).</summary>
    public Sequential FirstTask { get; }

    /// <summary>trunk → head₂, sharing the same trunk.</summary>
    public Sequential SecondTask { get; }

    /// <summary>Every trainable tensor once: the trunk's, then head 1's, then head 2's.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The network for task 1 or 2.</summary>
    public Sequential ForTask(int task) => task switch
    {
        1 => FirstTask,
        2 => SecondTask,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, $"task must be 1 or 2; got {task}."),
    };

    public override string ToString() => $"{SharedTrunk} → {{ {FirstHead} | {SecondHead} }}";
}
