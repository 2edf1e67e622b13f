using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// MNIST-1D (Greydanus &amp; Kobak): a small, procedurally generated 1-D stand-in for MNIST. Each example starts from one
/// of ten hand-drawn 12-point "digit" templates and is padded, stretched, scaled, shifted, noised and sheared, then
/// subsampled to 40 points. It is hard enough that model choices matter (a linear model gets ~32%, an MLP ~68%, a CNN
/// ~94% on the test set) yet small enough to train in seconds.
/// <para>
/// This is a port of the published algorithm (github.com/greydanus/mnist1d, data.py and transform.py), driven by an
/// exact port of numpy's legacy random generator (<see cref="NumpyRandomState"/>), so that with the default options it
/// reproduces the frozen, published data set value for value.
/// </para>
/// </summary>
public static class Mnist1D
{
    // Tiny offset added to every template value before padding, so that the template (even where it is 0) can be told
    // apart from the zero padding: only padding positions (exactly 0) receive correlated noise.
    private const double TemplateOffset = 1e-8;

    /// <summary>The ten digit templates, standardized per digit, shifted to start at 0 and scaled by 1/6.</summary>
    public static Mnist1DTemplates Templates()
    {
        double[][] digits =
        [
            [5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5],        // 0
            [5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5],      // 1
            [5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5],    // 2
            [5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5],          // 3
            [5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5],        // 4
            [5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5],            // 5
            [5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5],        // 6
            [5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5],      // 7
            [5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5],          // 8
            [5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5],          // 9
        ];
        int length = digits[0].Length;
        var x = new Matrix(digits.Length, length);
        for (int d = 0; d < digits.Length; d++)
        {
            // z = (v − mean(v)) / std(v), then z − z₀ so that every signal starts (and, by design, ends) at 0; then /6.
            double[] v = digits[d];
            double mean = v.Average();
            double std = Math.Sqrt(v.Select(a => (a - mean) * (a - mean)).Average());
            double first = (v[0] - mean) / std;
            for (int i = 0; i < length; i++) x[d, i] = ((v[i] - mean) / std - first) / 6.0;
        }
        double[] t = SignalOps.Linspace(-5, 5, length).Select(a => a / 6.0).ToArray();
        return new Mnist1DTemplates(x, t, Enumerable.Range(0, digits.Length).ToArray());
    }

    /// <summary>
    /// Generates MNIST-1D. With the default <paramref name="options"/> (5,000 signals, seed 42) the result equals the
    /// published data set: X 4,000 × 40, XTest 1,000 × 40, labels 0–9, T of length 40.
    /// </summary>
    public static Mnist1DDataset Generate(Mnist1DOptions? options = null)
    {
        options ??= new Mnist1DOptions();
        Validate(options);
        Mnist1DTemplates templates = Templates();
        var rng = new NumpyRandomState(unchecked((uint)options.Seed));
        int classes = templates.Y.Length;
        int perClass = options.SampleCount / classes;
        int n = perClass * classes;
        int length = options.FinalSequenceLength;

        // 1. Transform every template perClass times, class by class (the order fixes the random stream).
        var signals = new double[n][];
        var labels = new int[n];
        double[] t = [];
        for (int label = 0, row = 0; label < classes; label++)
        {
            double[] template = templates.X.Row(label).ToArray();
            for (int k = 0; k < perClass; k++, row++)
            {
                (signals[row], t) = Transform(template, templates.T, options, rng);
                labels[row] = templates.Y[label];
            }
        }

        // 2. Shuffle the examples (np.random.permutation), and optionally the positions within every signal.
        int[] order = rng.Permutation(n);
        int[]? positions = options.ShuffleSequence ? rng.Permutation(length) : null;
        var all = new Matrix(n, length);
        var allLabels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double[] source = signals[order[i]];
            for (int j = 0; j < length; j++) all[i, j] = source[positions is null ? j : positions[j]];
            allLabels[i] = labels[order[i]];
        }

        // 3. Standardize with the mean and (population) standard deviation of all n × 40 values; t is divided by the
        //    same standard deviation so that plots of (x, t) keep their aspect ratio.
        double mean = all.Data.Average();
        double std = Math.Sqrt(all.Data.Select(v => (v - mean) * (v - mean)).Average());
        double[] scaledT = t.Select(v => v / std).ToArray();
        for (int i = 0; i < all.Data.Length; i++) all.Data[i] = (all.Data[i] - mean) / std;

