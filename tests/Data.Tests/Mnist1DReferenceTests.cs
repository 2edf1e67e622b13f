using RegularizationLab.Numerics;

namespace RegularizationLab.Data.Tests;

/// <summary>
/// The generator must reproduce the published, frozen MNIST-1D data set on every value. Needs the published file
/// (skipped with the reason when it is absent; Mnist1DFingerprintTests then checks the same against the fingerprint).
/// </summary>
public class Mnist1DReferenceTests
{
    private const double Tolerance = 1e-5;
    private static readonly Lazy<Mnist1DDataset> Generated = new(() => Mnist1D.Generate());

    /// <summary>The published set, or a skip (with the reason) when its file is absent.</summary>
    private static Mnist1DReference Published
    {
        get
        {
            Mnist1DReference.SkipIfAbsent();
            return Mnist1DReference.Instance;
        }
    }

    private static void AssertMatrixMatches(double[][] expected, Matrix actual, string name)
    {
        Assert.Equal(expected.Length, actual.Rows);
        Assert.Equal(expected[0].Length, actual.Cols);
        double worst = 0;
        int worstRow = -1, worstCol = -1;
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < expected[r].Length; c++)
            {
                double d = Math.Abs(expected[r][c] - actual[r, c]);
                if (!(d <= worst)) { worst = d; worstRow = r; worstCol = c; }
            }
        Assert.True(worst <= Tolerance,
            $"{name}: largest deviation {worst:G3} at [{worstRow}, {worstCol}] " +
            $"(expected {expected[Math.Max(worstRow, 0)][Math.Max(worstCol, 0)]}, got {actual[Math.Max(worstRow, 0), Math.Max(worstCol, 0)]}).");
    }

    [SkippableFact]
    public void TrainingSignalsMatchThePublishedDataSet() =>
        AssertMatrixMatches(Published.X, Generated.Value.X, "x");

    [SkippableFact]
    public void TestSignalsMatchThePublishedDataSet() =>
        AssertMatrixMatches(Published.XTest, Generated.Value.XTest, "x_test");

    [SkippableFact]
    public void LabelsMatchThePublishedDataSet()
    {
        Assert.Equal(Published.Y, Generated.Value.Y);
        Assert.Equal(Published.YTest, Generated.Value.YTest);
    }

    [SkippableFact]
    public void PositionsMatchThePublishedDataSet()
    {
        double[] expected = Published.T;
        double[] actual = Generated.Value.T;
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"t[{i}]: expected {expected[i]}, got {actual[i]}.");
    }

    [SkippableFact]
    public void TemplatesMatchThePublishedDataSet()
    {
        AssertMatrixMatches(Published.TemplatesX, Generated.Value.Templates.X, "templates.x");
        Assert.Equal(Published.TemplatesY, Generated.Value.Templates.Y);
    }
}
