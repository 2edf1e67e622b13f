using RegularizationLab.Data;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Analysis.Tests;

public class UnitDropoutDescentTests
{
    private const int H = 14;
    private const double GapFrom = 7.0 / H, GapTo = 9.0 / H;

    // Straight-line data y = 1 + 2x at 24 points of [0, 1] with none inside the gap (7/14, 9/14).
    private static RegressionSample GappedLine()
    {
        var xs = Enumerable.Range(0, 40).Select(i => i / 39.0).Where(x => x < GapFrom || x > GapTo).ToArray();
        return new RegressionSample(xs, xs.Select(x => 1 + 2 * x).ToArray());
    }

    // The exact fit of the line (β₀ = 1, β for unit 0 = 2: h₀(x) = x) plus a hat c·(h₇ − 2h₈ + h₉) hidden in the gap.
    private static double[] LineWithKink(double c)
    {
        var beta = new double[H + 1];
        beta[0] = 1; beta[1] = 2;
        beta[1 + 7] += c; beta[1 + 8] -= 2 * c; beta[1 + 9] += c;
        return beta;
    }

    [Fact]
    public void Gradient_matches_central_differences_with_and_without_a_removed_unit()
    {
        var descent = new UnitDropoutDescent(RegressionToy.Generate(seed: 4, count: 25, noise: 0.2), H);
        var random = new Random(12);
        var beta = Enumerable.Range(0, H + 1).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        foreach (int dropped in new[] { -1, 0, 6, H - 1 })
        {
            double[] analytic = descent.Gradient(beta, dropped);
            double[] numeric = FiniteDifferences.Gradient(b => descent.Loss(b, dropped), beta);
            double error = FiniteDifferences.RelativeError(analytic, numeric);
            Assert.True(error <= 1e-7, $"dropped {dropped}: relative error {error:E2}");
            if (dropped >= 0) Assert.Equal(0.0, analytic[dropped + 1]);   // the removed unit gets no gradient
        }
    }

    [Fact]
    public void Evaluate_and_loss_agree_with_the_fixed_joint_network_definition()
    {
        var data = GappedLine();
        var descent = new UnitDropoutDescent(data, H);
        double[] beta = LineWithKink(5);
        // Removing unit 8 equals zeroing its coefficient.
        var zeroed = (double[])beta.Clone(); zeroed[1 + 8] = 0;
        foreach (double x in new[] { 0.0, 0.3, 0.55, 0.6, 0.99 })
        {
            Assert.Equal(UnitDropoutDescent.Evaluate(zeroed, x), UnitDropoutDescent.Evaluate(beta, x, droppedUnit: 8), 12);
            double manual = beta[0] + Enumerable.Range(0, H).Sum(k => beta[k + 1] * Math.Max(0, x - (double)k / H));
            Assert.Equal(manual, UnitDropoutDescent.Evaluate(beta, x), 12);
        }
        Assert.Equal(data.X.Zip(data.Y).Average(p => Math.Pow(UnitDropoutDescent.Evaluate(zeroed, p.First) - p.Second, 2)),
            descent.Loss(beta, droppedUnit: 8), 12);
    }

    [Fact]
    public void Planted_kink_is_invisible_to_the_loss_and_its_gradient()
    {
        var descent = new UnitDropoutDescent(GappedLine(), H);
        Assert.Equal(0.0, descent.Loss(LineWithKink(0)), 15);
        Assert.Equal(0.0, descent.Loss(LineWithKink(6)), 15);
        Assert.All(descent.Gradient(LineWithKink(6)), g => Assert.Equal(0.0, g, 12));
        // The hat peaks at x = 8/14 with height c/14, which is what KinkHeight measures on the gap.
        Assert.Equal(6.0 / H, UnitDropoutDescent.KinkHeight(LineWithKink(6), GapFrom, GapTo), 12);
        Assert.Equal(0.0, UnitDropoutDescent.KinkHeight(LineWithKink(0), GapFrom, GapTo), 12);
    }

    [Fact]
    public void Unit_dropout_removes_the_planted_kink_that_plain_gradient_descent_keeps()
    {
        var descent = new UnitDropoutDescent(GappedLine(), H);
        double[] start = LineWithKink(6);
        double rate = 1 / descent.LargestCurvature();
        double before = UnitDropoutDescent.KinkHeight(start, GapFrom, GapTo);

        var plain = descent.Run(start, Array.Empty<int>(), 2000, rate, seed: 1);
        double plainAfter = UnitDropoutDescent.KinkHeight(plain[^1].Coefficients, GapFrom, GapTo);
        Assert.Equal(before, plainAfter, 9);   // zero gradient along the kink: not a digit changes

        var dropout = descent.Run(start, [7, 8, 9], 2000, rate, seed: 1);
        double[] final = dropout[^1].Coefficients;
        // Weight-scaling rule: units 7, 8, 9 were present 2 steps in 3.
        foreach (int k in new[] { 7, 8, 9 }) final[1 + k] *= 2.0 / 3;
        double dropoutAfter = UnitDropoutDescent.KinkHeight(final, GapFrom, GapTo);
        Assert.True(dropoutAfter < 0.05 * before, $"kink {before:F4} → {dropoutAfter:F4}");
        // …while the (scaled) network still fits the straight-line data it started on exactly.
        Assert.True(descent.Loss(final) < 1e-3, $"training MSE {descent.Loss(final):E2}");
    }

