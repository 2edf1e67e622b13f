using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// Inverted dropout d = a·m, m = 1/(1−p) w.p. 1−p else 0, with a independent of m:
///   E[d] = E[a],   Var(d) = σ²/(1−p) + μ²·p/(1−p)   (the seeds' practice problem 3).
/// Tolerances are 5 standard errors computed from the sample size.
/// </summary>
public class DropoutTests
{
    private const double P = 0.3, Mu = 1.5, Sigma = 2.0;
    private const int Rows = 400, Cols = 500;      // N = 200,000 activations

    private static (Matrix Input, Matrix Output) Sample()
    {
        var rng = new Random(21);
        var x = new Matrix(Rows, Cols);
        for (int i = 0; i < x.Length; i++) x.Data[i] = rng.NextGaussian(Mu, Sigma);
        var layer = new Dropout(P, new Random(22));
        return (x, layer.Forward(x, training: true).Clone());
    }

    [Fact]
    public void Fraction_of_zeros_is_p()
    {
        var (_, d) = Sample();
        int n = d.Length;
        double fraction = d.Data.Count(v => v == 0.0) / (double)n;
        double standardError = Math.Sqrt(P * (1 - P) / n);          // binomial proportion
        Assert.True(Math.Abs(fraction - P) <= 5 * standardError, $"zero fraction {fraction}, expected {P} ± {5 * standardError:E2}");
    }

    [Fact]
    public void Training_output_mean_matches_the_input_mean()
    {
        var (x, d) = Sample();
        int n = d.Length;
        // mean(d) − mean(x) = mean(a·(m − 1)); E = 0, Var = E[a²]·Var(m)/n with Var(m) = p/(1−p).
        double difference = d.Data.Average() - x.Data.Average();
        double standardError = Math.Sqrt((Mu * Mu + Sigma * Sigma) * (P / (1 - P)) / n);
        Assert.True(Math.Abs(difference) <= 5 * standardError, $"mean(d) − mean(x) = {difference}, allowed ±{5 * standardError:E2}");
        Assert.True(Math.Abs(d.Data.Average() - Mu) <= 5 * Math.Sqrt(Variance() / n));
    }

    private static double Variance() => Sigma * Sigma / (1 - P) + Mu * Mu * P / (1 - P);

    [Fact]
    public void Training_output_variance_matches_the_formula()
    {
        var (_, d) = Sample();
        int n = d.Length;
        double mean = d.Data.Average();
        double variance = d.Data.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double fourthMoment = d.Data.Sum(v => Math.Pow(v - mean, 4)) / n;
        // Standard error of a sample variance: √((μ₄ − σ⁴)/n), with μ₄ estimated from the sample.
        double standardError = Math.Sqrt((fourthMoment - variance * variance) / n);
        double expected = Variance();
        Assert.True(Math.Abs(variance - expected) <= 5 * standardError,
            $"sample variance {variance}, formula σ²/(1−p) + μ²p/(1−p) = {expected}, allowed ±{5 * standardError:E2}");
    }

    [Fact]
    public void Mask_entries_are_zero_or_the_inverted_scale_and_backward_uses_them()
    {
        var layer = new Dropout(0.25, new Random(3));
        var x = Matrix.Filled(10, 12, 2.0);
        var y = layer.Forward(x, training: true);
        Assert.All(layer.Mask!.Data, m => Assert.True(m == 0.0 || m == 1.0 / 0.75));
        for (int i = 0; i < y.Length; i++) Assert.Equal(2.0 * layer.Mask.Data[i], y.Data[i]);
        var g = Matrix.Filled(10, 12, 3.0);
        var dx = layer.Backward(g);
        for (int i = 0; i < dx.Length; i++) Assert.Equal(3.0 * layer.Mask.Data[i], dx.Data[i]);
    }

    [Fact]
    public void Inference_is_the_identity_and_monte_carlo_passes_differ()
    {
        var layer = new Dropout(0.5, new Random(4));
        var x = Matrix.Filled(3, 40, 1.0);
        Assert.Same(x, layer.Forward(x, training: false));
        var first = layer.Forward(x, training: true).Clone();
        var second = layer.Forward(x, training: true).Clone();
        Assert.NotEqual(first.Data, second.Data);                    // a fresh mask per MC pass
    }

    [Fact]
    public void The_seeds_four_mask_example_averages_to_the_inference_output()
    {
        // Two hidden units h = (h₁, h₂), p = 0.5, output y = w₁h₁' + w₂h₂' where h' is the dropout output.
        double h1 = 0.8, h2 = -1.3, w1 = 2.0, w2 = 0.7;
        var h = Matrix.RowVector(h1, h2);
        var output = new Linear(2, 1, new Random(0));
        output.Weight.Value.Data[0] = w1;
        output.Weight.Value.Data[1] = w2;
        output.Bias.Value.Data[0] = 0;
        var dropout = new Dropout(0.5, new Random(0));

        var masks = new[] { (0, 0), (0, 1), (1, 0), (1, 1) };
        var expectedPerMask = new[] { 0.0, 2 * w2 * h2, 2 * w1 * h1, 2 * w1 * h1 + 2 * w2 * h2 };   // scaled by 1/(1−p) = 2
        double average = 0;
        for (int i = 0; i < 4; i++)
        {
            dropout.FixMask(Matrix.RowVector(masks[i].Item1, masks[i].Item2));
            double y = output.Forward(dropout.Forward(h, training: true), true)[0, 0];
            Assert.Equal(expectedPerMask[i], y, tolerance: 1e-15);
            average += 0.25 * y;                                       // each mask has probability ¼
        }
        double inference = output.Forward(dropout.Forward(h, training: false), false)[0, 0];
        Assert.Equal(w1 * h1 + w2 * h2, inference, tolerance: 1e-15);
        Assert.Equal(inference, average, tolerance: 1e-15);          // expectation linearity
    }

    [Fact]
    public void Release_mask_returns_to_sampling()
    {
        var layer = new Dropout(0.5, new Random(8));
        var keep = Matrix.Filled(2, 50, 1.0);
        layer.FixMask(keep);
        var x = Matrix.Filled(2, 50, 1.0);
        Assert.All(layer.Forward(x, true).Data, v => Assert.Equal(2.0, v));
        layer.ReleaseMask();
        Assert.Contains(0.0, layer.Forward(x, true).Data);
    }
}
