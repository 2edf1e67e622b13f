using RegularizationLab.Errors;

namespace RegularizationLab.Training;

/// <summary>
/// The mini-batch order of every training loop in the course: each epoch shuffles the example indices 0 … n−1 with a
/// seeded random stream (Fisher–Yates, <see cref="Random.Shuffle{T}(T[])"/>) and cuts them into consecutive batches of
/// B = min(batchSize, n) indices, so every example is visited exactly once per epoch. The last batch holds the
/// n mod B leftover examples, unless <c>dropLastPartialBatch</c> skips it. The same seed gives the same batches.
/// </summary>
public sealed class ShuffledBatches
{
    private readonly Random _random;
    private readonly int[] _order;

    /// <summary>Batches of <paramref name="count"/> examples drawn from a new stream seeded with <paramref name="seed"/>.</summary>
    public ShuffledBatches(int count, int batchSize, int seed, bool dropLastPartialBatch = false)
        : this(count, batchSize, new Random(seed), dropLastPartialBatch) { }

    /// <summary>Batches shuffled by <paramref name="random"/>, a stream the caller owns (a trainer that resumes keeps
    /// drawing from the same stream). The order starts as 0 … n−1 and each epoch shuffles the previous epoch's order.</summary>
    public ShuffledBatches(int count, int batchSize, Random random, bool dropLastPartialBatch = false)
    {
        Guard.Positive(count, nameof(count));
        Guard.Positive(batchSize, nameof(batchSize));
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _order = new int[count];
        for (int i = 0; i < count; i++) _order[i] = i;
        BatchSize = Math.Min(batchSize, count);   // larger than the data set = full batch
        FullBatches = count / BatchSize;
        PartialBatchSize = dropLastPartialBatch ? 0 : count % BatchSize;
    }

    /// <summary>B = min(batchSize, n): the size of every batch but a partial last one.</summary>
    public int BatchSize { get; }

    /// <summary>⌊n / B⌋ batches of exactly B examples per epoch.</summary>
    public int FullBatches { get; }

    /// <summary>The size of the last, smaller batch of each epoch (n mod B), or 0 when there is none or it is dropped.</summary>
    public int PartialBatchSize { get; }

    /// <summary>Batches per epoch: the full ones plus the partial one if it is kept.</summary>
    public int BatchesPerEpoch => FullBatches + (PartialBatchSize > 0 ? 1 : 0);

    /// <summary>
    /// Shuffles, then yields the epoch's batches in order as views of the shuffled index array. A view is valid until
    /// the next call (copy it with <c>ToArray()</c> to keep it).
    /// </summary>
    public IEnumerable<ArraySegment<int>> NextEpoch()
    {
        _random.Shuffle(_order);
        return Batches();
    }

    private IEnumerable<ArraySegment<int>> Batches()
    {
        for (int b = 0; b < FullBatches; b++) yield return new ArraySegment<int>(_order, b * BatchSize, BatchSize);
        if (PartialBatchSize > 0) yield return new ArraySegment<int>(_order, FullBatches * BatchSize, PartialBatchSize);
    }
}
