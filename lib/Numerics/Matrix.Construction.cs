using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

// Ways to make a matrix and to copy one. Everything here copies its input; only the (rows, cols, data)
// constructor in Matrix.cs wraps an existing array.
public sealed partial class Matrix
{
    /// <summary>Copies jagged rows (all of the same length) into a new matrix.</summary>
    public static Matrix FromRows(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0)
            throw new ArgumentException("rows must contain at least one row; got 0 rows.", nameof(rows));
        int cols = rows[0]?.Length ?? 0;
        if (cols == 0)
            throw new ArgumentException("rows must have at least one column; row 0 has 0 entries.", nameof(rows));
        var m = new Matrix(rows.Length, cols);
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r] is null || rows[r].Length != cols)
                throw new ArgumentException(
                    $"rows must all have the same length; row 0 has {cols} entries but row {r} has {rows[r]?.Length ?? 0}.",
                    nameof(rows));
            rows[r].CopyTo(m.Data, r * cols);
        }
        return m;
    }

    /// <summary>Copies a rectangular array into a new matrix.</summary>
    public static Matrix FromArray(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new Matrix(values.GetLength(0), values.GetLength(1));
        for (int r = 0; r < m.Rows; r++)
            for (int c = 0; c < m.Cols; c++)
                m.Data[r * m.Cols + c] = values[r, c];
        return m;
    }

    public static Matrix Filled(int rows, int cols, double value)
    {
        var m = new Matrix(rows, cols);
        m.Fill(value);
        return m;
    }

    /// <summary>An n × 1 matrix holding a copy of <paramref name="values"/>.</summary>
    public static Matrix ColumnVector(params double[] values) => new(values.Length, 1, (double[])values.Clone());

    /// <summary>A 1 × n matrix holding a copy of <paramref name="values"/>.</summary>
    public static Matrix RowVector(params double[] values) => new(1, values.Length, (double[])values.Clone());

    public double[,] ToArray()
    {
        var a = new double[Rows, Cols];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                a[r, c] = Data[r * Cols + c];
        return a;
    }

    /// <summary>A copy of column <paramref name="col"/>.</summary>
    public double[] Column(int col)
    {
        if ((uint)col >= (uint)Cols)
            throw new ArgumentOutOfRangeException(nameof(col), col, $"col must be in [0, {Cols}); got {col}.");
        var column = new double[Rows];
        for (int r = 0; r < Rows; r++) column[r] = Data[r * Cols + col];
        return column;
    }

    public Matrix Clone() => new(Rows, Cols, (double[])Data.Clone());

    /// <summary>Copies the entries of <paramref name="source"/> (same shape) into this matrix.</summary>
    public void CopyFrom(Matrix source)
    {
        Guard.SameShape(this, source, "this", nameof(source));
        source.Data.AsSpan().CopyTo(Data);
    }

    public void Fill(double value) => Data.AsSpan().Fill(value);

    public void Clear() => Data.AsSpan().Clear();

    public bool SameShape(Matrix other) => other.Rows == Rows && other.Cols == Cols;

    public Matrix Transpose()
    {
        var t = new Matrix(Cols, Rows);
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                t.Data[c * Rows + r] = Data[r * Cols + c];
        return t;
    }

    /// <summary>A new matrix holding this · <paramref name="other"/>.</summary>
    public Matrix Multiply(Matrix other)
    {
        var result = new Matrix(Rows, other.Cols);
        MatrixProducts.Multiply(this, other, result);
        return result;
    }
}
