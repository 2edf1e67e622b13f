namespace RegularizationLab.Data;

/// <summary>
/// Settings of the MNIST-1D generator. The defaults are the published ones (Greydanus &amp; Kobak, "Scaling down deep
/// learning with MNIST-1D", 2020/2024), which produce the frozen data set everyone reports results on.
/// </summary>
public sealed record Mnist1DOptions
{
    /// <summary>Total number of signals, split equally over the ten classes (500 each by default).</summary>
    public int SampleCount { get; init; } = 5000;

    /// <summary>Fraction of the (shuffled) signals that go to the training set: 0.8 → 4,000 train / 1,000 test.</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>Length of each digit template (12 points).</summary>
    public int TemplateLength { get; init; } = 12;

    /// <summary>Zeros appended to a template: a random count in [PaddingMin, PaddingMax] (inclusive).</summary>
    public int PaddingMin { get; init; } = 36;

    /// <summary>Largest padding; the padded signal is stretched to TemplateLength + PaddingMax = 72 points.</summary>
    public int PaddingMax { get; init; } = 60;

    /// <summary>Amplitude scale factor 1 + c·(u − ½), u ~ U[0, 1): with c = 0.4 the factor lies in [0.8, 1.2).</summary>
    public double ScaleCoefficient { get; init; } = 0.4;

    /// <summary>Circular shift to the right by k ∈ {0, …, MaxTranslation − 1} positions.</summary>
    public int MaxTranslation { get; init; } = 48;

    /// <summary>Standard deviation of the white noise that is smoothed (σ = 2) and written into the zero padding.</summary>
    public double CorrelatedNoiseScale { get; init; } = 0.25;

    /// <summary>Standard deviation of the independent noise added to every point.</summary>
    public double IidNoiseScale { get; init; } = 0.02;

    /// <summary>Shear: subtract c·(u − ½)·s with s running linearly from −½ to ½ (a random tilt).</summary>
    public double ShearScale { get; init; } = 0.75;

    /// <summary>Also permute the 40 positions with one fixed random permutation (destroys locality; default off).</summary>
    public bool ShuffleSequence { get; init; }

    /// <summary>Length of every final signal (40).</summary>
    public int FinalSequenceLength { get; init; } = 40;

    /// <summary>Seed of numpy's legacy RandomState (np.random.seed).</summary>
    public int Seed { get; init; } = 42;
}
