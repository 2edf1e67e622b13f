using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The course's augmentations in the trainer's hook shape, <c>Action&lt;Matrix, Random&gt;</c>: they change a training
/// batch IN PLACE using the trainer's seeded Random (plug into <c>TrainerOptions.InputTransform</c>).
/// The stand-alone classes (<see cref="ShiftAugmentation"/>, <see cref="SignalAugmentation"/>) do the same with their
/// own Random and leave the batch untouched.
/// </summary>
public static class BatchTransforms
{
    /// <summary>
    /// The blog seed's MNIST augmentation: with probability <paramref name="probability"/> draw dx, dy from
    /// <paramref name="shifts"/> (default {−2, −1, 1, 2}) and shift every image of the batch by (dx, dy), zero fill.
    /// Draws per batch: NextDouble(), then (if shifting) Next(m) for dx and Next(m) for dy.
    /// </summary>
    public static Action<Matrix, Random> ImageShifts(double probability = 0.5, IReadOnlyList<int>? shifts = null,
        int height = CourseData.ImageSide, int width = CourseData.ImageSide)
    {
        Guard.InRange(probability, 0, 1, nameof(probability));
        int[] allowed = (shifts ?? [-2, -1, 1, 2]).ToArray();
        if (allowed.Length == 0) throw new ArgumentException("shifts must hold at least one value; got none.", nameof(shifts));
        var scratch = new double[height * width];
        return (batch, rng) =>
        {
            if (batch.Cols != height * width)
                throw new ArgumentException($"batch has {batch.Cols} columns, but {height} × {width} images need {height * width}.", nameof(batch));
            if (!(rng.NextDouble() < probability)) return;
            int dx = allowed[rng.Next(allowed.Length)];
            int dy = allowed[rng.Next(allowed.Length)];
            for (int i = 0; i < batch.Rows; i++)
            {
                Span<double> row = batch.Row(i);
                row.CopyTo(scratch);
                ImageShift.Shift(scratch, row, dx, dy, height, width);
            }
        };
    }

    /// <summary>
    /// The textbook's MNIST-1D augmentation: every signal of the batch is rotated by its own k ~ U{0, …, L−1}
    /// (np.roll) and multiplied by its own s ~ U[minScale, maxScale). Draws per row: Next(L), then NextDouble().
    /// </summary>
    public static Action<Matrix, Random> CircularShiftAndScale(double minScale = 0.8, double maxScale = 1.2, bool circularShift = true)
    {
        Guard.Positive(minScale, nameof(minScale));
        if (maxScale < minScale)
            throw new ArgumentOutOfRangeException(nameof(maxScale), maxScale, $"maxScale must be ≥ minScale ({minScale}); got {maxScale}.");
        double[] scratch = [];
        return (batch, rng) =>
        {
            if (scratch.Length != batch.Cols) scratch = new double[batch.Cols];
            for (int i = 0; i < batch.Rows; i++)
            {
                Span<double> row = batch.Row(i);
                int k = circularShift ? rng.Next(row.Length) : 0;
                double s = rng.NextUniform(minScale, maxScale);
                row.CopyTo(scratch);
                SignalAugmentation.CircularShift(scratch, row, k);
                for (int j = 0; j < row.Length; j++) row[j] *= s;
            }
        };
    }
}
