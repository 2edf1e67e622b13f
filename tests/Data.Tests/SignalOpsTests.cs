namespace RegularizationLab.Data.Tests;

public class SignalOpsTests
{
    [Fact]
    public void LinspaceHitsBothEnds()
    {
        double[] g = SignalOps.Linspace(-0.5, 0.5, 72);
        Assert.Equal(-0.5, g[0]);
        Assert.Equal(0.5, g[^1]);
        Assert.Equal(1.0 / 71, g[1] - g[0], 15);
    }

    [Fact]
    public void InterpIsExactOnGridPointsAndLinearBetween()
    {
        double[] xp = [0, 1, 3];
        double[] fp = [2, 4, 0];
        Assert.Equal([2, 3, 4, 2, 0, 2, 0], SignalOps.Interp([0, 0.5, 1, 2, 3, -1, 5], xp, fp));
    }

    [Fact]
    public void GaussianKernelHasScipysRadiusAndSumsToOne()
    {
        double[] w = SignalOps.GaussianKernel(2.0);
        Assert.Equal(17, w.Length);                    // radius ⌊4·2 + 0.5⌋ = 8
        Assert.Equal(1.0, w.Sum(), 14);
        Assert.Equal(w[0], w[^1]);
        Assert.True(w[8] > w[7]);
    }

    [Fact]
    public void GaussianFilterKeepsConstantsAndTheSumUnderReflection()
    {
        double[] constant = Enumerable.Repeat(3.0, 20).ToArray();
        Assert.All(SignalOps.GaussianFilter(constant, 2), v => Assert.Equal(3.0, v, 12));
        // 'reflect' mirrors the signal at its edges, so an impulse at the first sample leaks no mass out of the array.
        double[] impulse = new double[30];
        impulse[0] = 1;
        double[] smooth = SignalOps.GaussianFilter(impulse, 2);
        Assert.Equal(1.0, smooth.Sum(), 12);
        double[] w = SignalOps.GaussianKernel(2);
        Assert.Equal(w[8] + w[7], smooth[0], 14);     // x̃₋₁ = x₀, so y₀ = (w₀ + w₁)·1
    }

    [Fact]
    public void ResampleStretchesALineToALine()
    {
        double[] line = Enumerable.Range(0, 12).Select(i => 2.0 * i).ToArray();
        double[] stretched = SignalOps.Resample(line, 72);
        for (int i = 0; i < 72; i++) Assert.Equal(22.0 * i / 71, stretched[i], 12);
    }
}
