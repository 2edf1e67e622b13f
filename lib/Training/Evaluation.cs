using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Training;

/// <summary>Loss and (for classification) accuracy of a network on a whole data set.</summary>
public readonly record struct EvaluationResult(double Loss, double Accuracy)
{
    public override string ToString() =>
        double.IsNaN(Accuracy) ? $"loss {Loss:G5}" : $"loss {Loss:G5}, accuracy {Accuracy * 100:F1}%";
}

/// <summary>
/// Evaluates a network on a data set in inference mode (dropout off, the deterministic network the blog evaluates),
/// in chunks so that a 60 000-image set does not need one giant activation matrix. The loss is the mean over all
/// examples: chunk means are combined with weights (chunk size / n).
/// </summary>
public static class Evaluation
{
    public const int DefaultChunkSize = 1024;

    public static EvaluationResult Evaluate(Sequential network, Objective objective, Dataset data,
        int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(data);
        objective.CheckCompatible(data, network.InputWidth, network.OutputWidth, nameof(data));
        int n = data.Count;
        double loss = 0;
        int correct = 0;
        for (int start = 0; start < n; start += chunkSize)
        {
            int rows = Math.Min(chunkSize, n - start);
            Matrix features = rows == n ? data.Features : Slice(data.Features, start, rows);
            Matrix outputs = network.Forward(features, training: false);
            double chunkLoss;
            if (objective.IsClassification)
            {
                ReadOnlySpan<int> labels = data.Labels.AsSpan(start, rows);
                chunkLoss = objective.Compute(outputs, labels, null, null);
                int[] predicted = Probabilities.PredictedClasses(outputs);
                for (int i = 0; i < rows; i++) if (predicted[i] == labels[i]) correct++;
            }
            else
            {
                Matrix targets = rows == n ? data.Targets! : Slice(data.Targets!, start, rows);
                chunkLoss = objective.Compute(outputs, default, targets, null);
            }
            loss += chunkLoss * rows / n;
        }
        return new EvaluationResult(loss, objective.IsClassification ? (double)correct / n : double.NaN);
    }

    /// <summary>The network's logits (or regression outputs) for every example, as a new matrix.</summary>
    public static Matrix Outputs(Sequential network, Matrix features, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(features);
        var result = new Matrix(features.Rows, network.OutputWidth);
        for (int start = 0; start < features.Rows; start += chunkSize)
        {
            int rows = Math.Min(chunkSize, features.Rows - start);
            Matrix outputs = network.Forward(rows == features.Rows ? features : Slice(features, start, rows), training: false);
            outputs.Data.AsSpan().CopyTo(result.Data.AsSpan(start * result.Cols, rows * result.Cols));
        }
        return result;
    }

    /// <summary>Class probabilities softmax(logits) for every example (inference mode).</summary>
    public static Matrix ClassProbabilities(Sequential network, Matrix features) =>
        Probabilities.Softmax(Outputs(network, features));

    /// <summary>
    /// Monte Carlo dropout: the average of softmax(f(x)) over <paramref name="samples"/> forward passes with dropout
    /// ON (each pass, and each example, gets fresh masks from the network's own seeded dropout generators).
    /// As samples grow this approaches the mean prediction of the dropout ensemble; compare it with
    /// <see cref="ClassProbabilities"/> (dropout off, the weight-scaling approximation).
    /// </summary>
    public static Matrix MonteCarloClassProbabilities(Sequential network, Matrix features, int samples)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(features);
        Errors.Guard.Positive(samples, nameof(samples));
        var mean = new Matrix(features.Rows, network.OutputWidth);
        for (int s = 0; s < samples; s++)
        {
            Matrix p = Probabilities.Softmax(network.Forward(features, training: true));
            mean.AddScaledInPlace(1.0 / samples, p);
        }
        return mean;
    }

    /// <summary>
    /// Ensemble prediction (textbook §9.3.2, bagging / different initializations): the mean of the members' outputs,
    /// (1/M) Σ_m f_m(x). For classifiers pass <paramref name="probabilities"/> = true to average softmax probabilities
    /// (the usual way to combine classifiers) instead of raw logits.
    /// </summary>
    public static Matrix EnsembleAverage(IReadOnlyList<Sequential> members, Matrix features, bool probabilities = false)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(features);
        Errors.Guard.NotEmpty(members, nameof(members));
        var mean = new Matrix(features.Rows, members[0].OutputWidth);
        foreach (Sequential member in members)
        {
            if (member.OutputWidth != mean.Cols)
                throw new ArgumentException(
                    $"members must all have the same number of outputs; found {member.OutputWidth} and {mean.Cols}.", nameof(members));
            Matrix output = probabilities ? ClassProbabilities(member, features) : Outputs(member, features);
            mean.AddScaledInPlace(1.0 / members.Count, output);
        }
        return mean;
    }

    private static Matrix Slice(Matrix source, int start, int rows) =>
        new(rows, source.Cols, source.Data.AsSpan(start * source.Cols, rows * source.Cols).ToArray());
}
