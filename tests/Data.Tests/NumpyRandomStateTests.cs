namespace RegularizationLab.Data.Tests;

/// <summary>Known outputs of numpy's legacy RandomState(42) (values printed by numpy itself in countless tutorials).</summary>
public class NumpyRandomStateTests
{
    [Fact]
    public void RandMatchesNumpy()
    {
        var rng = new NumpyRandomState(42);
        // np.random.seed(42); np.random.rand(3)
        Assert.Equal(0.3745401188473625, rng.RandomSample(), 15);
        Assert.Equal(0.9507143064099162, rng.RandomSample(), 15);
        Assert.Equal(0.7319939418114051, rng.RandomSample(), 15);
    }

    [Fact]
    public void RandnMatchesNumpyIncludingTheCachedSecondValue()
    {
        var rng = new NumpyRandomState(42);
        // np.random.seed(42); np.random.randn(3)
        Assert.Equal(0.4967141530112327, rng.StandardNormal(), 14);
        Assert.Equal(-0.13826430117118466, rng.StandardNormal(), 14);
        Assert.Equal(0.6476885381006925, rng.StandardNormal(), 14);
    }

    [Fact]
    public void PermutationMatchesNumpy()
    {
        // np.random.seed(42); np.random.permutation(10)
        Assert.Equal([8, 1, 5, 0, 7, 2, 9, 4, 3, 6], new NumpyRandomState(42).Permutation(10));
    }

    [Fact]
    public void RandIntMatchesNumpy()
    {
        // np.random.seed(42); np.random.randint(0, 10, size=5)
        var rng = new NumpyRandomState(42);
        Assert.Equal([6, 3, 7, 4, 6], Enumerable.Range(0, 5).Select(_ => rng.RandInt(0, 10)).ToArray());
    }

    [Fact]
    public void ReseedingRestartsTheStreamAndClearsTheCachedGaussian()
    {
        var rng = new NumpyRandomState(7);
        double first = rng.StandardNormal();
        rng.Seed(7);
        Assert.Equal(first, rng.StandardNormal());
    }

    [Fact]
    public void IntervalStaysInRange()
    {
        var rng = new NumpyRandomState(1);
        var seen = new HashSet<uint>();
        for (int i = 0; i < 2000; i++)
        {
            uint v = rng.Interval(47);
            Assert.InRange(v, 0u, 47u);
            seen.Add(v);
        }
        Assert.Equal(48, seen.Count);
    }
}
