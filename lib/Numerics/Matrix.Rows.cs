namespace RegularizationLab.Numerics;

// Row selection: how a mini-batch is assembled from a data set without allocating.
public sealed partial class Matrix
{
    /// <summary>
    /// Row r of this matrix ← row <c>rowIndices[r]</c> of <paramref name="source"/>, for r = 0 … Rows−1
    /// (e.g. a shuffled mini-batch). Needs rowIndices.Length == Rows and the same column count.
    /// </summary>
    public void GatherRows(Matrix source, ReadOnlySpan<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Cols != Cols)
            throw new ArgumentException($"source is {source.Shape} but this matrix is {Shape}; the column counts must match.", nameof(source));
        if (rowIndices.Length != Rows)
            throw new ArgumentException($"rowIndices has {rowIndices.Length} entries but this matrix has {Rows} rows.", nameof(rowIndices));
        for (int r = 0; r < Rows; r++)
        {
            int from = rowIndices[r];
            if ((uint)from >= (uint)source.Rows)
                throw new ArgumentOutOfRangeException(nameof(rowIndices), from, $"rowIndices[{r}] is {from}, but source has rows 0 … {source.Rows - 1}.");
            source.Data.AsSpan(from * Cols, Cols).CopyTo(Data.AsSpan(r * Cols, Cols));
        }
    }

    /// <summary>A new matrix holding the rows of this one listed in <paramref name="rowIndices"/>, in that order.</summary>
    public Matrix SelectRows(ReadOnlySpan<int> rowIndices)
    {
        var result = new Matrix(rowIndices.Length, Cols);
        result.GatherRows(this, rowIndices);
        return result;
    }
}
