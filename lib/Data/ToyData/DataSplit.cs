using RegularizationLab.Errors;

namespace RegularizationLab.Data;

/// <summary>Which examples (row indices of the original data set) went into each part of a split.</summary>
public sealed record SplitIndices(int[] Train, int[] Validation, int[] Test);

/// <summary>A train / validation / test split. Validation or Test is null when its fraction was 0.</summary>
public sealed record DataSplits(Dataset Train, Dataset? Validation, Dataset? Test, SplitIndices Indices)
{
    public override string ToString() =>
        $"train {Train.Count}, validation {Validation?.Count ?? 0}, test {Test?.Count ?? 0}";
}

/// <summary>
/// Seeded random splits into disjoint train, validation and test parts that together hold every example once.
/// Sizes are rounded: |validation| = round(f_val · n), |test| = round(f_test · n), train gets the rest.
/// The stratified version rounds per class, so every part keeps (almost exactly) the class proportions of the
/// whole set; this matters for small sets such as 250 moons with 10% flipped labels.
/// </summary>
public static class DataSplit
{
    /// <summary>Splits <paramref name="data"/>; <paramref name="stratified"/> requires class labels.</summary>
    public static DataSplits Split(Dataset data, double validationFraction, double testFraction, int seed,
        bool stratified = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        SplitIndices indices = stratified
            ? StratifiedIndices(data.RequireLabels(), validationFraction, testFraction, seed)
            : Indices(data.Count, validationFraction, testFraction, seed);
        return new DataSplits(
            data.Subset(indices.Train),
            indices.Validation.Length == 0 ? null : data.Subset(indices.Validation),
            indices.Test.Length == 0 ? null : data.Subset(indices.Test),
            indices);
    }

    /// <summary>Random disjoint index sets covering 0 … count−1.</summary>
    public static SplitIndices Indices(int count, double validationFraction, double testFraction, int seed)
    {
        Guard.Positive(count, nameof(count));
        CheckFractions(validationFraction, testFraction);
        var random = new Random(seed);
        int[] order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        int validation = (int)Math.Round(validationFraction * count);
        int test = (int)Math.Round(testFraction * count);
        CheckTrainNotEmpty(count - validation - test, count);
        return new SplitIndices(order[(validation + test)..], order[..validation], order[validation..(validation + test)]);
    }

    /// <summary>Random disjoint index sets that keep the class proportions of <paramref name="labels"/>.</summary>
    public static SplitIndices StratifiedIndices(IReadOnlyList<int> labels, double validationFraction,
        double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Guard.NotEmpty(labels, nameof(labels));
        CheckFractions(validationFraction, testFraction);
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            int[] members = group.ToArray();
            random.Shuffle(members);
            int v = (int)Math.Round(validationFraction * members.Length);
            int t = (int)Math.Round(testFraction * members.Length);
            if (v + t > members.Length) t = members.Length - v;
            validation.AddRange(members[..v]);
            test.AddRange(members[v..(v + t)]);
            train.AddRange(members[(v + t)..]);
        }
        CheckTrainNotEmpty(train.Count, labels.Count);
        // Mix the classes again so that the parts are not sorted by label.
        int[] trainArray = train.ToArray(), validationArray = validation.ToArray(), testArray = test.ToArray();
        random.Shuffle(trainArray);
        random.Shuffle(validationArray);
        random.Shuffle(testArray);
        return new SplitIndices(trainArray, validationArray, testArray);
    }

    private static void CheckFractions(double validationFraction, double testFraction)
    {
        Guard.InHalfOpenRange(validationFraction, 0, 1, nameof(validationFraction));
        Guard.InHalfOpenRange(testFraction, 0, 1, nameof(testFraction));
        if (validationFraction + testFraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                $"validationFraction + testFraction must be < 1 so that training data remain; got {validationFraction} + {testFraction}.");
    }

    private static void CheckTrainNotEmpty(int trainCount, int count)
    {
        if (trainCount < 1)
            throw new ArgumentException(
                $"The split leaves no training examples out of {count}; use smaller validation/test fractions.");
    }
}
