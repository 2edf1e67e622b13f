namespace RegularizationLab.Data.Tests;

/// <summary>
/// The generator against the committed fingerprint of the published MNIST-1D set: runs on every clone, with or
/// without the published file. Equal digests mean every value agrees with the published one after rounding to the
/// fingerprint's decimals (10⁻⁶; the generator's largest deviation is ~2e-14 and no published value lies within
/// 1e-12 of a rounding boundary, as the script reports), and the sampled values pin the full-precision numbers.
/// </summary>
public class Mnist1DFingerprintTests
{
    private const double SampleTolerance = 1e-9;
    private static readonly Lazy<Mnist1DDataset> Generated = new(() => Mnist1D.Generate());

    public static TheoryData<string> ArrayNames() => new(Mnist1DFingerprint.Committed.Arrays.Keys);

    [Theory]
    [MemberData(nameof(ArrayNames))]
    public void EachGeneratedArrayHasThePublishedDigest(string name)
    {
        var expected = Mnist1DFingerprint.Committed.Arrays[name];
        var actual = Mnist1DFingerprint.Digest(Mnist1DFingerprint.ArraysOf(Generated.Value)[name], Mnist1DFingerprint.Committed.Decimals);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheFingerprintCoversEveryArrayAndAFewHundredSamples()
    {
        var fingerprint = Mnist1DFingerprint.Committed;
        Assert.Equal(["t", "templates.x", "templates.y", "x", "x_test", "y", "y_test"], fingerprint.Arrays.Keys.Order());
        Assert.Equal((4000, 40), (fingerprint.Arrays["x"].Rows, fingerprint.Arrays["x"].Cols));
        Assert.InRange(fingerprint.Samples.Count, 200, 1000);
    }

    [Fact]
    public void GeneratedValuesMatchThePublishedSamples()
    {
        var arrays = Mnist1DFingerprint.ArraysOf(Generated.Value);
        var wrong = Mnist1DFingerprint.Committed.Samples
            .Where(s => !(Math.Abs(arrays[s.Array][s.Row][s.Col] - s.Value) <= SampleTolerance))
            .Select(s => $"{s.Array}[{s.Row}, {s.Col}]: published {s.Value:R}, generated {arrays[s.Array][s.Row][s.Col]:R}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The committed fingerprint was computed from the published file (checked when the file is present).</summary>
    [SkippableFact]
    public void TheCommittedFingerprintIsThatOfThePublishedFile()
    {
        Mnist1DReference.SkipIfAbsent();
        var published = Mnist1DFingerprint.ArraysOf(Mnist1DReference.Instance);
        var fingerprint = Mnist1DFingerprint.Committed;
        foreach (var (name, digest) in fingerprint.Arrays)
            Assert.Equal(digest, Mnist1DFingerprint.Digest(published[name], fingerprint.Decimals));
        foreach (var s in fingerprint.Samples)
            Assert.Equal(s.Value, published[s.Array][s.Row][s.Col]);
    }

    /// <summary>The digest sees a change in the last kept decimal, so equal digests really mean equal values.</summary>
    [Fact]
    public void TheDigestChangesWhenOneValueMovesByOneUnitOfThePrecision()
    {
        double[][] rows = [[0.25, -1.5], [3.0, 4.125]];
        var before = Mnist1DFingerprint.Digest(rows, 6);
        rows[1][0] += 1e-6;
        Assert.NotEqual(before.Sha256, Mnist1DFingerprint.Digest(rows, 6).Sha256);
        rows[1][0] -= 1e-6;
        rows[1][0] += 1e-8;
        Assert.Equal(before.Sha256, Mnist1DFingerprint.Digest(rows, 6).Sha256);
    }
}
