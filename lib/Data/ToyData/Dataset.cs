using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// A data set: one example per row of <see cref="Features"/> (n × d), with either class labels
/// (<see cref="Labels"/>, classification) or real-valued targets (<see cref="Targets"/>, n × m, regression).
/// The constructor checks everything a notebook could get wrong (count mismatch, NaN features, negative labels),
/// so a mistake surfaces where the data is made, not ten cells later inside the trainer.
/// </summary>
public sealed record Dataset
{
    /// <summary>A classification data set. <paramref name="classCount"/> defaults to max(label) + 1.</summary>
    public Dataset(Matrix features, int[] labels, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        CheckFeatures(features);
        if (labels.Length != features.Rows)
            throw new ArgumentException(
                $"labels has {labels.Length} entries, but features has {features.Rows} rows (one per example); they must match.",
                nameof(labels));
        int max = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    $"labels[{i}] = {labels[i]}; a class label must be an integer ≥ 0.");
            max = Math.Max(max, labels[i]);
        }
        int k = classCount ?? max + 1;
        if (k < 2 || k <= max)
            throw new ArgumentOutOfRangeException(nameof(classCount), k,
                $"classCount must be ≥ 2 and larger than the largest label ({max}); got {k}.");
        Features = features;
        Labels = labels;
        ClassCount = k;
    }

    /// <summary>A regression data set with an n × m target matrix.</summary>
    public Dataset(Matrix features, Matrix targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        CheckFeatures(features);
        if (targets.Rows != features.Rows)
            throw new ArgumentException(
                $"targets has {targets.Rows} rows, but features has {features.Rows}; they must match (one row per example).",
                nameof(targets));
        CheckFinite(targets, nameof(targets));
        Features = features;
        Targets = targets;
    }

    public Matrix Features { get; }

    /// <summary>Class labels 0 … ClassCount−1 (null for a regression data set).</summary>
    public int[]? Labels { get; }

    /// <summary>Regression targets, one row per example (null for a classification data set).</summary>
    public Matrix? Targets { get; }

    /// <summary>Number of classes (0 for a regression data set).</summary>
    public int ClassCount { get; }

    public int Count => Features.Rows;
    public int FeatureCount => Features.Cols;
    public bool IsClassification => Labels is not null;

    /// <summary>The labels, or a clear error if this is a regression data set.</summary>
    public int[] RequireLabels() => Labels ?? throw new InvalidOperationException(
        "This data set has regression targets, not class labels; a classification loss or metric needs labels.");

    /// <summary>The targets, or a clear error if this is a classification data set.</summary>
    public Matrix RequireTargets() => Targets ?? throw new InvalidOperationException(
        "This data set has class labels, not regression targets; a regression loss needs targets.");

    /// <summary>The examples at <paramref name="indices"/> (copied, in that order; repeats allowed, as in a bootstrap sample).</summary>
    public Dataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
            throw new ArgumentException("indices must not be empty; a data set needs at least one example.", nameof(indices));
        for (int i = 0; i < indices.Count; i++)
        {
            if ((uint)indices[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i],
                    $"indices[{i}] = {indices[i]} is outside the data set; allowed are 0 … {Count - 1}.");
        }
        Matrix features = CopyRows(Features, indices);
        if (Labels is not null)
        {
            var labels = new int[indices.Count];
            for (int i = 0; i < labels.Length; i++) labels[i] = Labels[indices[i]];
            return new Dataset(features, labels, ClassCount);
        }
        return new Dataset(features, CopyRows(Targets!, indices));
    }

    /// <summary>Copies the given rows of <paramref name="source"/> into a new matrix.</summary>
    public static Matrix CopyRows(Matrix source, IReadOnlyList<int> rows)
    {
        var copy = new Matrix(rows.Count, source.Cols);
        for (int i = 0; i < rows.Count; i++) source.Row(rows[i]).CopyTo(copy.Row(i));
        return copy;
    }

    public override string ToString() => IsClassification
        ? $"Dataset: {Count} examples × {FeatureCount} features, {ClassCount} classes"
        : $"Dataset: {Count} examples × {FeatureCount} features → {Targets!.Cols} targets";

    private static void CheckFeatures(Matrix features) => CheckFinite(features, nameof(features));

    private static void CheckFinite(Matrix m, string name)
    {
        double[] data = m.Data;
        for (int i = 0; i < data.Length; i++)
        {
            if (!double.IsFinite(data[i]))
                throw new ArgumentException(
                    $"{name} must contain only finite numbers; row {i / m.Cols}, column {i % m.Cols} is {data[i]}. " +
                    "Check the data for missing values or a division by zero.", name);
        }
    }
}