        // 4. Split: the first ⌊0.8·n⌋ shuffled examples train, the rest test.
        int split = (int)(n * options.TrainFraction);
        return new Mnist1DDataset(
            Rows(all, 0, split), allLabels[..split],
            Rows(all, split, n), allLabels[split..],
            scaledT, templates);
    }

    /// <summary>
    /// One MNIST-1D example from a template x (values) and its positions t. Returns the 40-point signal and the
    /// 40 resampled positions. The draws from <paramref name="rng"/>, in order: padding length, scale, shift,
    /// 72 correlated-noise Gaussians, 72 i.i.d. Gaussians, shear.
    /// </summary>
    public static (double[] Signal, double[] Positions) Transform(
        ReadOnlySpan<double> x, ReadOnlySpan<double> t, Mnist1DOptions options, NumpyRandomState rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        int stretched = options.TemplateLength + options.PaddingMax;   // 72

        // Pad: append p zeros, p = low + ⌊u·(high − low + 1)⌋ uniform on {36, …, 60}.
        int p = options.PaddingMin + (int)(rng.RandomSample() * (options.PaddingMax - options.PaddingMin + 1));
        var padded = new double[x.Length + p];
        for (int i = 0; i < x.Length; i++) padded[i] = x[i] + TemplateOffset;

        // Dilate: stretch the padded signal (12 + p points on [0, 1]) onto 72 points, so the digit itself is widened
        // by a random factor 72 / (12 + p). The positions t get the same stretch (without padding).
        double[] signal = SignalOps.Resample(padded, stretched);
        double[] positions = SignalOps.Resample(t, stretched);

        // Scale the amplitude by 1 + c·(u − ½).
        double scale = 1 + options.ScaleCoefficient * (rng.RandomSample() - 0.5);
        for (int i = 0; i < signal.Length; i++) signal[i] *= scale;

        // Translate: circular shift right by k (np.random.choice(48) = randint(0, 48)); new[i] = old[(i − k) mod 72].
        int shift = rng.RandInt(0, options.MaxTranslation);
        signal = RollRight(signal, shift);

        // Correlated noise fills the padding (exact zeros); the digit keeps its values.
        double[] white = rng.StandardNormal(signal.Length);
        for (int i = 0; i < white.Length; i++) white[i] *= options.CorrelatedNoiseScale;
        double[] smooth = SignalOps.GaussianFilter(white, sigma: 2);
        for (int i = 0; i < signal.Length; i++)
            if (signal[i] == 0) signal[i] = smooth[i];

        // Independent noise everywhere: x ← x + σ·ε.
        for (int i = 0; i < signal.Length; i++) signal[i] += options.IidNoiseScale * rng.StandardNormal();

        // Shear: x ← x − c·(u − ½)·s, s = linspace(−½, ½): a random linear tilt.
        double coefficient = options.ShearScale * (rng.RandomSample() - 0.5);
        double[] ramp = SignalOps.Linspace(-0.5, 0.5, signal.Length);
        for (int i = 0; i < signal.Length; i++) signal[i] -= coefficient * ramp[i];

        // Subsample the 72 points to the final 40.
        return (SignalOps.Resample(signal, options.FinalSequenceLength),
                SignalOps.Resample(positions, options.FinalSequenceLength));
    }

    private static double[] RollRight(double[] values, int shift)
    {
        int n = values.Length;
        var rolled = new double[n];
        for (int i = 0; i < n; i++) rolled[(i + shift) % n] = values[i];
        return rolled;
    }

    private static Matrix Rows(Matrix source, int start, int end)
    {
        var part = new Matrix(end - start, source.Cols);
        Array.Copy(source.Data, start * source.Cols, part.Data, 0, part.Data.Length);
        return part;
    }

    private static void Validate(Mnist1DOptions o)
    {
        Guard.Positive(o.SampleCount, nameof(o.SampleCount));
        if (o.SampleCount < 10)
            throw new ArgumentOutOfRangeException(nameof(o.SampleCount), o.SampleCount,
                $"SampleCount must be at least 10 (one signal per class); got {o.SampleCount}.");
        if (!(o.TrainFraction > 0 && o.TrainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(o.TrainFraction), o.TrainFraction,
                $"TrainFraction must be strictly between 0 and 1; got {o.TrainFraction}.");
        if (o.TemplateLength != 12)
            throw new ArgumentOutOfRangeException(nameof(o.TemplateLength), o.TemplateLength,
                $"TemplateLength must be 12 (the length of the built-in templates); got {o.TemplateLength}.");
        Guard.NonNegative(o.PaddingMin, nameof(o.PaddingMin));
        if (o.PaddingMax < o.PaddingMin)
            throw new ArgumentOutOfRangeException(nameof(o.PaddingMax), o.PaddingMax,
                $"PaddingMax must be ≥ PaddingMin ({o.PaddingMin}); got {o.PaddingMax}.");
        Guard.Positive(o.MaxTranslation, nameof(o.MaxTranslation));
        if (o.MaxTranslation > o.TemplateLength + o.PaddingMax)
            throw new ArgumentOutOfRangeException(nameof(o.MaxTranslation), o.MaxTranslation,
                $"MaxTranslation must be at most the stretched length {o.TemplateLength + o.PaddingMax}; got {o.MaxTranslation}.");
        Guard.NonNegative(o.ScaleCoefficient, nameof(o.ScaleCoefficient));
        Guard.NonNegative(o.CorrelatedNoiseScale, nameof(o.CorrelatedNoiseScale));
        Guard.NonNegative(o.IidNoiseScale, nameof(o.IidNoiseScale));
        Guard.NonNegative(o.ShearScale, nameof(o.ShearScale));
        if (o.FinalSequenceLength < 2)
            throw new ArgumentOutOfRangeException(nameof(o.FinalSequenceLength), o.FinalSequenceLength,
                $"FinalSequenceLength must be at least 2; got {o.FinalSequenceLength}.");
        if (o.Seed < 0)
            throw new ArgumentOutOfRangeException(nameof(o.Seed), o.Seed, $"Seed must be ≥ 0 (numpy's seed range); got {o.Seed}.");
    }
}
