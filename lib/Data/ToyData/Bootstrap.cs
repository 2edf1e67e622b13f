using RegularizationLab.Errors;

namespace RegularizationLab.Data;

/// <summary>
/// One bootstrap resample of a data set: n draws with replacement from n examples (bagging, textbook §9.3.2).
/// <see cref="Counts"/>[i] says how often original example i was drawn (the point size in the textbook's figure 9.7);
/// the examples never drawn form the out-of-bag set, about (1 − 1/n)ⁿ ≈ e⁻¹ ≈ 37% of the data.
/// </summary>
public sealed record BootstrapSample(Dataset Data, int[] Indices, int[] Counts, int[] OutOfBag);

/// <summary>Seeded bootstrap resampling.</summary>
public static class Bootstrap
{
    /// <summary>Draws <paramref name="count"/> indices uniformly from 0 … count−1 with replacement.</summary>
    public static int[] SampleIndices(int count, Random random)
    {
        Guard.Positive(count, nameof(count));
        ArgumentNullException.ThrowIfNull(random);
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = random.Next(count);
        return indices;
    }

    /// <summary>Draws <paramref name="count"/> indices with replacement using a generator seeded with <paramref name="seed"/>.</summary>
    public static int[] SampleIndices(int count, int seed) => SampleIndices(count, new Random(seed));

    /// <summary>One bootstrap resample of <paramref name="data"/>.</summary>
    public static BootstrapSample Resample(Dataset data, Random random)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] indices = SampleIndices(data.Count, random);
        var counts = new int[data.Count];
        foreach (int i in indices) counts[i]++;
        int[] outOfBag = Enumerable.Range(0, data.Count).Where(i => counts[i] == 0).ToArray();
        return new BootstrapSample(data.Subset(indices), indices, counts, outOfBag);
    }

    /// <summary><paramref name="sampleCount"/> independent resamples from one seeded generator (an ensemble's data sets).</summary>
    public static BootstrapSample[] Resamples(Dataset data, int sampleCount, int seed)
    {
        Guard.Positive(sampleCount, nameof(sampleCount));
        var random = new Random(seed);
        var samples = new BootstrapSample[sampleCount];
        for (int s = 0; s < sampleCount; s++) samples[s] = Resample(data, random);
        return samples;
    }
}
