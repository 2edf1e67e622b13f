using System.Security.Cryptography;

namespace RegularizationLab.Data.Tests;

/// <summary>The shipped MNIST and Fashion-MNIST subsets have the documented counts, shapes, balance and checksums.</summary>
public class ShippedDataTests
{
    private static readonly Lazy<ImageData> Mnist = new(() => CourseData.LoadMnist(RepositoryPaths.DataRoot));
    private static readonly Lazy<ImageData> Fashion = new(() => CourseData.LoadFashionMnist(RepositoryPaths.DataRoot));

    public static TheoryData<string> Sets => new() { "mnist", "fashion-mnist" };

    private static ImageData Get(string set) => set == "mnist" ? Mnist.Value : Fashion.Value;

    [Theory, MemberData(nameof(Sets))]
    public void EachSetHasTheDocumentedCountsAndShapes(string set)
    {
        ImageData data = Get(set);
        Assert.Equal(6000, data.Train.Count);
        Assert.Equal(2500, data.Test.Count);
        Assert.Equal(784, data.Train.Images.Cols);
        Assert.Equal(784, data.Test.Images.Cols);
        Assert.Equal((28, 28), (data.Train.Height, data.Train.Width));
        Assert.Equal(10, data.Train.ClassCount);
    }

    [Theory, MemberData(nameof(Sets))]
    public void EachSetIsExactlyClassBalanced(string set)
    {
        ImageData data = Get(set);
        Assert.All(data.Train.ClassCounts(), c => Assert.Equal(600, c));
        Assert.All(data.Test.ClassCounts(), c => Assert.Equal(250, c));
    }

    [Theory, MemberData(nameof(Sets))]
    public void EveryBlockOfTenImagesHoldsOneImageOfEachClass(string set)
    {
        ImageSet train = Get(set).Train;
        for (int block = 0; block < train.Count / 10; block++)
        {
            var labels = train.Labels.Skip(block * 10).Take(10).OrderBy(l => l);
            Assert.Equal(Enumerable.Range(0, 10), labels);
        }
        Assert.All(train.Take(1000).ClassCounts(), c => Assert.Equal(100, c));
    }

    [Theory, MemberData(nameof(Sets))]
    public void PixelsAreScaledBytesInTheUnitInterval(string set)
    {
        ImageData data = Get(set);
        foreach (ImageSet part in new[] { data.Train, data.Test })
        {
            double min = part.Images.Data.Min(), max = part.Images.Data.Max();
            Assert.Equal(0.0, min);
            Assert.Equal(1.0, max);   // both sets contain saturated (255) pixels
            // Every value is k/255 for an integer k: the loader divides bytes by 255.
            Assert.All(part.Images.Data.Take(784 * 50), v => Assert.True(Math.Abs(v * 255 - Math.Round(v * 255)) < 1e-9));
            // Images are not blank: the mean ink is that of real digits / clothes.
            double mean = part.Images.Data.Average();
            Assert.InRange(mean, 0.05, 0.5);
        }
    }

    [Fact]
    public void TrainAndTestImagesAreDisjoint()
    {
        foreach (ImageData data in new[] { Mnist.Value, Fashion.Value })
        {
            var train = new HashSet<string>(Enumerable.Range(0, data.Train.Count).Select(i => Key(data.Train, i)));
            Assert.Equal(data.Train.Count, train.Count);   // no duplicates inside the training set either
            Assert.DoesNotContain(Enumerable.Range(0, data.Test.Count), i => train.Contains(Key(data.Test, i)));
        }
        static string Key(ImageSet s, int i) => Convert.ToHexString(SHA256.HashData(s.Image(i).ToArray().Select(v => (byte)Math.Round(v * 255)).ToArray()));
    }

    [Fact]
    public void ShippedFilesMatchTheirPublishedChecksums()
    {
        string sums = Path.Combine(RepositoryPaths.DataRoot, "SHA256SUMS");
        string[] lines = File.ReadAllLines(sums).Where(l => l.Length > 0).ToArray();
        Assert.Equal(8, lines.Length);
        foreach (string line in lines)
        {
            string expected = line[..64];
            string file = Path.Combine(RepositoryPaths.DataRoot, line[66..]);
            string actual = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant();
            Assert.True(expected == actual, $"{file}: sha256 {actual}, expected {expected} (data/SHA256SUMS).");
        }
    }

    [Fact]
    public void DecompressedContentMatchesTheRegenerateToolsRecord()
    {
        string record = Path.Combine(RepositoryPaths.DataRoot, "..", "tools", "DataPrep", "checksums.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(record));
        int files = 0;
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            string path = Path.Combine(RepositoryPaths.DataRoot, entry.Name);
            byte[] content = IdxReader.ReadAllBytes(path, "a shipped IDX file");
            Assert.Equal(entry.Value.GetProperty("idxBytes").GetInt32(), content.Length);
            Assert.Equal(entry.Value.GetProperty("idxSha256").GetString(), Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant());
            Assert.Equal(entry.Value.GetProperty("bytes").GetInt32(), (int)new FileInfo(path).Length);
            files++;
        }
        Assert.Equal(8, files);
    }

    [Fact]
    public void ReadmeListsTheSameChecksums()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.DataRoot, "README.md"));
        foreach (string line in File.ReadAllLines(Path.Combine(RepositoryPaths.DataRoot, "SHA256SUMS")).Where(l => l.Length > 0))
            Assert.Contains(line[..64], readme);
    }

    [Fact]
    public void BalancedSubsetHasEqualClassCountsAndIsDeterministic()
    {
        ImageSet train = Mnist.Value.Train;
        ImageSet a = train.BalancedSubset(1000, seed: 3);
        ImageSet b = train.BalancedSubset(1000, seed: 3);
        ImageSet c = train.BalancedSubset(1000, seed: 4);
        Assert.All(a.ClassCounts(), n => Assert.Equal(100, n));
        Assert.Equal(a.Images.Data, b.Images.Data);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Images.Data, c.Images.Data);

        ImageSet odd = train.BalancedSubset(1005, seed: 1);
        Assert.Equal(1005, odd.Count);
        Assert.All(odd.ClassCounts(), n => Assert.InRange(n, 100, 101));
    }

    [Fact]
    public void LoadWithCountsGivesBalancedSubsets()
    {
        ImageData data = CourseData.LoadFashionMnist(RepositoryPaths.DataRoot, trainCount: 1000, testCount: 500, seed: 7);
        Assert.Equal(1000, data.Train.Count);
        Assert.Equal(500, data.Test.Count);
        Assert.All(data.Train.ClassCounts(), n => Assert.Equal(100, n));
        Assert.All(data.Test.ClassCounts(), n => Assert.Equal(50, n));
        Assert.Equal("Ankle boot", data.Train.ClassNames[9]);
    }

    [Fact]
    public void SubsetLargerThanTheSetIsRejectedWithAClearMessage()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Value.Test.BalancedSubset(3000, seed: 0));
        Assert.Equal("count", e.ParamName);
        Assert.Contains("2500", e.Message);
    }

    [Fact]
    public void ToDatasetSharesTheImagesAndLabels()
    {
        Dataset d = Mnist.Value.Test.ToDataset();
        Assert.Same(Mnist.Value.Test.Images, d.Features);
        Assert.Equal(10, d.ClassCount);
    }
}
