using System.Buffers.Binary;
using System.IO.Compression;

namespace RegularizationLab.Data.Tests;

/// <summary>Missing, truncated and wrong files raise errors that name the path, the expectation and the remedy.</summary>
public sealed class IdxErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("idx-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ShippedImages => Path.Combine(RepositoryPaths.DataRoot, "mnist", "t10k-images-idx3-ubyte.gz");
    private static string ShippedLabels => Path.Combine(RepositoryPaths.DataRoot, "mnist", "t10k-labels-idx1-ubyte.gz");

    private static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertHelpful(DataFileException e, string path, string expectation)
    {
        Assert.Equal(Path.GetFullPath(path), e.FilePath);
        Assert.Contains(Path.GetFullPath(path), e.Message);
        Assert.Contains(expectation, e.Message);
        Assert.Contains("git checkout -- data/", e.Message);
        Assert.Contains("node regenerate.js", e.Message);
    }

    [Fact]
    public void PlainAndGzipFilesGiveTheSameImages()
    {
        string plainImages = Write("images.idx", Gunzip(ShippedImages));
        string plainLabels = Write("labels.idx", Gunzip(ShippedLabels));
        ImageSet plain = CourseData.LoadIdx(plainImages, plainLabels, "plain");
        ImageSet gz = CourseData.LoadIdx(ShippedImages, ShippedLabels, "gz");
        Assert.Equal(gz.Images.Data, plain.Images.Data);
        Assert.Equal(gz.Labels, plain.Labels);
    }

    [Fact]
    public void MissingFileNamesThePathAndTheFormat()
    {
        string missing = Path.Combine(_dir, "nope", "train-images-idx3-ubyte.gz");
        var e = Assert.Throws<DataFileException>(() => CourseData.LoadIdx(missing, ShippedLabels, "x"));
        AssertHelpful(e, missing, "0x00000803");
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void MissingDataFolderExplainsWhereItLooked()
    {
        string root = Path.Combine(_dir, "no-data-here");
        var e = Assert.Throws<DataFileException>(() => CourseData.LoadMnist(root));
        Assert.Contains(Path.GetFullPath(Path.Combine(root, "mnist", "train-images-idx3-ubyte.gz")), e.Message);
        Assert.Contains("current directory", e.Message);
    }

    [Fact]
    public void TruncatedGzipFileIsReportedAsDamaged()
    {
        byte[] whole = File.ReadAllBytes(ShippedImages);
        string path = Write("cut.gz", whole[..(whole.Length / 2)]);
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));
        AssertHelpful(e, path, "0x00000803");
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TruncatedPixelDataIsReportedWithTheSizesInvolved()
    {
        byte[] raw = Gunzip(ShippedImages);
        string path = Write("short.gz", Gzip(raw[..(raw.Length - 100)]));
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));
        AssertHelpful(e, path, "28 × 28");
        Assert.Contains("2,500 images", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TruncatedHeaderIsReported()
    {
        string path = Write("tiny.idx", [0, 0, 8, 3, 0, 0]);
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));
        AssertHelpful(e, path, "0x00000803");
        Assert.Contains("16-byte", e.Message);
    }

    [Fact]
    public void LabelFileGivenAsImagesIsRejectedByItsMagicNumber()
    {
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(ShippedLabels));
        AssertHelpful(e, ShippedLabels, "magic number 0x00000803");
        Assert.Contains("0x00000801 (an IDX label file)", e.Message);
    }

    [Fact]
    public void ImageFileGivenAsLabelsIsRejectedByItsMagicNumber()
    {
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(ShippedImages));
        AssertHelpful(e, ShippedImages, "magic number 0x00000801");
        Assert.Contains("0x00000803 (an IDX image file)", e.Message);
    }

    [Fact]
    public void ArbitraryWrongMagicNumberIsReported()
    {
        byte[] raw = Gunzip(ShippedImages);
        BinaryPrimitives.WriteUInt32BigEndian(raw, 0x12345678);
        string path = Write("wrong.idx", raw);
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));
        AssertHelpful(e, path, "0x00000803");
        Assert.Contains("0x12345678", e.Message);
    }

    [Fact]
    public void WrongImageSizeIsReported()
    {
        byte[] raw = Gunzip(ShippedImages);
        BinaryPrimitives.WriteUInt32BigEndian(raw.AsSpan(8), 32);
        string path = Write("size.idx", raw);
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));
        Assert.Contains("32 × 28", e.Message);
    }

    [Fact]
    public void LabelCountMismatchNamesBothFiles()
    {
        byte[] labels = Gunzip(Path.Combine(RepositoryPaths.DataRoot, "mnist", "train-labels-idx1-ubyte.gz"));
        string path = Write("labels.idx", labels);
        var e = Assert.Throws<DataFileException>(() => CourseData.LoadIdx(ShippedImages, path, "x"));
        Assert.Contains("6,000 labels", e.Message);
        Assert.Contains(Path.GetFullPath(ShippedImages), e.Message);
    }

    [Fact]
    public void LabelOutsideTheClassRangeIsReported()
    {
        byte[] labels = Gunzip(ShippedLabels);
        labels[8 + 5] = 12;
        string path = Write("bad-label.idx", labels);
        var e = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("Label 5 is 12", e.Message);
    }
}
