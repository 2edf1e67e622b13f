using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.ToyProblems;

/// <summary>The optimizer used by <see cref="DropoutParametrizations.Compare"/>.</summary>
public enum PlainOptimizer
{
    /// <summary>θ ← θ − α g.</summary>
    Sgd,

    /// <summary>Adam (Kingma &amp; Ba) with β = (0.9, 0.999) and ε = 0, so that it is exactly invariant to the scale of g.</summary>
    Adam,
}

/// <summary>How far two trainings of the same network drifted apart (largest absolute differences over the run).</summary>
/// <param name="OutputWeightGap">max |W₂′ − (1−p)W₂|: the weights right after the dropout layer.</param>
/// <param name="OtherParameterGap">max difference of W₁, b₁ (before the dropout layer) and b₂ (after it).</param>
public sealed record ParametrizationGap(double OutputWeightGap, double OtherParameterGap);

/// <summary>
/// Standard dropout with weight scaling and inverted dropout are one model in two parametrizations (W₂′ = (1−p)W₂).
/// Do their <em>training runs</em> coincide? This trains the network h = tanh(W₁x + b₁), z = W₂(k⊙h)·s + b₂ with a
/// squared loss twice on the same keep masks k: standard (s = 1, weights W₂) and inverted (s = 1/(1−p), weights
/// W₂′ = (1−p)W₂ at the start). Since ∂L/∂W₂′ = ∂L/∂W₂ / (1−p) and every other gradient is identical, the runs coincide
/// exactly when W₂′ gets the rate (1−p)²α under SGD, or (1−p)α under Adam (which divides out the gradient's scale),
/// and every other parameter keeps α.
/// </summary>
public static class DropoutParametrizations
{
    private const int Inputs = 3, Hidden = 5, Outputs = 2, Examples = 4;

    /// <summary>Trains both parametrizations for <paramref name="steps"/> steps and reports how far they drift apart.</summary>
    /// <param name="optimizer">SGD or Adam.</param>
    /// <param name="dropProbability">p in [0, 1).</param>
    /// <param name="rate">α, the learning rate of the standard network (all its parameters).</param>
    /// <param name="invertedOutputRate">The learning rate for W₂′ in the inverted network.</param>
    /// <param name="invertedOtherRate">The learning rate for W₁, b₁, b₂ in the inverted network.</param>
    /// <param name="steps">Training steps (one fresh mask per example and step).</param>
    /// <param name="seed">Seeds the data, the initial weights and the masks.</param>
    public static ParametrizationGap Compare(PlainOptimizer optimizer, double dropProbability, double rate,
        double invertedOutputRate, double invertedOtherRate, int steps, int seed)
    {
        Guard.InHalfOpenRange(dropProbability, 0, 1, nameof(dropProbability));
        Guard.Positive(rate, nameof(rate));
        Guard.Positive(invertedOutputRate, nameof(invertedOutputRate));
        Guard.Positive(invertedOtherRate, nameof(invertedOtherRate));
        Guard.Positive(steps, nameof(steps));
        var rng = new Random(seed);
        double q = 1 - dropProbability;
        double[,] x = Random2D(rng, Examples, Inputs), t = Random2D(rng, Examples, Outputs);
        var standard = new TinyNet(rng);
        var inverted = standard.Copy();
        for (int i = 0; i < inverted.W2.Length; i++) inverted.W2[i] *= q;   // W₂′ = (1−p)W₂
        double outputGap = 0, otherGap = 0;
        for (int step = 1; step <= steps; step++)
        {
            var keep = new double[Examples, Hidden];
            for (int e = 0; e < Examples; e++)
                for (int j = 0; j < Hidden; j++) keep[e, j] = rng.NextDouble() < dropProbability ? 0 : 1;
            standard.Step(x, t, keep, 1.0, optimizer, rate, rate, step);
            inverted.Step(x, t, keep, 1 / q, optimizer, invertedOutputRate, invertedOtherRate, step);
            for (int i = 0; i < standard.W2.Length; i++)
                outputGap = Math.Max(outputGap, Math.Abs(inverted.W2[i] - q * standard.W2[i]));
            otherGap = Math.Max(otherGap, standard.OtherParameters().Zip(inverted.OtherParameters(), (a, b) => Math.Abs(a - b)).Max());
        }
        return new ParametrizationGap(outputGap, otherGap);
    }

