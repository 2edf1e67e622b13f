using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// Gaussian input noise: x̃ = x + σ·ε with ε ~ N(0, I), fresh for every entry and every call. For a linear model and
/// squared error, training on such noise is equivalent in expectation to an L2 penalty (Bishop, 1995); for networks it is
/// a smoothness prior. Draws use <c>RandomExtensions.NextGaussian</c> row by row, column by column.
/// </summary>
public sealed class GaussianInputNoise
{
    private readonly Random _rng;
    private readonly BatchBuffer _buffers = new();

    public GaussianInputNoise(double standardDeviation, int seed)
    {
        Guard.NonNegative(standardDeviation, nameof(standardDeviation));
        StandardDeviation = standardDeviation;
        _rng = new Random(seed);
    }

    public double StandardDeviation { get; }

    /// <summary>A noisy copy of <paramref name="batch"/> in a buffer owned by this object (overwritten by the next call
    /// with the same batch size).</summary>
    public Matrix Apply(Matrix batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Matrix output = _buffers.Get(batch.Rows, batch.Cols);
        AddNoise(batch, StandardDeviation, _rng, output);
        return output;
    }

    /// <summary>destination = x + σ·ε (destination may be x itself).</summary>
    public static void AddNoise(Matrix x, double standardDeviation, Random rng, Matrix destination)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(destination);
        Guard.NonNegative(standardDeviation, nameof(standardDeviation));
        if (destination.Rows != x.Rows || destination.Cols != x.Cols)
            throw new ArgumentException($"destination is {destination.Shape}; it must be {x.Shape} like x.", nameof(destination));
        for (int i = 0; i < x.Data.Length; i++) destination.Data[i] = x.Data[i] + standardDeviation * rng.NextGaussian();
    }
}
