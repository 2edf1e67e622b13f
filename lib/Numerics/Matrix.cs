using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

/// <summary>
/// A dense matrix of doubles stored row by row: entry (r, c) lives at <c>Data[r * Cols + c]</c>.
/// A batch of n examples with d features is an n × d matrix, one example per row; a bias is a 1 × d matrix.
/// </summary>
public sealed partial class Matrix
{
    public int Rows { get; }
    public int Cols { get; }

    /// <summary>The entries, row-major. Length is exactly Rows × Cols.</summary>
    public double[] Data { get; }

    public Matrix(int rows, int cols)
    {
        Guard.Positive(rows, nameof(rows));
        Guard.Positive(cols, nameof(cols));
        Guard.MatrixSize(rows, cols);
        Rows = rows;
        Cols = cols;
        Data = new double[rows * cols];
    }

    /// <summary>Wraps <paramref name="data"/> (row-major, not copied) as a rows × cols matrix.</summary>
    public Matrix(int rows, int cols, double[] data)
    {
        Guard.Positive(rows, nameof(rows));
        Guard.Positive(cols, nameof(cols));
        ArgumentNullException.ThrowIfNull(data);
        Guard.MatrixSize(rows, cols);
        if (data.Length != rows * cols)
            throw new ArgumentException(
                $"data has {data.Length} entries, but a {rows} × {cols} matrix needs {rows * cols}.", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    public ref double this[int row, int col]
    {
        get
        {
            if ((uint)row >= (uint)Rows || (uint)col >= (uint)Cols)
                throw new ArgumentOutOfRangeException(
                    nameof(row), $"Index ({row}, {col}) is outside a {Rows} × {Cols} matrix.");
            return ref Data[row * Cols + col];
        }
    }

    public int Length => Data.Length;

    /// <summary>Row <paramref name="row"/> as a writable span (no copy).</summary>
    public Span<double> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows}); got {row}.");
        return Data.AsSpan(row * Cols, Cols);
    }

    public string Shape => $"{Rows} × {Cols}";

    public override string ToString() => $"Matrix {Shape}";
}
