namespace RegularizationLab.Numerics;

/// <summary>
/// Local minima of a surface sampled on a grid (textbook fig. 9.1 counts them): an interior grid point whose value is
/// strictly below all eight neighbours. Coarse but assumption-free; refine each one with a local optimizer if the
/// exact position matters.
/// </summary>
public static class GridMinima
{
    /// <summary>The (x, y, value) of every interior grid point lower than its eight neighbours, lowest first.</summary>
    public static IReadOnlyList<(double X, double Y, double Value)> Find(Grid2D grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var values = grid.Values;
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var minima = new List<(double X, double Y, double Value)>();
        for (int r = 1; r < rows - 1; r++)
            for (int c = 1; c < cols - 1; c++)
            {
                double v = values[r, c];
                bool lowest = true;
                for (int dr = -1; dr <= 1 && lowest; dr++)
                    for (int dc = -1; dc <= 1; dc++)
                        if ((dr != 0 || dc != 0) && values[r + dr, c + dc] <= v) { lowest = false; break; }
                if (lowest) minima.Add((grid.Xs[c], grid.Ys[r], v));
            }
        return minima.OrderBy(m => m.Value).ToList();
    }
}
