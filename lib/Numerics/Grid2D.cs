using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Numerics;

/// <summary>
/// A function sampled on a rectangular grid, laid out the way a heat map or contour plot expects:
/// Values[j, i] = f(Xs[i], Ys[j]) (row j follows the vertical axis).
/// </summary>
public sealed record Grid2D(double[] Xs, double[] Ys, double[,] Values)
{
    /// <summary>The values as jagged rows (Values[j] = row j), the shape chart libraries take for z.</summary>
    public double[][] Rows =>
        Enumerable.Range(0, Ys.Length).Select(j => Enumerable.Range(0, Xs.Length).Select(i => Values[j, i]).ToArray()).ToArray();

    public double Min => Values.Cast<double>().Min();
    public double Max => Values.Cast<double>().Max();
}

/// <summary>Evaluates functions of two variables on grids: decision boundaries, probability contours, loss surfaces.</summary>
public static class GridEvaluation
{
    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="low"/> to <paramref name="high"/> inclusive.</summary>
    public static double[] Linspace(double low, double high, int count)
    {
        Guard.Finite(low, nameof(low));
        Guard.Finite(high, nameof(high));
        if (count < 2)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be at least 2; got {count}.");
        if (!(high > low))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be larger than low ({low}); got {high}.");
        return EvenlySpaced(low, high, count);
    }

    /// <summary>
    /// The one definition of an evenly spaced grid, written as <c>np.linspace(start, stop, count)</c> computes it (MNIST-1D
    /// must match numpy bit for bit): xᵢ = i·step + start with step = (stop − start)/(count − 1), the last point set to
    /// exactly <paramref name="stop"/>; a single point is <paramref name="start"/>. Callers validate their arguments.
    /// </summary>
    internal static double[] EvenlySpaced(double start, double stop, int count)
    {
        var grid = new double[count];
        if (count == 1)
        {
            grid[0] = start;
            return grid;
        }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) grid[i] = i * step + start;
        grid[^1] = stop;
        return grid;
    }

    /// <summary>Evaluates a scalar function point by point: Values[j, i] = f(xs[i], ys[j]).</summary>
    public static Grid2D Evaluate(double[] xs, double[] ys, Func<double, double, double> function)
    {
        CheckAxes(xs, ys);
        ArgumentNullException.ThrowIfNull(function);
        var values = new double[ys.Length, xs.Length];
        for (int j = 0; j < ys.Length; j++)
            for (int i = 0; i < xs.Length; i++)
                values[j, i] = function(xs[i], ys[j]);
        return new Grid2D(xs, ys, values);
    }

    /// <summary>
    /// Evaluates a batched function, one grid row at a time: <paramref name="batchFunction"/> receives an
    /// xs.Length × 2 matrix of points (x, y) and returns one value per row (for example a network's class-1
    /// probability). Evaluating row by row keeps the batch size constant, so a network reuses one set of buffers.
    /// </summary>
    public static Grid2D EvaluateBatched(double[] xs, double[] ys, Func<Matrix, double[]> batchFunction)
    {
        CheckAxes(xs, ys);
        ArgumentNullException.ThrowIfNull(batchFunction);
        var values = new double[ys.Length, xs.Length];
        var points = new Matrix(xs.Length, 2);
        for (int j = 0; j < ys.Length; j++)
        {
            for (int i = 0; i < xs.Length; i++) { points[i, 0] = xs[i]; points[i, 1] = ys[j]; }
            double[] row = batchFunction(points);
            if (row is null || row.Length != xs.Length)
                throw new InvalidOperationException(
                    $"batchFunction must return one value per point ({xs.Length}); it returned {row?.Length ?? 0}.");
            for (int i = 0; i < xs.Length; i++) values[j, i] = row[i];
        }
        return new Grid2D(xs, ys, values);
    }

    /// <summary>
    /// A square-ish grid covering the bounding box of 2-D <paramref name="features"/> widened by
    /// <paramref name="margin"/> on every side, with <paramref name="resolution"/> points per axis.
    /// </summary>
    public static (double[] Xs, double[] Ys) AxesAround(Matrix features, int resolution = 150, double margin = 0.5)
    {
        ArgumentNullException.ThrowIfNull(features);
        Guard.Equal(features.Cols, 2, nameof(features), "columns (a grid needs 2-D points)");
        Guard.NonNegative(margin, nameof(margin));
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        for (int r = 0; r < features.Rows; r++)
        {
            xMin = Math.Min(xMin, features[r, 0]); xMax = Math.Max(xMax, features[r, 0]);
            yMin = Math.Min(yMin, features[r, 1]); yMax = Math.Max(yMax, features[r, 1]);
        }
        if (margin == 0 && xMax == xMin) margin = 0.5;
        return (Linspace(xMin - margin, xMax + margin, resolution), Linspace(yMin - margin, yMax + margin, resolution));
    }

    private static void CheckAxes(double[] xs, double[] ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        Guard.NotEmpty(xs, nameof(xs));
        Guard.NotEmpty(ys, nameof(ys));
        Guard.AllFinite(xs, nameof(xs));
        Guard.AllFinite(ys, nameof(ys));
    }
}
