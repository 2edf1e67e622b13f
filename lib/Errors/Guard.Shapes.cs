using RegularizationLab.Numerics;

namespace RegularizationLab.Errors;

// Shape checks: every message names both arguments and both shapes, so a student sees what did not line up.
public static partial class Guard
{
    /// <summary>
    /// Requires rows × cols entries to fit in one .NET array (at most <see cref="Array.MaxLength"/> entries, ≈ 16 GiB
    /// of doubles), so an oversized matrix is reported by its shape instead of as an arithmetic overflow.
    /// </summary>
    public static void MatrixSize(int rows, int cols)
    {
        long entries = (long)rows * cols;
        if (entries > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows),
                $"rows × cols = {rows} × {cols} = {entries:N0} entries, more than the {Array.MaxLength:N0} one matrix " +
                "can hold (the largest .NET array); use fewer rows or columns, e.g. process the data in batches.");
    }

    /// <summary>Requires a gradient span as long as the weights it belongs to (the penalties' AddGradient).</summary>
    public static void SameLength(int weights, int gradient, string weightsName, string gradientName)
    {
        if (weights != gradient)
            throw new ArgumentException(
                $"{gradientName} has {gradient} entries but {weightsName} has {weights}; they must have the same length " +
                "(one gradient entry per weight).", gradientName);
    }

    /// <summary>Requires <paramref name="a"/> and <paramref name="b"/> to have the same shape.</summary>
    public static void SameShape(Matrix a, Matrix b, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a, nameA);
        ArgumentNullException.ThrowIfNull(b, nameB);
        if (a.Rows != b.Rows || a.Cols != b.Cols)
            throw new ArgumentException(
                $"{nameB} is {b.Shape} but {nameA} is {a.Shape}; they must have the same shape.", nameB);
    }

    /// <summary>Requires <paramref name="m"/> to be exactly rows × cols.</summary>
    public static void Shape(Matrix m, int rows, int cols, string name)
    {
        ArgumentNullException.ThrowIfNull(m, name);
        if (m.Rows != rows || m.Cols != cols)
            throw new ArgumentException($"{name} is {m.Shape} but must be {rows} × {cols}.", name);
    }

    /// <summary>Requires <paramref name="m"/> to have <paramref name="cols"/> columns (features per example).</summary>
    public static void Columns(Matrix m, int cols, string name, string what = "columns")
    {
        ArgumentNullException.ThrowIfNull(m, name);
        if (m.Cols != cols)
            throw new ArgumentException($"{name} is {m.Shape}: it has {m.Cols} {what}, but {cols} are required.", name);
    }

    /// <summary>Requires every entry of <paramref name="m"/> to be finite (vectorized check, slow path only on failure).</summary>
    public static void AllFinite(Matrix m, string name)
    {
        if (!VectorMath.AllFinite(m.Data))
            AllFinite(m.Data, name);
    }
}
