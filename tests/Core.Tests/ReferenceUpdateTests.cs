using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// The fused, vectorized Adam/AdamW kernels against the plain published loops in <see cref="ReferenceUpdates"/>, step
/// by step: 200 steps of seeded gradients on a 19-entry weight (two 8-wide vector blocks and a scalar tail), a bias
/// that is not regularized, and a power-law schedule, so every branch of the kernel is compared.
/// </summary>
public class ReferenceUpdateTests
{
    private const int Steps = 200;
    private const double Tolerance = 1e-12;     // relative; the two only differ in the order of rounding

    private static readonly ILearningRateSchedule Schedule = new PowerLawSchedule(0.02, 0.5, 50);

    private sealed record Tensor(Parameter Parameter, double[] W, double[] M, double[] V);

    private static Tensor[] Tensors()
    {
        var rng = new Random(11);
        Tensor Make(string name, ParameterKind kind, int n)
        {
            var values = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            return new Tensor(new Parameter(name, kind, Matrix.RowVector(values)), (double[])values.Clone(), new double[n], new double[n]);
        }
        return [Make("W", ParameterKind.Weight, 19), Make("b", ParameterKind.Bias, 3)];
    }

    private static void Compare(IOptimizer fused, Action<Tensor, double[], int, double, double> reference)
    {
        var tensors = Tensors();
        var rng = new Random(5);
        for (int t = 1; t <= Steps; t++)
        {
            foreach (var tensor in tensors)
                for (int i = 0; i < tensor.W.Length; i++)
                    tensor.Parameter.Gradient.Data[i] = Math.Sin(3 * tensor.W[i]) + 0.3 * (rng.NextDouble() - 0.5);
            var gradients = tensors.Select(x => (double[])x.Parameter.Gradient.Data.Clone()).ToArray();
            fused.Step(tensors.Select(x => x.Parameter).ToArray());
            for (int k = 0; k < tensors.Length; k++)
            {
                reference(tensors[k], gradients[k], t, Schedule.Rate(t), Schedule.Multiplier(t));
                for (int i = 0; i < tensors[k].W.Length; i++)
                {
                    double expected = tensors[k].W[i], actual = tensors[k].Parameter.Value.Data[i];
                    Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)),
                        $"step {t}, {tensors[k].Parameter.Name}[{i}]: reference {expected:R}, fused {actual:R}");
                }
            }
        }
    }

    [Fact]
    public void Adam_kernel_matches_the_reference_loop_at_every_step() =>
        Compare(new Adam(Schedule), (x, g, t, rate, _) => ReferenceUpdates.Adam(x.W, g, x.M, x.V, t, rate));

    [Fact]
    public void Adam_with_coupled_L2_matches_the_reference_loop_on_the_coupled_gradient()
    {
        var penalty = new L2Penalty(0.05, L2Convention.LambdaSumOfSquares);
        Compare(new Adam(Schedule, penalty: penalty), (x, g, t, rate, _) =>
        {
            if (x.Parameter.Regularized) penalty.AddGradient(x.W, g);         // g = ∇L + 2λw
            ReferenceUpdates.Adam(x.W, g, x.M, x.V, t, rate);
        });
    }

    [Theory]
    [InlineData(WeightDecayScale.ScheduleMultiplier)]
    [InlineData(WeightDecayScale.LearningRate)]
    public void AdamW_kernel_matches_the_reference_loop_at_every_step(WeightDecayScale scale)
    {
        const double lambda = 0.04;
        Compare(new AdamW(Schedule, lambda, scale: scale), (x, g, t, rate, multiplier) =>
        {
            double decay = !x.Parameter.Regularized ? 0.0
                : scale == WeightDecayScale.ScheduleMultiplier ? lambda * multiplier : lambda * rate;
            ReferenceUpdates.AdamW(x.W, g, x.M, x.V, t, rate, decay);
        });
    }

    [Fact]
    public void The_reference_loop_rejects_mismatched_buffers_by_name()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            ReferenceUpdates.Adam(new double[3], new double[3], new double[2], new double[3], 1, 0.01));
        Assert.Equal("m", ((ArgumentException)e).ParamName);
        Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() =>
            ReferenceUpdates.Adam(new double[1], new double[1], new double[1], new double[1], 0, 0.01)).ParamName);
    }
}
