using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>A training and a test set of images.</summary>
public sealed record ImageData(ImageSet Train, ImageSet Test)
{
    public override string ToString() => $"{Train}; {Test}";
}

/// <summary>
/// The image data shipped with the course (data/README.md describes provenance, licences and checksums):
/// <list type="bullet">
/// <item>MNIST handwritten digits: 6,000 training and 2,500 test images (600 / 250 per class).</item>
/// <item>Fashion-MNIST clothing: 6,000 training and 2,500 test images (600 / 250 per class).</item>
/// </list>
/// Notebooks run with the notebook's folder as working directory, so the default data folder is "../data".
/// </summary>
public static class CourseData
{
    /// <summary>Where the data folder is, seen from notebooks/ (the kernel's working directory).</summary>
    public const string DefaultDataRoot = "../data";

    public const int ImageSide = 28;

    public static readonly IReadOnlyList<string> DigitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Fashion-MNIST's ten classes, in label order.</summary>
    public static readonly IReadOnlyList<string> FashionNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// MNIST from <c>{dataRoot}/mnist/</c>. With <paramref name="trainCount"/> / <paramref name="testCount"/> you get a
    /// class-balanced random subset (see <see cref="ImageSet.BalancedSubset"/>) drawn with <paramref name="seed"/>;
    /// e.g. <c>LoadMnist(trainCount: 1000)</c> gives the blog's 1,000 training images, 100 per digit.
    /// </summary>
    public static ImageData LoadMnist(string dataRoot = DefaultDataRoot, int? trainCount = null, int? testCount = null, int seed = 0) =>
        Load(dataRoot, "mnist", "MNIST", DigitNames, trainCount, testCount, seed);

    /// <summary>Fashion-MNIST from <c>{dataRoot}/fashion-mnist/</c>; arguments as in <see cref="LoadMnist"/>.</summary>
    public static ImageData LoadFashionMnist(string dataRoot = DefaultDataRoot, int? trainCount = null, int? testCount = null, int seed = 0) =>
        Load(dataRoot, "fashion-mnist", "Fashion-MNIST", FashionNames, trainCount, testCount, seed);

    /// <summary>
    /// Reads any pair of 28 × 28 IDX files (images + labels, plain or gzip) into an <see cref="ImageSet"/> with pixels
    /// scaled to [0, 1]. Errors name the file, what was expected and how to restore it.
    /// </summary>
    public static ImageSet LoadIdx(string imagesPath, string labelsPath, string name, IReadOnlyList<string>? classNames = null)
    {
        classNames ??= DigitNames;
        IdxReader.RawImages raw = IdxReader.ReadImages(imagesPath, ImageSide, ImageSide);
        byte[] labelBytes = IdxReader.ReadLabels(labelsPath, classNames.Count);
        if (labelBytes.Length != raw.Count)
            throw new DataFileException(Path.GetFullPath(labelsPath),
                $"The label file has {labelBytes.Length:N0} labels, but the image file {Path.GetFullPath(imagesPath)} has {raw.Count:N0} images.",
                "one label per image");
        var images = new Matrix(raw.Count, raw.Rows * raw.Cols);
        const double scale = 1.0 / 255.0;
        for (int i = 0; i < raw.Pixels.Length; i++) images.Data[i] = raw.Pixels[i] * scale;
        int[] labels = Array.ConvertAll(labelBytes, b => (int)b);
        return new ImageSet(name, images, labels, raw.Rows, raw.Cols, classNames);
    }

    private static ImageData Load(string dataRoot, string folder, string title, IReadOnlyList<string> names,
        int? trainCount, int? testCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataRoot);
        string dir = Path.Combine(dataRoot, folder);
        ImageSet train = LoadIdx(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"),
            $"{title} train", names);
        ImageSet test = LoadIdx(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"),
            $"{title} test", names);
        if (trainCount is int nTrain) train = train.BalancedSubset(nTrain, seed);
        if (testCount is int nTest) test = test.BalancedSubset(nTest, seed);
        return new ImageData(train, test);
    }
}
