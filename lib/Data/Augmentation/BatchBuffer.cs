using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// Output matrices of an augmentation, one per batch shape, so a training loop (full batches, a last partial batch)
/// reuses them instead of allocating each step. Keeps at most 8 shapes, then starts over.
/// </summary>
internal sealed class BatchBuffer
{
    private readonly Dictionary<(int Rows, int Cols), Matrix> _byShape = new();

    public Matrix Get(int rows, int cols)
    {
        if (_byShape.TryGetValue((rows, cols), out Matrix? m)) return m;
        if (_byShape.Count >= 8) _byShape.Clear();
        return _byShape[(rows, cols)] = new Matrix(rows, cols);
    }
}