    [Fact]
    public void Run_records_on_schedule_is_seeded_and_does_not_touch_the_start()
    {
        var descent = new UnitDropoutDescent(GappedLine(), H);
        double[] start = LineWithKink(3);
        double[] copy = (double[])start.Clone();
        var a = descent.Run(start, [7, 8, 9], iterations: 250, rate: 0.1, seed: 5, recordEvery: 100);
        var b = descent.Run(start, [7, 8, 9], iterations: 250, rate: 0.1, seed: 5, recordEvery: 100);
        var c = descent.Run(start, [7, 8, 9], iterations: 250, rate: 0.1, seed: 6, recordEvery: 100);
        Assert.Equal(copy, start);
        Assert.Equal(new[] { 0, 100, 200, 250 }, a.Select(r => r.Iteration));
        Assert.Equal(a[^1].Coefficients, b[^1].Coefficients);
        Assert.NotEqual(a[^1].Coefficients, c[^1].Coefficients);
        Assert.Equal(start, a[0].Coefficients);
    }

    [Fact]
    public void Largest_curvature_is_the_top_eigenvalue_of_the_hessian()
    {
        var data = RegressionToy.Generate(seed: 8, count: 20);
        var descent = new UnitDropoutDescent(data, hiddenUnits: 5);
        int p = 6;
        var hessian = new double[p, p];
        foreach (double x in data.X)
        {
            double[] h = FixedJointNetwork.Features(x, 5);
            for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) hessian[a, b] += 2 * h[a] * h[b] / data.Count;
        }
        // Independent referee: the Hessian is the Jacobian of the gradient.
        var jacobian = FiniteDifferences.Jacobian(b => descent.Gradient(b), new double[p]);
        Assert.True(FiniteDifferences.RelativeError(hessian, jacobian) < 1e-7);
        // Power iteration must agree with a full symmetric eigen-decomposition (Jacobi, an independent algorithm).
        double lambda = descent.LargestCurvature();
        double top = SymmetricEigen.Decompose(RegularizationLab.Numerics.Matrix.FromArray(hessian)).Values.Max();
        Assert.Equal(top, lambda, 9);
        // And gradient descent at rate 1/λ_max on this quadratic loss decreases the loss every step.
        var run = descent.Run(new double[p], Array.Empty<int>(), iterations: 50, rate: 1 / lambda, seed: 0, recordEvery: 1);
        for (int t = 1; t < run.Count; t++)
            Assert.True(descent.Loss(run[t].Coefficients) <= descent.Loss(run[t - 1].Coefficients) + 1e-15);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var descent = new UnitDropoutDescent(GappedLine(), H);
        Assert.Equal("coefficients", Assert.ThrowsAny<ArgumentException>(() => descent.Loss(new double[3])).ParamName);
        Assert.Equal("coefficients", Assert.ThrowsAny<ArgumentException>(() => descent.Gradient(Enumerable.Repeat(double.NaN, H + 1).ToArray())).ParamName);
        Assert.Equal("candidateUnits", Assert.ThrowsAny<ArgumentException>(() => descent.Run(LineWithKink(1), [3, H], 10, 0.1, 0)).ParamName);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => descent.Run(LineWithKink(1), [3], 10, 0, 0)).ParamName);
        Assert.Equal("iterations", Assert.ThrowsAny<ArgumentException>(() => descent.Run(LineWithKink(1), [3], -1, 0.1, 0)).ParamName);
        Assert.Equal("to", Assert.ThrowsAny<ArgumentException>(() => UnitDropoutDescent.KinkHeight(LineWithKink(1), 0.5, 0.5)).ParamName);
        Assert.Equal("hiddenUnits", Assert.ThrowsAny<ArgumentException>(() => new UnitDropoutDescent(GappedLine(), 0)).ParamName);
        Assert.Equal("data.Y", Assert.ThrowsAny<ArgumentException>(() => new UnitDropoutDescent(new RegressionSample([1, 2], [1]))).ParamName);
    }
}
