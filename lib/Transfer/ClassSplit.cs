using RegularizationLab.Data;
using RegularizationLab.Numerics;

namespace RegularizationLab.Transfer;

/// <summary>
/// Two related tasks from one labelled image set: keep only some classes and renumber them 0 … k−1. Digits 0–4 and
/// digits 5–9 of MNIST are such a pair: the same kind of images (pen strokes on a 28 × 28 grid), different labels.
/// </summary>
public static class ClassSplit
{
    /// <summary>
    /// The images of <paramref name="set"/> whose label is in <paramref name="classes"/>, in file order, with label
    /// <c>classes[j]</c> renamed j (so a 5-class task has labels 0 … 4) and the class names carried along.
    /// </summary>
    public static ImageSet Keep(ImageSet set, params int[] classes)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Length < 2)
            throw new ArgumentException($"classes must list at least 2 classes for a classification task; got {classes.Length}.", nameof(classes));
        if (classes.Distinct().Count() != classes.Length)
            throw new ArgumentException($"classes must not repeat a class; got {{{string.Join(", ", classes)}}}.", nameof(classes));
        foreach (int c in classes)
            if ((uint)c >= (uint)set.ClassCount)
                throw new ArgumentOutOfRangeException(nameof(classes), c, $"classes must be in 0 … {set.ClassCount - 1} ({set.Name}); got {c}.");

        int[] newLabel = Enumerable.Repeat(-1, set.ClassCount).ToArray();
        for (int j = 0; j < classes.Length; j++) newLabel[classes[j]] = j;
        int[] rows = Enumerable.Range(0, set.Count).Where(i => newLabel[set.Labels[i]] >= 0).ToArray();
        var images = Dataset.CopyRows(set.Images, rows);
        int[] labels = rows.Select(i => newLabel[set.Labels[i]]).ToArray();
        string[] names = classes.Select(c => set.ClassNames[c]).ToArray();
        return new ImageSet($"{set.Name}, classes {string.Join("/", names)}", images, labels, set.Height, set.Width, names);
    }
}
