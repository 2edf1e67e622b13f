using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// Integer translations of images stored as rows (pixel (r, c) at index r·width + c), with zero fill: pixels pushed
/// past an edge are lost and the uncovered strip becomes 0 (background). Positive dx moves the picture right,
/// positive dy moves it down:  out(r, c) = in(r − dy, c − dx) if that pixel exists, else 0.
/// </summary>
public static class ImageShift
{
    /// <summary>Writes <paramref name="image"/> shifted by (dx, dy) into <paramref name="destination"/> (must not overlap).</summary>
    public static void Shift(ReadOnlySpan<double> image, Span<double> destination, int dx, int dy,
        int height = CourseData.ImageSide, int width = CourseData.ImageSide)
    {
        Guard.Positive(height, nameof(height));
        Guard.Positive(width, nameof(width));
        if (image.Length != height * width)
            throw new ArgumentException($"image has {image.Length} pixels, but a {height} × {width} image has {height * width}.", nameof(image));
        if (destination.Length != image.Length)
            throw new ArgumentException($"destination has {destination.Length} pixels; it must have {image.Length} like the image.", nameof(destination));
        if (image.Overlaps(destination))
            throw new ArgumentException("destination must not overlap image (shift into a separate buffer).", nameof(destination));

        destination.Clear();
        // Only the columns c with 0 ≤ c − dx < width survive; copy each surviving row segment in one go.
        int firstCol = Math.Max(0, dx), lastCol = Math.Min(width, width + dx);   // destination columns [firstCol, lastCol)
        if (lastCol <= firstCol) return;
        int run = lastCol - firstCol;
        for (int r = Math.Max(0, dy); r < Math.Min(height, height + dy); r++)
        {
            int sourceRow = r - dy;
            image.Slice(sourceRow * width + firstCol - dx, run).CopyTo(destination.Slice(r * width + firstCol, run));
        }
    }

    /// <summary>A shifted copy of one image.</summary>
    public static double[] Shift(ReadOnlySpan<double> image, int dx, int dy,
        int height = CourseData.ImageSide, int width = CourseData.ImageSide)
    {
        var result = new double[image.Length];
        Shift(image, result, dx, dy, height, width);
        return result;
    }

    /// <summary>
    /// Shifts every image (row) of <paramref name="batch"/> by the same (dx, dy) into <paramref name="destination"/>
    /// (same shape; allocated when null) and returns it.
    /// </summary>
    public static Matrix ShiftBatch(Matrix batch, int dx, int dy, Matrix? destination = null,
        int height = CourseData.ImageSide, int width = CourseData.ImageSide)
    {
        ArgumentNullException.ThrowIfNull(batch);
        destination ??= new Matrix(batch.Rows, batch.Cols);
        if (!ReferenceEquals(destination, batch) && destination.Rows == batch.Rows && destination.Cols == batch.Cols)
        {
            for (int i = 0; i < batch.Rows; i++) Shift(batch.Row(i), destination.Row(i), dx, dy, height, width);
            return destination;
        }
        throw new ArgumentException(
            $"destination must be a separate {batch.Shape} matrix; got {(ReferenceEquals(destination, batch) ? "the batch itself" : destination.Shape)}.",
            nameof(destination));
    }
}
