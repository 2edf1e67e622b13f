using RegularizationLab.Numerics;

namespace RegularizationLab.Errors;

// Shape checks: every message names both arguments and both shapes, so a student sees what did not line up.
public static partial class Guard
{
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
