using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;

namespace RegularizationLab.Transfer;

/// <summary>How <see cref="MultiTaskTraining"/> runs.</summary>
public sealed record MultiTaskOptions
{
    /// <summary>α, the weight of task 1's loss (≥ 0).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>β, the weight of task 2's loss (≥ 0).</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>Optimizer steps; each step uses one batch of each task.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Examples per batch, per task.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of both tasks' batch orders.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// Trains a <see cref="TwoHeadedNetwork"/> on the weighted loss of the DL4DS slides,
///     L_total = α·L₁ + β·L₂,
/// with L₁, L₂ the mean cross-entropies of a batch of task 1's data and a batch of task 2's data. The two tasks may
/// have different inputs and different numbers of examples (each data set is cycled in its own seeded random order),
/// so a task with few labels can share a trunk with a task with many. The gradient is
///     ∂L/∂head₁ = α·∂L₁/∂head₁,  ∂L/∂head₂ = β·∂L₂/∂head₂,  ∂L/∂trunk = α·∂L₁/∂trunk + β·∂L₂/∂trunk.
/// </summary>
public static class MultiTaskTraining
{
    /// <summary>Trains in place; returns the mean L_total of the last 100 steps (or of all, if fewer).</summary>
    public static double Train(TwoHeadedNetwork network, IOptimizer optimizer, Dataset firstTask, Dataset secondTask,
        MultiTaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new MultiTaskOptions();
        Check(network, firstTask, secondTask, options);
        var firstBatches = new BatchCycler(firstTask, options.BatchSize, new Random(options.Seed));
        var secondBatches = new BatchCycler(secondTask, options.BatchSize, new Random(unchecked(options.Seed * 31 + 7)));
        var saved = network.SharedTrunk.Parameters.Select(p => new Matrix(p.Value.Rows, p.Value.Cols)).ToArray();
        var recent = new Queue<double>();
        double sum = 0;
        for (int step = 1; step <= options.Steps; step++)
        {
            var (x1, y1) = firstBatches.Next();
            var (x2, y2) = secondBatches.Next();
            double loss = LossAndGradients(network, x1, y1, x2, y2, options.Alpha, options.Beta, saved);
            if (!double.IsFinite(loss))
                throw new InvalidOperationException(
                    $"Multi-task training diverged at step {step} (loss {loss}); lower the learning rate or the weights α, β.");
            optimizer.Step(network.Parameters);
            recent.Enqueue(loss);
            sum += loss;
            if (recent.Count > 100) sum -= recent.Dequeue();
        }
        return sum / recent.Count;
    }

    /// <summary>
    /// L_total = α·L₁(x1, y1) + β·L₂(x2, y2) for one batch of each task, and its gradient in every parameter's
    /// <see cref="Parameter.Gradient"/> (the trunk's holds the sum of both tasks' contributions).
    /// </summary>
    public static double LossAndGradients(TwoHeadedNetwork network, Matrix x1, int[] y1, Matrix x2, int[] y2,
        double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(network);
        var saved = network.SharedTrunk.Parameters.Select(p => new Matrix(p.Value.Rows, p.Value.Cols)).ToArray();
        return LossAndGradients(network, x1, y1, x2, y2, alpha, beta, saved);
    }

    /// <summary>As above, with <paramref name="saved"/> (one matrix per trunk parameter) reused between steps.</summary>
    private static double LossAndGradients(TwoHeadedNetwork network, Matrix x1, int[] y1, Matrix x2, int[] y2,
        double alpha, double beta, Matrix[] saved)
    {
        CheckWeights(alpha, beta);
        var crossEntropy = new SoftmaxCrossEntropy();
        IReadOnlyList<Parameter> trunk = network.SharedTrunk.Parameters;

        double first = TaskLossAndBackward(network.FirstTask, crossEntropy, x1, y1, alpha);
        for (int i = 0; i < trunk.Count; i++) saved[i].CopyFrom(trunk[i].Gradient);   // task 2's backward overwrites them
        double second = TaskLossAndBackward(network.SecondTask, crossEntropy, x2, y2, beta);
        for (int i = 0; i < trunk.Count; i++) VectorMath.Axpy(1.0, saved[i].Data, trunk[i].Gradient.Data);
        return alpha * first + beta * second;
    }

    /// <summary>Mean cross-entropy of one task's batch; back-propagates weight·∂L/∂outputs.</summary>
    private static double TaskLossAndBackward(Sequential task, SoftmaxCrossEntropy crossEntropy, Matrix x, int[] y,
        double weight)
    {
        Matrix logits = task.Forward(x, training: true);
        var gradient = new Matrix(logits.Rows, logits.Cols);
        double loss = crossEntropy.Compute(logits, y, gradient);
        gradient.ScaleInPlace(weight);
        task.BackwardParametersOnly(gradient);
        return loss;
    }

    private static void CheckWeights(double alpha, double beta)
    {
        Guard.Finite(alpha, nameof(alpha));
        Guard.Finite(beta, nameof(beta));
        Guard.NonNegative(alpha, nameof(alpha));
        Guard.NonNegative(beta, nameof(beta));
        if (alpha + beta == 0)
            throw new ArgumentException("alpha and beta are both 0: the total loss would be constant; give at least one task a weight.",
                nameof(alpha));
    }

    private static void Check(TwoHeadedNetwork network, Dataset? first, Dataset? second, MultiTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(first, "firstTask");
        ArgumentNullException.ThrowIfNull(second, "secondTask");
        CheckWeights(options.Alpha, options.Beta);
        Guard.Positive(options.Steps, nameof(options.Steps));
        Guard.Positive(options.BatchSize, nameof(options.BatchSize));
        CheckTask(network.FirstTask, first, "firstTask");
        CheckTask(network.SecondTask, second, "secondTask");
    }

    private static void CheckTask(Sequential task, Dataset data, string name)
    {
        data.RequireLabels();
        if (data.FeatureCount != task.InputWidth)
            throw new ArgumentException($"{name} has {data.FeatureCount} features but the trunk expects {task.InputWidth}.", name);
        if (data.ClassCount > task.OutputWidth)
            throw new ArgumentException($"{name} has {data.ClassCount} classes but its head has {task.OutputWidth} outputs.", name);
    }

    /// <summary>Endless mini-batches of one data set: a fresh seeded random order every pass.</summary>
    private sealed class BatchCycler(Dataset data, int batchSize, Random random)
    {
        private readonly int[] _order = Enumerable.Range(0, data.Count).ToArray();
        private readonly int _size = Math.Min(batchSize, data.Count);
        private int _position = data.Count;      // the first call shuffles
        private readonly Matrix _x = new(Math.Min(batchSize, data.Count), data.FeatureCount);
        private readonly int[] _y = new int[Math.Min(batchSize, data.Count)];

        /// <summary>The next batch, in buffers that the following call overwrites.</summary>
        public (Matrix X, int[] Y) Next()
        {
            if (_position + _size > _order.Length)
            {
                random.Shuffle(_order);
                _position = 0;
            }
            for (int i = 0; i < _size; i++)
            {
                int example = _order[_position + i];
                data.Features.Row(example).CopyTo(_x.Row(i));
                _y[i] = data.Labels![example];
            }
            _position += _size;
            return (_x, _y);
        }
    }
}
