using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The blog seed's MNIST shift augmentation, applied per mini-batch: with probability ½ draw dx and dy independently
/// (with replacement) from {−2, −1, 1, 2} and shift every image of the batch by (dx, dy) with zero fill
/// (<see cref="ImageShift"/>); otherwise leave the batch as it is.
/// <para>Random stream per call (new Random(seed) once): u = NextDouble(); if u &lt; probability: dx = shifts[Next(m)],
/// dy = shifts[Next(m)].</para>
/// </summary>
public sealed class ShiftAugmentation
{
    private readonly Random _rng;
    private readonly int[] _shifts;
    private readonly BatchBuffer _buffers = new();

    /// <param name="seed">Seed of the augmentation's own random stream.</param>
    /// <param name="probability">Chance that a batch is shifted (the seed: 0.5).</param>
    /// <param name="shifts">Allowed shifts in pixels, for dx and dy alike (default {−2, −1, 1, 2}).</param>
    /// <param name="height">Image height in pixels (28).</param>
    /// <param name="width">Image width in pixels (28).</param>
    public ShiftAugmentation(int seed, double probability = 0.5, IReadOnlyList<int>? shifts = null,
        int height = CourseData.ImageSide, int width = CourseData.ImageSide)
    {
        Guard.InRange(probability, 0, 1, nameof(probability));
        Guard.Positive(height, nameof(height));
        Guard.Positive(width, nameof(width));
        _shifts = (shifts ?? [-2, -1, 1, 2]).ToArray();
        if (_shifts.Length == 0)
            throw new ArgumentException("shifts must hold at least one value; got none.", nameof(shifts));
        _rng = new Random(seed);
        Probability = probability;
        Height = height;
        Width = width;
    }

    public double Probability { get; }
    public IReadOnlyList<int> Shifts => _shifts;
    public int Height { get; }
    public int Width { get; }

    /// <summary>The shift used by the last <see cref="Apply"/>; null if that batch was left unchanged.</summary>
    public (int Dx, int Dy)? LastShift { get; private set; }

    /// <summary>
    /// Returns the batch itself (no augmentation this time) or a shifted copy in a buffer owned by this object, which the
    /// next call with the same batch size overwrites (copy it with Clone() to keep it).
    /// </summary>
    public Matrix Apply(Matrix batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Cols != Height * Width)
            throw new ArgumentException($"batch has {batch.Cols} columns, but {Height} × {Width} images need {Height * Width}.", nameof(batch));
        if (!(_rng.NextDouble() < Probability))
        {
            LastShift = null;
            return batch;
        }
        int dx = _shifts[_rng.Next(_shifts.Length)];
        int dy = _shifts[_rng.Next(_shifts.Length)];
        LastShift = (dx, dy);
        return ImageShift.ShiftBatch(batch, dx, dy, _buffers.Get(batch.Rows, batch.Cols), Height, Width);
    }
}
