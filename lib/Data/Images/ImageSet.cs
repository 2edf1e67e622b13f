using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// Labelled grayscale images, one image per row of <see cref="Images"/>: pixel (r, c) of image i is
/// <c>Images[i, r·Width + c]</c>, scaled to [0, 1] (byte / 255). For MNIST and Fashion-MNIST that is n × 784.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(string name, Matrix images, int[] labels, int height, int width, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        Guard.Positive(height, nameof(height));
        Guard.Positive(width, nameof(width));
        if (images.Cols != height * width)
            throw new ArgumentException($"images has {images.Cols} columns, but {height} × {width} images need {height * width}.", nameof(images));
        if (labels.Length != images.Rows)
            throw new ArgumentException($"labels has {labels.Length} entries, but images has {images.Rows} rows; they must match.", nameof(labels));
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classNames.Count)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    $"labels[{i}] = {labels[i]}, but there are {classNames.Count} classes (labels 0 … {classNames.Count - 1}).");
        Name = name;
        Images = images;
        Labels = labels;
        Height = height;
        Width = width;
        ClassNames = classNames;
    }

    /// <summary>E.g. "MNIST train".</summary>
    public string Name { get; }

    /// <summary>n × (Height·Width), pixels in [0, 1], one image per row.</summary>
    public Matrix Images { get; }

    /// <summary>Class of each image, 0 … ClassCount − 1.</summary>
    public int[] Labels { get; }

    public int Height { get; }
    public int Width { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public int ClassCount => ClassNames.Count;
    public int Count => Images.Rows;

    /// <summary>Image <paramref name="index"/> as a read-only span of Height·Width pixels (no copy).</summary>
    public ReadOnlySpan<double> Image(int index) => Images.Row(index);

    /// <summary>How many images each class has.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>The same images as a <see cref="Dataset"/> (shares the matrix and labels, no copy) for the trainer.</summary>
    public Dataset ToDataset() => new(Images, Labels, ClassCount);

    /// <summary>The images at <paramref name="indices"/>, in that order (copies).</summary>
    public ImageSet Subset(IReadOnlyList<int> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        Guard.NotEmpty(indices, nameof(indices));
        var images = new Matrix(indices.Count, Images.Cols);
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            int source = indices[i];
            if ((uint)source >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), source, $"indices[{i}] = {source} is outside 0 … {Count - 1}.");
            Images.Row(source).CopyTo(images.Row(i));
            labels[i] = Labels[source];
        }
        return new ImageSet(name ?? $"{Name} ({indices.Count})", images, labels, Height, Width, ClassNames);
    }

    /// <summary>
    /// The first <paramref name="count"/> images. The shipped files are ordered in blocks of ten that hold one image
    /// of every class, so for a multiple of 10 this is exactly class-balanced.
    /// </summary>
    public ImageSet Take(int count)
    {
        CheckCount(count);
        return Subset(Enumerable.Range(0, count).ToArray(), $"{Name} (first {count})");
    }

    /// <summary>
    /// A class-balanced random subset of <paramref name="count"/> images: every class gets ⌊count/K⌋ images, and the
    /// remaining count mod K go to that many classes picked at random. Images are drawn without replacement with
    /// <c>new Random(seed)</c> and kept in file order. The same seed gives the same subset.
    /// </summary>
    public ImageSet BalancedSubset(int count, int seed)
    {
        CheckCount(count);
        var rng = new Random(seed);
        int k = ClassCount;
        int[] quota = Enumerable.Repeat(count / k, k).ToArray();
        int[] extraClasses = Enumerable.Range(0, k).ToArray();
        rng.Shuffle(extraClasses);
        for (int i = 0; i < count % k; i++) quota[extraClasses[i]]++;

        var chosen = new List<int>(count);
        for (int c = 0; c < k; c++)
        {
            int[] members = Enumerable.Range(0, Count).Where(i => Labels[i] == c).ToArray();
            if (members.Length < quota[c])
                throw new ArgumentOutOfRangeException(nameof(count), count,
                    $"A balanced subset of {count} images needs {quota[c]} of class {c} ({ClassNames[c]}), but {Name} has only {members.Length}.");
            rng.Shuffle(members);
            chosen.AddRange(members.Take(quota[c]));
        }
        chosen.Sort();
        return Subset(chosen, $"{Name} (balanced {count}, seed {seed})");
    }

    private void CheckCount(int count)
    {
        if (count < 1 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be in 1 … {Count} (the size of {Name}); got {count}.");
    }

    public override string ToString() => $"{Name}: {Count} images of {Height} × {Width}, {ClassCount} classes";
}
