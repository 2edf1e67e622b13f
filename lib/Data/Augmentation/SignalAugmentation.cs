using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The textbook's MNIST-1D augmentation (Understanding Deep Learning, notebook 9.5): each signal is rotated circularly
/// by a random offset k ∈ {0, …, L − 1} (points pushed off the end come back at the start, like np.roll) and its
/// amplitude multiplied by a random factor s ~ U[0.8, 1.2]:  x̃ᵢ = s · x_{(i − k) mod L}.
/// Both keep the label: a digit is still the same digit when moved or made louder.
/// </summary>
public sealed class SignalAugmentation
{
    private readonly Random _rng;
    private readonly BatchBuffer _buffers = new();

    /// <param name="seed">Seed of the augmentation's own random stream.</param>
    /// <param name="circularShift">Rotate by a random offset (default on).</param>
    /// <param name="minScale">Lower end of the amplitude factor (default 0.8; set min = max = 1 to switch scaling off).</param>
    /// <param name="maxScale">Upper end of the amplitude factor (default 1.2).</param>
    public SignalAugmentation(int seed, bool circularShift = true, double minScale = 0.8, double maxScale = 1.2)
    {
        Guard.Positive(minScale, nameof(minScale));
        Guard.Positive(maxScale, nameof(maxScale));
        if (maxScale < minScale)
            throw new ArgumentOutOfRangeException(nameof(maxScale), maxScale, $"maxScale must be ≥ minScale ({minScale}); got {maxScale}.");
        _rng = new Random(seed);
        CircularShiftEnabled = circularShift;
        MinScale = minScale;
        MaxScale = maxScale;
    }

    public bool CircularShiftEnabled { get; }
    public double MinScale { get; }
    public double MaxScale { get; }

    /// <summary>np.roll(signal, k): out[(i + k) mod L] = signal[i] (k may be negative or ≥ L).</summary>
    public static void CircularShift(ReadOnlySpan<double> signal, Span<double> destination, int k)
    {
        if (destination.Length != signal.Length)
            throw new ArgumentException($"destination has {destination.Length} entries; it must have {signal.Length} like the signal.", nameof(destination));
        if (signal.Overlaps(destination))
            throw new ArgumentException("destination must not overlap signal.", nameof(destination));
        int n = signal.Length;
        if (n == 0) return;
        int shift = ((k % n) + n) % n;
        signal[..(n - shift)].CopyTo(destination[shift..]);   // the first L − k points move right by k
        signal[(n - shift)..].CopyTo(destination[..shift]);   // the last k points wrap around to the front
    }

    /// <summary>A circularly shifted copy (np.roll).</summary>
    public static double[] CircularShift(ReadOnlySpan<double> signal, int k)
    {
        var result = new double[signal.Length];
        CircularShift(signal, result, k);
        return result;
    }

    /// <summary>
    /// Augments every row of <paramref name="batch"/> independently (one offset and one factor per row) into a buffer owned
    /// by this object (overwritten by the next call with the same batch size). Per row the stream draws
    /// k = Next(L) (if shifting) and then s = NextUniform(min, max).
    /// </summary>
    public Matrix Apply(Matrix batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Matrix output = _buffers.Get(batch.Rows, batch.Cols);
        AugmentRows(batch, output);
        return output;
    }

    /// <summary>
    /// The notebook's recipe for a bigger training set: the original examples followed by <paramref name="extraCount"/>
    /// augmented ones, made from examples 0, 1, 2, … in turn (cycling), each with the original label.
    /// </summary>
    public Dataset Expand(Matrix x, int[] labels, int extraCount, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.NonNegative(extraCount, nameof(extraCount));
        if (labels.Length != x.Rows)
            throw new ArgumentException($"labels has {labels.Length} entries, but x has {x.Rows} rows; they must match.", nameof(labels));
        int n = x.Rows;
        var all = new Matrix(n + extraCount, x.Cols);
        var allLabels = new int[n + extraCount];
        Array.Copy(x.Data, all.Data, x.Data.Length);
        Array.Copy(labels, allLabels, n);
        for (int j = 0; j < extraCount; j++)
        {
            int source = j % n;
            AugmentOne(x.Row(source), all.Row(n + j));
            allLabels[n + j] = labels[source];
        }
        return new Dataset(all, allLabels, classCount);
    }

    private void AugmentRows(Matrix input, Matrix output)
    {
        for (int r = 0; r < input.Rows; r++) AugmentOne(input.Row(r), output.Row(r));
    }

    private void AugmentOne(ReadOnlySpan<double> signal, Span<double> destination)
    {
        int k = CircularShiftEnabled ? _rng.Next(signal.Length) : 0;
        double s = _rng.NextUniform(MinScale, MaxScale);
        CircularShift(signal, destination, k);
        for (int i = 0; i < destination.Length; i++) destination[i] *= s;
    }
}
