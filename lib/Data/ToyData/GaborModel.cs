using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The textbook's Gabor model (section 6.1.2, used for the loss surfaces of figures 9.1, 9.3 and 9.4):
///     f[x, φ] = sin(u) · exp(−u² / 32),   u = φ₀ + 0.06 φ₁ x,
/// a sine wave under a Gaussian envelope; φ₀ shifts it and φ₁ sets its frequency. Its least-squares loss
/// L[φ] = Σ_i (f[x_i, φ] − y_i)² has several local minima, which is why the chapter uses it to show how a
/// penalty reshapes a loss surface. (Chapter 9 shows the surfaces but not the formula; it is chapter 6's model,
/// cited by chapter 9 and the lecture slides.)
/// Training data (our choice; the chapter does not list them): inputs uniform in [−15, 15], outputs from the true
/// parameters φ = (<see cref="TrueOffset"/>, <see cref="TrueFrequency"/>) plus Gaussian noise σ = 0.1.
/// </summary>
public static class GaborModel
{
    public const double FrequencyScale = 0.06;
    public const double EnvelopeDenominator = 32;
    public const double TrueOffset = 0.0;
    public const double TrueFrequency = 16.0;
    public const double InputRange = 15.0;

    /// <summary>f[x, φ] = sin(u)·exp(−u²/32), u = φ₀ + 0.06 φ₁ x.</summary>
    public static double Evaluate(double x, double phi0, double phi1)
    {
        double u = phi0 + FrequencyScale * phi1 * x;
        return Math.Sin(u) * Math.Exp(-u * u / EnvelopeDenominator);
    }

    /// <summary>
    /// The profile g(u) = sin(u)·e^{−u²/32} and its first two derivatives, from which every derivative of f follows
    /// by the chain rule (∂u/∂φ = (1, 0.06 x), and u is linear in φ):
    ///     g′(u) = e^{−u²/32} (cos u − (u/16) sin u),
    ///     g″(u) = e^{−u²/32} (−(17/16) sin u − (u/8) cos u + (u²/256) sin u).
    /// </summary>
    public static (double Value, double First, double Second) Profile(double u)
    {
        double envelope = Math.Exp(-u * u / EnvelopeDenominator), sin = Math.Sin(u), cos = Math.Cos(u);
        return (sin * envelope,
                envelope * (cos - u / 16.0 * sin),
                envelope * (-17.0 / 16.0 * sin - u / 8.0 * cos + u * u / 256.0 * sin));
    }

    /// <summary>
    /// ∂f/∂φ₀ and ∂f/∂φ₁. With g(u) = sin(u) e^{−u²/32}:  g′(u) = e^{−u²/32} (cos u − (u/16) sin u),
    /// ∂u/∂φ₀ = 1, ∂u/∂φ₁ = 0.06 x.
    /// </summary>
    public static (double DPhi0, double DPhi1) ParameterGradient(double x, double phi0, double phi1)
    {
        double u = phi0 + FrequencyScale * phi1 * x;
        double dfdu = Math.Exp(-u * u / EnvelopeDenominator) * (Math.Cos(u) - 2 * u / EnvelopeDenominator * Math.Sin(u));
        return (dfdu, dfdu * FrequencyScale * x);
    }

