using RegularizationLab.Optimizers;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// The fused kernels store a moment that has decayed into the subnormal range as 0 (subnormal arithmetic is ~100×
/// slower on x86). The tests make gradients 0 for long enough that the published loop's first moment does become
/// subnormal, and require that the kernels never store one while their weights stay those of the published loop.
/// </summary>
public class FlushToZeroTests
{
    private const int Entries = 19;               // two 8-wide vector blocks and a scalar tail
    private const int ActiveSteps = 10, Steps = 8000;
    private const double Tolerance = 1e-12;

    private static double[] Gradient(Random rng, int t) =>
        Enumerable.Range(0, Entries).Select(_ => t <= ActiveSteps ? rng.NextDouble() - 0.5 : 0.0).ToArray();

    private static double[] StartingWeights() => Enumerable.Range(0, Entries).Select(i => 0.1 * (i - 9)).ToArray();

    [Fact]
    public void Adam_never_stores_a_subnormal_moment_and_keeps_the_published_weights()
    {
        double[] w = StartingWeights(), m = new double[Entries], v = new double[Entries];
        double[] wRef = StartingWeights(), mRef = new double[Entries], vRef = new double[Entries];
        var rng = new Random(3);
        bool referenceWentSubnormal = false;
        for (int t = 1; t <= Steps; t++)
        {
            double[] g = Gradient(rng, t);
            UpdateRules.Adam(w, g, m, v, 0.9, 0.999, 1 / (1 - Math.Pow(0.9, t)), 1 / (1 - Math.Pow(0.999, t)),
                1e-8, step: 0.01, decay: 0.0);
            ReferenceUpdates.Adam(wRef, g, mRef, vRef, t, 0.01);
            referenceWentSubnormal |= mRef.Any(double.IsSubnormal);
            Assert.DoesNotContain(m, double.IsSubnormal);
            Assert.DoesNotContain(v, double.IsSubnormal);
            for (int i = 0; i < Entries; i++)
                Assert.True(Math.Abs(w[i] - wRef[i]) <= Tolerance * Math.Max(1, Math.Abs(wRef[i])),
                    $"step {t}, w[{i}]: reference {wRef[i]:R}, fused {w[i]:R}");
        }
        Assert.True(referenceWentSubnormal, "the published loop's first moment should reach the subnormal range");
        Assert.All(m, x => Assert.Equal(0.0, x));     // flushed, then stays 0 under zero gradients
    }

    [Fact]
    public void Momentum_never_stores_a_subnormal_velocity()
    {
        double[] velocity = new double[Entries], plain = new double[Entries];
        var rng = new Random(4);
        bool plainWentSubnormal = false;
        for (int t = 1; t <= Steps; t++)
        {
            double[] g = Gradient(rng, t);
            UpdateRules.Momentum(velocity, g, 0.9);
            for (int i = 0; i < Entries; i++) plain[i] = 0.9 * plain[i] + g[i];      // v ← μv + g
            plainWentSubnormal |= plain.Any(double.IsSubnormal);
            Assert.DoesNotContain(velocity, double.IsSubnormal);
            for (int i = 0; i < Entries; i++)
                Assert.True(velocity[i] == plain[i] || (velocity[i] == 0 && Math.Abs(plain[i]) < UpdateRules.SmallestNormal),
                    $"step {t}, v[{i}]: plain {plain[i]:R}, kernel {velocity[i]:R}");
        }
        Assert.True(plainWentSubnormal, "the plain loop's velocity should reach the subnormal range");
    }
}
