using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;
namespace RegularizationLab.Analysis.Tests;

/// <summary>RK4 and the gradient flows checked against closed-form solutions of linear ODEs.</summary>
public class FlowIntegrationTests
{
    // Harmonic oscillator y'' = −ω² y as the first-order system (y, v)' = (v, −ω² y): y(t) = cos ωt, v(t) = −ω sin ωt.
    private const double Omega = 3.0;
    private static double[] Oscillator(double[] s) => [s[1], -Omega * Omega * s[0]];

    private static double OscillatorError(int steps, double duration = 2.0)
    {
        double[] end = RungeKutta4.Integrate(Oscillator, [1.0, 0.0], duration, steps);
        return Math.Sqrt(Math.Pow(end[0] - Math.Cos(Omega * duration), 2) + Math.Pow(end[1] + Omega * Math.Sin(Omega * duration), 2));
    }

    [Fact]
    public void Rk4_on_an_oscillator_converges_with_order_four()
    {
        double e1 = OscillatorError(50), e2 = OscillatorError(100), e3 = OscillatorError(200);
        double order12 = Math.Log2(e1 / e2), order23 = Math.Log2(e2 / e3);
        Assert.InRange(order12, 3.8, 4.2);
        Assert.InRange(order23, 3.8, 4.2);
        Assert.True(OscillatorError(2000) < 1e-10);
    }

    [Fact]
    public void Rk4_single_step_matches_the_taylor_polynomial_of_a_linear_ode()
    {
        // For y' = λy one RK4 step multiplies by 1 + z + z²/2 + z³/6 + z⁴/24 exactly, z = λh.
        const double lambda = -1.7, h = 0.3;
        double z = lambda * h;
        double[] next = RungeKutta4.Step(y => [lambda * y[0]], [2.0], h);
        Assert.Equal(2.0 * (1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24), next[0], 14);
    }

    [Fact]
    public void Rk4_trajectory_samples_match_the_closed_form_at_every_sample()
    {
        var points = RungeKutta4.Trajectory(Oscillator, [1.0, 0.0], duration: 2.0, samples: 8, stepsPerSample: 200);
        Assert.Equal(9, points.Count);
        for (int s = 0; s <= 8; s++)
            Assert.Equal(Math.Cos(Omega * 0.25 * s), points[s][0], 9);
    }

    [Fact]
    public void Gradient_flow_on_a_quadratic_is_the_matrix_exponential()
    {
        var loss = new DiagonalQuadratic(1.0, 4.0);
        double[] start = [1.0, -0.5];
        double[] end = GradientFlow.FlowEndPoint(loss, start, duration: 1.5, rk4Steps: 600);
        Assert.Equal(start[0] * Math.Exp(-1.5), end[0], 11);
        Assert.Equal(start[1] * Math.Exp(-6.0), end[1], 11);
    }

    [Fact]
    public void Modified_flow_on_a_quadratic_has_rate_a_plus_alpha_a_squared_over_two()
    {
        // ∇L̃ = (a + α a²/2) φ, so φ(t) = φ₀ exp(−(a + α a²/2) t).
        var loss = new DiagonalQuadratic(1.0, 4.0);
        const double alpha = 0.05, t = 1.0;
        double[] end = GradientFlow.FlowEndPoint(loss, [1.0, 1.0], t, rk4Steps: 600, modifiedAlpha: alpha);
        Assert.Equal(Math.Exp(-(1 + alpha / 2) * t), end[0], 11);
        Assert.Equal(Math.Exp(-(4 + alpha * 8) * t), end[1], 11);
    }

    [Fact]
    public void Gradient_descent_is_closer_to_the_modified_flow_than_to_the_plain_flow_and_the_gap_is_third_order()
    {
        // GD on a quadratic: φ_n = (1 − αa)^n φ₀ exactly. Per step: log(1 − αa) = −αa − α²a²/2 − α³a³/3 − …, while the
        // modified flow matches the first two terms, so after time T the gaps scale like α (plain) and α² (modified).
        var loss = new DiagonalQuadratic(2.0);
        double Gap(double alpha, double modified)
        {
            int steps = (int)Math.Round(1.0 / alpha);
            double gd = GradientFlow.GradientDescentPath(loss, [1.0], alpha, steps)[^1][0];
            Assert.Equal(Math.Pow(1 - 2 * alpha, steps), gd, 14);
            double flow = GradientFlow.FlowEndPoint(loss, [1.0], steps * alpha, 2000, modified)[0];
            return Math.Abs(gd - flow);
        }
        double plain1 = Gap(0.02, 0), plain2 = Gap(0.01, 0);
        double mod1 = Gap(0.02, 0.02), mod2 = Gap(0.01, 0.01);
        Assert.True(mod1 < plain1 / 10);
        Assert.InRange(Math.Log2(plain1 / plain2), 0.9, 1.1);
        Assert.InRange(Math.Log2(mod1 / mod2), 1.9, 2.1);
    }

    [Fact]
    public void Flow_path_samples_line_up_with_gradient_descent_times()
    {
        var loss = new DiagonalQuadratic(1.0);
        var path = GradientFlow.FlowPath(loss, [1.0], duration: 0.5, samples: 5, stepsPerSample: 50);
        Assert.Equal(6, path.Count);
        for (int s = 0; s <= 5; s++) Assert.Equal(Math.Exp(-0.1 * s), path[s][0], 11);
    }

    [Fact]
    public void Bad_arguments_name_themselves()
    {
        var loss = new DiagonalQuadratic(1.0);
        Assert.Equal("alpha", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.GradientDescentStep(loss, [1.0], 0)).ParamName);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.GradientDescentPath(loss, [1.0], 0.1, -1)).ParamName);
        Assert.Equal("modifiedAlpha", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.FlowEndPoint(loss, [1.0], 1, 10, -0.1)).ParamName);
        Assert.Equal("b", Assert.ThrowsAny<ArgumentException>(() => GradientFlow.Distance([1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => RungeKutta4.Integrate(Oscillator, [1.0, 0], 1, 0)).ParamName);
        Assert.Equal("duration", Assert.ThrowsAny<ArgumentException>(() => RungeKutta4.Integrate(Oscillator, [1.0, 0], -1, 5)).ParamName);
        Assert.Equal("h", Assert.ThrowsAny<ArgumentException>(() => RungeKutta4.Step(Oscillator, [1.0, 0], double.NaN)).ParamName);
        Assert.Equal("f", Assert.ThrowsAny<ArgumentException>(() => RungeKutta4.Step(s => [s[0]], [1.0, 0], 0.1)).ParamName);
    }
}