    /// <summary>Noisy training data from the true parameters (see the class summary).</summary>
    public static RegressionSample GenerateData(int seed, int count = 30, double noise = 0.1,
        double phi0 = TrueOffset, double phi1 = TrueFrequency)
    {
        Guard.Positive(count, nameof(count));
        Guard.NonNegative(noise, nameof(noise));
        Guard.Finite(phi0, nameof(phi0));
        Guard.Finite(phi1, nameof(phi1));
        var random = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = InputRange * (2 * random.NextDouble() - 1);
            y[i] = Evaluate(x[i], phi0, phi1) + noise * random.NextGaussian();
        }
        return new RegressionSample(x, y);
    }

    /// <summary>Least-squares loss L[φ] = Σ_i (f[x_i, φ] − y_i)² (a sum, as in the textbook).</summary>
    public static double Loss(RegressionSample data, double phi0, double phi1)
    {
        CheckData(data);
        double loss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = Evaluate(data.X[i], phi0, phi1) - data.Y[i];
            loss += r * r;
        }
        return loss;
    }

    /// <summary>∂L/∂φ = Σ_i 2 (f[x_i, φ] − y_i) ∂f/∂φ.</summary>
    public static (double DPhi0, double DPhi1) LossGradient(RegressionSample data, double phi0, double phi1) =>
        LossGradient(data, phi0, phi1, 0, data.Count);

    /// <summary>The gradient of the loss over examples [start, start + count) only (a mini-batch, for SGD paths).</summary>
    public static (double DPhi0, double DPhi1) LossGradient(RegressionSample data, double phi0, double phi1, int start, int count)
    {
        CheckData(data);
        double g0 = 0, g1 = 0;
        for (int i = start; i < start + count; i++)
        {
            double r = Evaluate(data.X[i], phi0, phi1) - data.Y[i];
            var (d0, d1) = ParameterGradient(data.X[i], phi0, phi1);
            g0 += 2 * r * d0;
            g1 += 2 * r * d1;
        }
        return (g0, g1);
    }

    /// <summary>
    /// The loss on a grid for a contour plot: values[j, i] = L[φ₀ = phi0s[i], φ₁ = phi1s[j]]
    /// (rows follow φ₁, the vertical axis, as a heat map expects).
    /// </summary>
    public static double[,] LossSurface(RegressionSample data, IReadOnlyList<double> phi0s, IReadOnlyList<double> phi1s)
    {
        ArgumentNullException.ThrowIfNull(phi0s);
        ArgumentNullException.ThrowIfNull(phi1s);
        var values = new double[phi1s.Count, phi0s.Count];
        for (int j = 0; j < phi1s.Count; j++)
            for (int i = 0; i < phi0s.Count; i++)
                values[j, i] = Loss(data, phi0s[i], phi1s[j]);
        return values;
    }

    /// <summary>
    /// Full-batch gradient descent φ ← φ − α ∂L/∂φ from (phi0, phi1); returns the path including the start
    /// (steps + 1 points) and the loss at each point.
    /// </summary>
    public static ParameterPath GradientDescentPath(RegressionSample data, double phi0, double phi1,
        double learningRate, int steps)
    {
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.NonNegative(steps, nameof(steps));
        var path = new ParameterPath(steps + 1);
        path.Add(phi0, phi1, Loss(data, phi0, phi1));
        for (int t = 0; t < steps; t++)
        {
            var (g0, g1) = LossGradient(data, phi0, phi1);
            phi0 -= learningRate * g0;
            phi1 -= learningRate * g1;
            path.Add(phi0, phi1, Loss(data, phi0, phi1));
        }
        return path;
    }

    /// <summary>
    /// Stochastic gradient descent with mini-batches of <paramref name="batchSize"/>: each epoch visits the data in a
    /// fresh seeded random order; each step uses the batch's gradient scaled by n / batchSize so that its expectation
    /// equals the full-batch gradient of the summed loss. Records the parameters after every step.
    /// </summary>
    public static ParameterPath StochasticGradientDescentPath(RegressionSample data, double phi0, double phi1,
        double learningRate, int batchSize, int steps, int seed)
    {
        CheckData(data);
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.Positive(batchSize, nameof(batchSize));
        Guard.NonNegative(steps, nameof(steps));
        if (batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"batchSize must be at most the number of data points ({data.Count}); got {batchSize}.");
        var random = new Random(seed);
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        var shuffled = new RegressionSample(new double[data.Count], new double[data.Count]);
        var path = new ParameterPath(steps + 1);
        path.Add(phi0, phi1, Loss(data, phi0, phi1));
        int position = data.Count;   // forces a shuffle before the first step
        double scale = (double)data.Count / batchSize;
        for (int t = 0; t < steps; t++)
        {
            if (position + batchSize > data.Count)
            {
                random.Shuffle(order);
                for (int i = 0; i < order.Length; i++) { shuffled.X[i] = data.X[order[i]]; shuffled.Y[i] = data.Y[order[i]]; }
                position = 0;
            }
            var (g0, g1) = LossGradient(shuffled, phi0, phi1, position, batchSize);
            position += batchSize;
            phi0 -= learningRate * scale * g0;
            phi1 -= learningRate * scale * g1;
            path.Add(phi0, phi1, Loss(data, phi0, phi1));
        }
        return path;
    }

    private static void CheckData(RegressionSample data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.NotEmpty(data.X, "data.X");
        Guard.Equal(data.Y.Length, data.X.Length, "data.Y", "entries (one per input)");
    }
}

/// <summary>A path through a two-parameter space: (φ₀, φ₁) and the loss at each visited point.</summary>
public sealed class ParameterPath
{
    private readonly List<double> _phi0, _phi1, _loss;

    public ParameterPath(int capacity = 16)
    {
        _phi0 = new List<double>(capacity);
        _phi1 = new List<double>(capacity);
        _loss = new List<double>(capacity);
    }

    public void Add(double phi0, double phi1, double loss)
    {
        _phi0.Add(phi0);
        _phi1.Add(phi1);
        _loss.Add(loss);
    }

    public double[] Phi0 => _phi0.ToArray();
    public double[] Phi1 => _phi1.ToArray();
    public double[] Loss => _loss.ToArray();
    public int Count => _phi0.Count;
    public (double Phi0, double Phi1) Final => (_phi0[^1], _phi1[^1]);
}
