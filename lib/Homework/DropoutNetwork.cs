using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>
/// Homework 2's network under test: 2 → 8 → 8 → 2 with tanh hidden units and inverted dropout (drop probability p)
/// after each hidden layer, and the scalar loss L(x) = ½ Σ output². <see cref="Loss"/> and <see cref="InputGradient"/>
/// each draw fresh dropout masks on every call, exactly like a network in training, until <see cref="FreezeMasks"/>
/// fixes them. The student writes the finite-difference check; the grader also hands it networks whose backward pass
/// has a planted bug, which a correct check must flag.
/// </summary>
public sealed class DropoutNetwork
{
    private const int Inputs = 2, Hidden = 8, Outputs = 2;

    private readonly double[,] _w1, _w2, _w3;
    private readonly double[] _b1, _b2, _b3;
    private readonly Random _maskRng;
    private readonly PlantedBug _bug;
    private int? _frozenSeed;

    /// <summary>A correct network with weights drawn from <paramref name="seed"/>.</summary>
    public DropoutNetwork(double p, int seed) : this(p, seed, PlantedBug.None) { }

    internal DropoutNetwork(double p, int seed, PlantedBug bug)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "the drop probability p must be in [0, 1).");
        DropProbability = p;
        _bug = bug;
        var rng = new Random(seed);
        (_w1, _b1) = (Weights(rng, Inputs, Hidden), Biases(rng, Hidden));
        (_w2, _b2) = (Weights(rng, Hidden, Hidden), Biases(rng, Hidden));
        (_w3, _b3) = (Weights(rng, Hidden, Outputs), Biases(rng, Outputs));
        _maskRng = new Random(seed + 1);
    }

    /// <summary>The mistakes the grader plants in a backward pass.</summary>
    internal enum PlantedBug
    {
        None,
        /// <summary>The second dropout layer's backward pass forgets the 1/(1 − p).</summary>
        MissingScaleInBackward,
        /// <summary>The first dropout layer's backward pass lets gradient through dropped units.</summary>
        MaskIgnoredInBackward,
    }

    public double DropProbability { get; }

    /// <summary>From now on every call uses the same two masks (drawn from <paramref name="seed"/> for each batch size).</summary>
    public void FreezeMasks(int seed) => _frozenSeed = seed;

    /// <summary>L(x) = ½ Σ output² for a batch x (rows = examples, 2 columns), with dropout on.</summary>
    public double Loss(Matrix x)
    {
        var pass = Forward(x);
        double loss = 0;
        foreach (var o in pass.Output) loss += 0.5 * o * o;
        return loss;
    }

    /// <summary>∂L/∂x by backpropagation, with dropout on (the masks of this call's own forward pass).</summary>
    public Matrix InputGradient(Matrix x)
    {
        var pass = Forward(x);
        int n = x.Rows;
        double scale = 1 / (1 - DropProbability);
        var gradient = new Matrix(n, Inputs);
        for (int r = 0; r < n; r++)
        {
            var gD2 = new double[Hidden];                                  // ∂L/∂d₂ = output·W₃ᵀ
            for (int j = 0; j < Hidden; j++)
                for (int k = 0; k < Outputs; k++) gD2[j] += pass.Output[r, k] * _w3[j, k];
            var gZ2 = new double[Hidden];                                  // through dropout 2, then tanh
            for (int j = 0; j < Hidden; j++)
            {
                double through = _bug == PlantedBug.MissingScaleInBackward ? pass.Mask2[r, j] : pass.Mask2[r, j] * scale;
                gZ2[j] = gD2[j] * through * (1 - pass.H2[r, j] * pass.H2[r, j]);
            }
            var gD1 = new double[Hidden];                                  // ∂L/∂d₁ = ∂L/∂z₂·W₂ᵀ
            for (int i = 0; i < Hidden; i++)
                for (int j = 0; j < Hidden; j++) gD1[i] += gZ2[j] * _w2[i, j];
            for (int i = 0; i < Hidden; i++)
            {
                double through = _bug == PlantedBug.MaskIgnoredInBackward ? scale : pass.Mask1[r, i] * scale;
                double gZ1 = gD1[i] * through * (1 - pass.H1[r, i] * pass.H1[r, i]);
                for (int c = 0; c < Inputs; c++) gradient[r, c] += gZ1 * _w1[c, i];
            }
        }
        return gradient;
    }

    private sealed record Pass(double[,] H1, double[,] Mask1, double[,] H2, double[,] Mask2, double[,] Output);

    private Pass Forward(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != Inputs) throw new ArgumentException($"x must have {Inputs} columns (one row per example); it is {x.Shape}.", nameof(x));
        int n = x.Rows;
        var rng = _frozenSeed is int seed ? new Random(seed * 7919 + n) : _maskRng;
        var mask1 = Mask(rng, n);
        var mask2 = Mask(rng, n);
        double scale = 1 / (1 - DropProbability);
        double[,] h1 = new double[n, Hidden], h2 = new double[n, Hidden], output = new double[n, Outputs];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < Hidden; j++)                                // h₁ = tanh(x·W₁ + b₁)
            {
                double z = _b1[j];
                for (int c = 0; c < Inputs; c++) z += x[r, c] * _w1[c, j];
                h1[r, j] = Math.Tanh(z);
            }
            for (int j = 0; j < Hidden; j++)                                // h₂ = tanh(d₁·W₂ + b₂), d₁ = h₁ ⊙ m₁/(1 − p)
            {
                double z = _b2[j];
                for (int i = 0; i < Hidden; i++) z += h1[r, i] * mask1[r, i] * scale * _w2[i, j];
                h2[r, j] = Math.Tanh(z);
            }
            for (int k = 0; k < Outputs; k++)                               // output = d₂·W₃ + b₃, d₂ = h₂ ⊙ m₂/(1 − p)
            {
                double z = _b3[k];
                for (int j = 0; j < Hidden; j++) z += h2[r, j] * mask2[r, j] * scale * _w3[j, k];
                output[r, k] = z;
            }
        }
        return new Pass(h1, mask1, h2, mask2, output);
    }

    /// <summary>
    /// Bernoulli(1 − p) keep masks, except that for 0 &lt; p &lt; 1 every row keeps at least one unit and drops at least
    /// one: a planted bug in a dropout layer's backward pass then always shows (with no dropped unit, ignoring the mask
    /// changes nothing; with no kept unit, a missing scale multiplies zero), whatever seed the student freezes.
    /// </summary>
    private double[,] Mask(Random rng, int n)
    {
        var mask = new double[n, Hidden];
        for (int r = 0; r < n; r++)
        {
            int kept = 0;
            for (int j = 0; j < Hidden; j++)
            {
                mask[r, j] = rng.NextDouble() < DropProbability ? 0 : 1;
                kept += (int)mask[r, j];
            }
            if (DropProbability > 0 && kept == Hidden) mask[r, rng.Next(Hidden)] = 0;
            if (DropProbability > 0 && kept == 0) mask[r, rng.Next(Hidden)] = 1;
        }
        return mask;
    }

    private static double[,] Weights(Random rng, int rows, int cols)
    {
        var w = new double[rows, cols];
        double scale = 1.5 / Math.Sqrt(rows);                               // large enough that tanh is not linear
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) w[i, j] = scale * (2 * rng.NextDouble() - 1);
        return w;
    }

    private static double[] Biases(Random rng, int count) => [.. Enumerable.Range(0, count).Select(_ => 0.2 * (2 * rng.NextDouble() - 1))];
}
