namespace RegularizationLab.Data.Tests;

/// <summary>Properties of the generator that hold for any settings (the exact match is in Mnist1DReferenceTests).</summary>
public class Mnist1DTests
{
    [Fact]
    public void DefaultShapesAndNormalization()
    {
        Mnist1DDataset d = Mnist1D.Generate();
        Assert.Equal((4000, 40), (d.X.Rows, d.X.Cols));
        Assert.Equal((1000, 40), (d.XTest.Rows, d.XTest.Cols));
        Assert.Equal(40, d.T.Length);
        double[] all = d.X.Data.Concat(d.XTest.Data).ToArray();
        double mean = all.Average();
        Assert.Equal(0.0, mean, 10);
        Assert.Equal(1.0, Math.Sqrt(all.Select(v => (v - mean) * (v - mean)).Average()), 10);
        int[] counts = new int[10];
        foreach (int y in d.Y.Concat(d.YTest)) counts[y]++;
        Assert.All(counts, c => Assert.Equal(500, c));
        Assert.Equal(4000, d.Train.Count);
        Assert.Equal(10, d.Test.ClassCount);
    }

    [Fact]
    public void SameSeedSameData_OtherSeedOtherData()
    {
        var options = new Mnist1DOptions { SampleCount = 200, Seed = 5 };
        Mnist1DDataset a = Mnist1D.Generate(options);
        Mnist1DDataset b = Mnist1D.Generate(options);
        Mnist1DDataset c = Mnist1D.Generate(options with { Seed = 6 });
        Assert.Equal(a.X.Data, b.X.Data);
        Assert.Equal(a.Y, b.Y);
        Assert.NotEqual(a.X.Data, c.X.Data);
        Assert.Equal((160, 40), (a.X.Rows, a.X.Cols));
    }

    [Fact]
    public void ShuffledSequencesAreAPermutationOfTheUnshuffledOnes()
    {
        var options = new Mnist1DOptions { SampleCount = 100, Seed = 3 };
        Mnist1DDataset plain = Mnist1D.Generate(options);
        Mnist1DDataset shuffled = Mnist1D.Generate(options with { ShuffleSequence = true });
        Assert.Equal(plain.Y, shuffled.Y);
        // The normalization sums the values in another order, so equal means equal up to rounding.
        double[] sortedPlain = plain.X.Row(0).ToArray().Order().ToArray();
        double[] sortedShuffled = shuffled.X.Row(0).ToArray().Order().ToArray();
        for (int i = 0; i < sortedPlain.Length; i++) Assert.Equal(sortedPlain[i], sortedShuffled[i], 12);
        Assert.NotEqual(plain.X.Row(0).ToArray(), shuffled.X.Row(0).ToArray());
    }

    [Fact]
    public void TemplatesStartAndEndAtZero()
    {
        Mnist1DTemplates t = Mnist1D.Templates();
        Assert.Equal((10, 12), (t.X.Rows, t.X.Cols));
        for (int d = 0; d < 10; d++)
        {
            Assert.Equal(0.0, t.X[d, 0]);
            Assert.Equal(0.0, t.X[d, 11], 12);
        }
    }

    [Fact]
    public void BadOptionsAreRejectedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist1D.Generate(new Mnist1DOptions { TrainFraction = 1.5 }));
        Assert.Equal("TrainFraction", e.ParamName);
        Assert.Contains("1.5", e.Message);
    }
}
