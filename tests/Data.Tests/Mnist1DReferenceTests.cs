using RegularizationLab.Numerics;

namespace RegularizationLab.Data.Tests;

/// <summary>The generator must reproduce the published, frozen MNIST-1D data set on every value.</summary>
public class Mnist1DReferenceTests
{
    private const double Tolerance = 1e-5;
    private static readonly Lazy<Mnist1DDataset> Generated = new(() => Mnist1D.Generate());

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

    [Fact]
    public void TrainingSignalsMatchThePublishedDataSet() =>
        AssertMatrixMatches(Mnist1DReference.Instance.X, Generated.Value.X, "x");

    [Fact]
    public void TestSignalsMatchThePublishedDataSet() =>
        AssertMatrixMatches(Mnist1DReference.Instance.XTest, Generated.Value.XTest, "x_test");

    [Fact]
    public void LabelsMatchThePublishedDataSet()
    {
        Assert.Equal(Mnist1DReference.Instance.Y, Generated.Value.Y);
        Assert.Equal(Mnist1DReference.Instance.YTest, Generated.Value.YTest);
    }

    [Fact]
    public void PositionsMatchThePublishedDataSet()
    {
        double[] expected = Mnist1DReference.Instance.T;
        double[] actual = Generated.Value.T;
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"t[{i}]: expected {expected[i]}, got {actual[i]}.");
    }

    [Fact]
    public void TemplatesMatchThePublishedDataSet()
    {
        AssertMatrixMatches(Mnist1DReference.Instance.TemplatesX, Generated.Value.Templates.X, "templates.x");
        Assert.Equal(Mnist1DReference.Instance.TemplatesY, Generated.Value.Templates.Y);
    }
}
