using RegularizationLab.Numerics;

namespace RegularizationLab.Layers;

/// <summary>
/// The output buffers of one layer, one per batch size, so that a training loop (batch 32, a last partial batch,
/// a full-set evaluation) reuses its matrices instead of allocating each step. Holds at most 8 sizes, then starts over.
/// </summary>
internal sealed class BufferCache
{
    private const int MaxSizes = 8;
    private readonly Dictionary<int, Matrix> _byRows = new();
    private Matrix? _last;

    public Matrix Get(int rows, int cols)
    {
        if (_last is not null && _last.Rows == rows && _last.Cols == cols) return _last;
        if (!_byRows.TryGetValue(rows, out var m) || m.Cols != cols)
        {
            if (_byRows.Count >= MaxSizes) _byRows.Clear();
            m = new Matrix(rows, cols);
            _byRows[rows] = m;
        }
        _last = m;
        return m;
    }
}