    private static double[,] Random2D(Random rng, int rows, int cols)
    {
        var a = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) a[r, c] = rng.NextGaussian();
        return a;
    }

    // The network's parameters as flat arrays (W₁ row-major Hidden × Inputs, W₂ row-major Outputs × Hidden), with Adam state.
    private sealed class TinyNet
    {
        public double[] W1 = new double[Hidden * Inputs], B1 = new double[Hidden];
        public double[] W2 = new double[Outputs * Hidden], B2 = new double[Outputs];
        private readonly double[][] _m = new double[4][], _v = new double[4][];

        public TinyNet(Random? rng)
        {
            if (rng is not null)
                foreach (double[] p in All()) for (int i = 0; i < p.Length; i++) p[i] = 0.5 * rng.NextGaussian();
            for (int k = 0; k < 4; k++) { _m[k] = new double[All()[k].Length]; _v[k] = new double[All()[k].Length]; }
        }

        public TinyNet Copy()
        {
            var copy = new TinyNet(null);
            for (int k = 0; k < 4; k++) Array.Copy(All()[k], copy.All()[k], All()[k].Length);
            return copy;
        }

        public double[][] All() => [W1, B1, W2, B2];

        public IEnumerable<double> OtherParameters() => W1.Concat(B1).Concat(B2);

        // Forward: h = tanh(W₁x + b₁), z = s·W₂(k⊙h) + b₂; loss ½Σ(z − t)²; backward by the chain rule.
        public void Step(double[,] x, double[,] t, double[,] keep, double scale, PlainOptimizer optimizer,
            double outputRate, double otherRate, int step)
        {
            var grads = All().Select(p => new double[p.Length]).ToArray();
            for (int e = 0; e < Examples; e++)
            {
                var h = new double[Hidden];
                for (int j = 0; j < Hidden; j++)
                {
                    double a = B1[j];
                    for (int i = 0; i < Inputs; i++) a += W1[j * Inputs + i] * x[e, i];
                    h[j] = Math.Tanh(a);
                }
                var dz = new double[Outputs];
                for (int o = 0; o < Outputs; o++)
                {
                    double z = B2[o];
                    for (int j = 0; j < Hidden; j++) z += scale * W2[o * Hidden + j] * keep[e, j] * h[j];
                    dz[o] = z - t[e, o];
                    grads[3][o] += dz[o];
                    for (int j = 0; j < Hidden; j++) grads[2][o * Hidden + j] += dz[o] * scale * keep[e, j] * h[j];
                }
                for (int j = 0; j < Hidden; j++)
                {
                    double dh = 0;
                    for (int o = 0; o < Outputs; o++) dh += dz[o] * scale * W2[o * Hidden + j] * keep[e, j];
                    double da = dh * (1 - h[j] * h[j]);
                    grads[1][j] += da;
                    for (int i = 0; i < Inputs; i++) grads[0][j * Inputs + i] += da * x[e, i];
                }
            }
            var parameters = All();
            for (int k = 0; k < 4; k++)
                Update(k, parameters[k], grads[k], k == 2 ? outputRate : otherRate, optimizer, step);
        }

        private void Update(int k, double[] p, double[] g, double rate, PlainOptimizer optimizer, int step)
        {
            for (int i = 0; i < p.Length; i++)
            {
                if (optimizer == PlainOptimizer.Sgd) { p[i] -= rate * g[i]; continue; }
                _m[k][i] = 0.9 * _m[k][i] + 0.1 * g[i];
                _v[k][i] = 0.999 * _v[k][i] + 0.001 * g[i] * g[i];
                double mHat = _m[k][i] / (1 - Math.Pow(0.9, step)), vHat = _v[k][i] / (1 - Math.Pow(0.999, step));
                if (vHat > 0) p[i] -= rate * mHat / Math.Sqrt(vHat);   // ε = 0: exactly scale-invariant
            }
        }
    }
}
