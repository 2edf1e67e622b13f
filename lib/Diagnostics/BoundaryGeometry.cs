using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// Numbers that describe a decision boundary drawn on a <see cref="Grid2D"/>, so "smoother" can be measured instead of
/// eyeballed. The boundary is the level set {f = level} (for a classifier's class-1 probability: level ½).
/// </summary>
public static class BoundaryGeometry
{
    /// <summary>
    /// Total length of the level set {f = level}, by marching squares: in every grid cell the crossing points on the
    /// cell's edges are found by linear interpolation and joined by straight segments (a saddle cell, with all four
    /// edges crossed, gets two segments, paired by the value at the cell centre). A jagged boundary that wraps around
    /// single training points is long; a smooth one is short.
    /// </summary>
    public static double Length(Grid2D grid, double level = 0.5)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Guard.Finite(level, nameof(level));
        double[] xs = grid.Xs, ys = grid.Ys;
        if (xs.Length < 2 || ys.Length < 2)
            throw new ArgumentException($"grid must have at least 2 × 2 points; got {xs.Length} × {ys.Length}.", nameof(grid));
        CheckValuesMatchAxes(grid, nameof(grid));
        double total = 0;
        Span<(double X, double Y)> crossings = stackalloc (double, double)[4];
        for (int j = 0; j + 1 < ys.Length; j++)
        {
            for (int i = 0; i + 1 < xs.Length; i++)
            {
                // Corners counter-clockwise: (i, j), (i+1, j), (i+1, j+1), (i, j+1); values relative to the level.
                double v0 = grid.Values[j, i] - level, v1 = grid.Values[j, i + 1] - level;
                double v2 = grid.Values[j + 1, i + 1] - level, v3 = grid.Values[j + 1, i] - level;
                int count = 0;
                AddCrossing(v0, v1, xs[i], ys[j], xs[i + 1], ys[j], crossings, ref count);
                AddCrossing(v1, v2, xs[i + 1], ys[j], xs[i + 1], ys[j + 1], crossings, ref count);
                AddCrossing(v2, v3, xs[i + 1], ys[j + 1], xs[i], ys[j + 1], crossings, ref count);
                AddCrossing(v3, v0, xs[i], ys[j + 1], xs[i], ys[j], crossings, ref count);
                if (count == 2)
                {
                    total += Distance(crossings[0], crossings[1]);
                }
                else if (count == 4)
                {
                    // Saddle: the centre's sign decides which crossings belong together.
                    bool centreAgreesWithCorner0 = (v0 + v1 + v2 + v3 > 0) == (v0 > 0);
                    total += centreAgreesWithCorner0
                        ? Distance(crossings[0], crossings[1]) + Distance(crossings[2], crossings[3])
                        : Distance(crossings[0], crossings[3]) + Distance(crossings[1], crossings[2]);
                }
            }
        }
        return total;
    }

    /// <summary>
    /// Fraction of grid points on which two functions fall on the same side of the level (for classifiers:
    /// the fraction of the plane where they make the same decision).
    /// </summary>
    public static double Agreement(Grid2D first, Grid2D second, double level = 0.5)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Values.GetLength(0) != second.Values.GetLength(0) || first.Values.GetLength(1) != second.Values.GetLength(1))
            throw new ArgumentException(
                $"second has {second.Values.GetLength(0)} × {second.Values.GetLength(1)} values, but first has " +
                $"{first.Values.GetLength(0)} × {first.Values.GetLength(1)}; they must be on the same grid.", nameof(second));
        CheckValuesMatchAxes(first, nameof(first));
        CheckValuesMatchAxes(second, nameof(second));
        if (!first.Xs.AsSpan().SequenceEqual(second.Xs) || !first.Ys.AsSpan().SequenceEqual(second.Ys))
            throw new ArgumentException(
                "second is evaluated on other axes than first; agreement compares two classifiers point by point, " +
                "so evaluate both on the same xs and ys.", nameof(second));
        int same = 0, total = first.Values.Length;
        for (int j = 0; j < first.Values.GetLength(0); j++)
            for (int i = 0; i < first.Values.GetLength(1); i++)
                if ((first.Values[j, i] > level) == (second.Values[j, i] > level)) same++;
        return (double)same / total;
    }

    private static void AddCrossing(double va, double vb, double xa, double ya, double xb, double yb,
        Span<(double X, double Y)> crossings, ref int count)
    {
        // The edge is crossed when its end values lie strictly on opposite sides (a value exactly on the level counts
        // as "below", so a crossing is never counted twice at a shared corner).
        if ((va > 0) == (vb > 0)) return;
        double t = va / (va - vb);
        crossings[count++] = (xa + t * (xb - xa), ya + t * (yb - ya));
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    // Grid2D stores Values[j, i] = f(Xs[i], Ys[j]): the value array must be Ys.Length × Xs.Length.
    private static void CheckValuesMatchAxes(Grid2D grid, string name)
    {
        if (grid.Values.GetLength(0) != grid.Ys.Length || grid.Values.GetLength(1) != grid.Xs.Length)
            throw new ArgumentException(
                $"{name} has {grid.Values.GetLength(0)} × {grid.Values.GetLength(1)} values, but its axes need " +
                $"{grid.Ys.Length} × {grid.Xs.Length} (one row per y, one column per x).", name);
    }
}
