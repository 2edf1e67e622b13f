using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;

namespace RegularizationLab.Training;

/// <summary>
/// One candidate of a model-selection study: a method ("dropout"), one setting of it ("p = 0.2"), how many networks it
/// trains (its compute budget in trainings: an ensemble of five costs five), and how to train it for one seed. Train
/// returns the trained predictor: inputs → class probabilities (one row per example).
/// </summary>
public sealed record Candidate(string Method, string Setting, int Trainings, Func<int, Func<Matrix, Matrix>> Train);

/// <summary>One candidate trained with one seed, scored on the validation and test sets.</summary>
public sealed record CandidateRun(Candidate Candidate, int Seed, double ValidationAccuracy, double TestAccuracy);

/// <summary>
/// A method after choosing its setting by mean validation accuracy: the per-seed validation and test accuracies of the
/// chosen setting. Spread = sample standard deviation over seeds.
/// </summary>
public sealed record MethodResult(string Method, string ChosenSetting, int Trainings, double[] Validation, double[] Test)
{
    public double ValidationMean => Validation.Average();
    public double TestMean => Test.Average();
    public double ValidationSpread => SampleSd(Validation);
    public double TestSpread => SampleSd(Test);

    private static double SampleSd(double[] v)
    {
        if (v.Length < 2) return double.NaN;
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1));
    }
}

/// <summary>
/// Runs a set of candidates over seeds (in parallel, through <see cref="Sweep"/>), chooses each method's setting on the
/// validation set, and compares methods honestly: A beats B only when A's worst seed is above B's best seed.
/// </summary>
public static class ModelSelection
{
    /// <summary>Trains every candidate with every seed and scores it; results in candidate-major, seed-minor order.</summary>
    public static CandidateRun[] Run(IReadOnlyList<Candidate> candidates, IReadOnlyList<int> seeds, Dataset validation,
        Dataset test, SweepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        Guard.NotEmpty(candidates, nameof(candidates));
        Guard.NotEmpty(seeds, nameof(seeds));
        foreach (Candidate c in candidates)
            if (c.Trainings < 1)
                throw new ArgumentException($"candidate {c.Method} ({c.Setting}) must cost at least 1 training; got {c.Trainings}.",
                    nameof(candidates));
        var jobs = candidates.SelectMany(c => seeds.Select(s => (Candidate: c, Seed: s))).ToArray();
        options = (options ?? new SweepOptions()) with
        {
            Label = options?.Label ?? (o => o is ValueTuple<Candidate, int> job
                ? $"{job.Item1.Method} ({job.Item1.Setting}), seed {job.Item2}" : o?.ToString() ?? ""),
        };
        var results = Sweep.Run(jobs, context =>
        {
            Func<Matrix, Matrix> predict = context.Value.Candidate.Train(context.Value.Seed);
            return new CandidateRun(context.Value.Candidate, context.Value.Seed,
                AccuracyOf(predict, validation), AccuracyOf(predict, test));
        }, options);
        return results.Select(r => r.Result).ToArray();
    }

    /// <summary>For each method (in first-seen order) the setting with the highest mean validation accuracy; ties go
    /// to the setting listed first.</summary>
    public static MethodResult[] ChoosePerMethod(IReadOnlyList<CandidateRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        Guard.NotEmpty(runs, nameof(runs));
        return runs.GroupBy(r => r.Candidate.Method).Select(method =>
        {
            var settings = method.GroupBy(r => r.Candidate).ToArray();
            var best = settings.Aggregate((a, b) =>
                b.Average(r => r.ValidationAccuracy) > a.Average(r => r.ValidationAccuracy) ? b : a);
            var ordered = best.OrderBy(r => r.Seed).ToArray();
            return new MethodResult(method.Key, best.Key.Setting, best.Key.Trainings,
                ordered.Select(r => r.ValidationAccuracy).ToArray(), ordered.Select(r => r.TestAccuracy).ToArray());
        }).ToArray();
    }

    /// <summary>True when every seed of <paramref name="a"/> tests above every seed of <paramref name="b"/>.</summary>
    public static bool Beats(MethodResult a, MethodResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Beats(a.Test, b.Test);
    }

    /// <summary>The course's rule for "A beats B" on per-seed scores (higher is better): A's worst seed above B's best.
    /// </summary>
    public static bool Beats(IReadOnlyCollection<double> a, IReadOnlyCollection<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
            throw new ArgumentException($"both need at least one seed; got {a.Count} and {b.Count}.", a.Count == 0 ? nameof(a) : nameof(b));
        return a.Min() > b.Max();
    }

    private static double AccuracyOf(Func<Matrix, Matrix> predict, Dataset data)
    {
        Matrix probabilities = predict(data.Features);
        if (probabilities.Rows != data.Count)
            throw new InvalidOperationException(
                $"a predictor returned {probabilities.Rows} rows for {data.Count} examples; it must return one row per example.");
        return Accuracy.Of(probabilities, data.RequireLabels());
    }
}
