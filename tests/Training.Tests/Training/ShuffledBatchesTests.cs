using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Training;

/// <summary>The one mini-batch iterator behind the Trainer, MixupTraining and AdversarialTraining.</summary>
public class ShuffledBatchesTests
{
    private static List<int[]> Epochs(ShuffledBatches batches, int epochs)
    {
        var all = new List<int[]>();
        for (int e = 0; e < epochs; e++)
            foreach (ArraySegment<int> batch in batches.NextEpoch()) all.Add(batch.ToArray());
        return all;
    }

    [Theory]
    [InlineData(10, 3, false)]
    [InlineData(10, 5, false)]
    [InlineData(7, 50, false)]
    [InlineData(1, 1, false)]
    public void Every_epoch_visits_every_example_exactly_once(int count, int batchSize, bool dropLast)
    {
        var batches = new ShuffledBatches(count, batchSize, seed: 11, dropLast);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            int[][] epochBatches = batches.NextEpoch().Select(b => b.ToArray()).ToArray();
            Assert.Equal(batches.BatchesPerEpoch, epochBatches.Length);
            Assert.All(epochBatches.SkipLast(1), b => Assert.Equal(Math.Min(batchSize, count), b.Length));
            Assert.Equal(Enumerable.Range(0, count), epochBatches.SelectMany(b => b).Order());
        }
    }

    [Fact]
    public void Dropping_the_partial_batch_leaves_out_the_leftover_examples_only()
    {
        var batches = new ShuffledBatches(10, 3, seed: 5, dropLastPartialBatch: true);
        int[][] epoch = batches.NextEpoch().Select(b => b.ToArray()).ToArray();
        Assert.Equal(3, epoch.Length);
        Assert.All(epoch, b => Assert.Equal(3, b.Length));
        Assert.Equal(9, epoch.SelectMany(b => b).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_batches_and_another_seed_other_ones()
    {
        List<int[]> first = Epochs(new ShuffledBatches(50, 8, seed: 3), epochs: 3);
        List<int[]> again = Epochs(new ShuffledBatches(50, 8, seed: 3), epochs: 3);
        List<int[]> other = Epochs(new ShuffledBatches(50, 8, seed: 4), epochs: 3);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        // A fresh shuffle every epoch: the second epoch is not the first one repeated.
        Assert.NotEqual(first.Take(7).SelectMany(b => b), first.Skip(7).Take(7).SelectMany(b => b));
    }

    [Fact]
    public void It_draws_the_order_that_a_seeded_Fisher_Yates_shuffle_of_the_previous_order_gives()
    {
        // The reference the trainers used before sharing this iterator: one order array, shuffled in place per epoch.
        var random = new Random(21);
        int[] order = Enumerable.Range(0, 13).ToArray();
        var batches = new ShuffledBatches(13, 4, seed: 21);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            random.Shuffle(order);
            Assert.Equal(order, batches.NextEpoch().SelectMany(b => b));
        }
    }

    [Fact]
    public void Bad_sizes_are_rejected_by_name()
    {
        Assert.Equal("batchSize", Assert.ThrowsAny<ArgumentException>(() => new ShuffledBatches(10, 0, seed: 1)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => new ShuffledBatches(0, 4, seed: 1)).ParamName);
        Assert.Equal("random", Assert.ThrowsAny<ArgumentException>(() => new ShuffledBatches(10, 4, null!)).ParamName);
    }
}
