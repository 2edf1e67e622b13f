using System.Diagnostics;
using System.Runtime.ExceptionServices;
using RegularizationLab.Errors;

namespace RegularizationLab.Training;

/// <summary>What one model of a sweep gets: its swept value, its index, and a progress callback to pass on to
/// its <see cref="TrainerOptions.Progress"/> (null when the sweep has no progress display).</summary>
public sealed record SweepContext<TValue>(TValue Value, int Index, Action<TrainingProgress>? Progress);

/// <summary>One model's outcome, in the order of the swept values.</summary>
public sealed record SweepResult<TValue, TResult>(TValue Value, int Index, TResult Result);

/// <summary>Combined progress of a sweep: one status line per model while it runs (to watch in class), and only the
/// summary line once every model is done (a finished sweep's output is not a list of "done" lines).</summary>
public sealed record SweepProgress(int Completed, int Total, IReadOnlyList<string> Lines, TimeSpan Elapsed)
{
    public bool Finished => Completed == Total;

    public override string ToString()
    {
        string summary = $"{Completed}/{Total} models done · {Elapsed.TotalSeconds:F1} s";
        return Finished ? summary : summary + Environment.NewLine + string.Join(Environment.NewLine, Lines);
    }
}

/// <summary>How a sweep runs.</summary>
public sealed record SweepOptions
{
    /// <summary>Train the models on several cores at once (default true). Results are identical either way, because
    /// each model owns its network, optimizer and seeded generators and nothing is shared.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>At most this many models at once (default: the number of cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Combined progress, throttled to <see cref="ProgressInterval"/> (wire it to a notebook display).</summary>
    public Action<SweepProgress>? Progress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(0.25);

    /// <summary>How a swept value is shown in the progress lines (default: ToString()).</summary>
    public Func<object?, string>? Label { get; init; }
}

/// <summary>
/// Trains one model per value of a hyperparameter (λ, ε, p, …), in parallel across cores. The caller's function
/// builds and trains one model from its <see cref="SweepContext{TValue}"/>; give each model its own seeds there
/// (e.g. the same initialization seed for every λ, so that only λ differs). Example:
/// <code>
/// var runs = Sweep.Run(new[] { 0.0, 0.005, 0.01 }, c =>
/// {
///     var net = Mlp.Create(new[] { 2, 64, 64, 2 }, seed: 1);
///     var opt = Sgd.LikeTheBlog(0.15, 1, 5e4, weightDecay: c.Value);
///     var history = new Trainer(net, new SoftmaxCrossEntropy(), opt, new TrainerOptions { Epochs = 2000, Seed = 1, Progress = c.Progress }).Train(data);
///     return (net, history);
/// }, new SweepOptions { Progress = p => bar.Update(p.ToString()) });
/// </code>
/// </summary>
public static class Sweep
{
    public static SweepResult<TValue, TResult>[] Run<TValue, TResult>(IReadOnlyList<TValue> values,
        Func<SweepContext<TValue>, TResult> trainOne, SweepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(trainOne);
        Guard.NotEmpty(values, nameof(values));
        options ??= new SweepOptions();
        Guard.Positive(options.MaxDegreeOfParallelism, nameof(options.MaxDegreeOfParallelism));

        var results = new SweepResult<TValue, TResult>[values.Count];
        var reporter = options.Progress is null ? null : new Reporter(values.Count, options);
        string Label(TValue v) => options.Label?.Invoke(v) ?? v?.ToString() ?? "null";

        void RunOne(int i)
        {
            Action<TrainingProgress>? progress = reporter is null ? null : p => reporter.Update(i, $"{Label(values[i])}: {p}", p.Finished);
            reporter?.Update(i, $"{Label(values[i])}: starting", false);
            TResult result = trainOne(new SweepContext<TValue>(values[i], i, progress));
            results[i] = new SweepResult<TValue, TResult>(values[i], i, result);
            reporter?.Update(i, $"{Label(values[i])}: done", true);
        }

        if (options.Parallel && values.Count > 1 && options.MaxDegreeOfParallelism > 1)
        {
            try
            {
                Parallel.For(0, values.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, RunOne);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Show the student the model's own error, not a wrapper.
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
        else
        {
            for (int i = 0; i < values.Count; i++) RunOne(i);
        }
        reporter?.Flush();
        return results;
    }

    /// <summary>Collects per-model lines and emits the combined status at most every ProgressInterval.</summary>
    private sealed class Reporter(int total, SweepOptions options)
    {
        private readonly object _lock = new();
        private readonly string[] _lines = Enumerable.Repeat("waiting", total).ToArray();
        private readonly bool[] _done = new bool[total];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _last;

        public void Update(int index, string line, bool done)
        {
            lock (_lock)
            {
                _lines[index] = line;
                _done[index] |= done;
                TimeSpan now = _clock.Elapsed;
                if (_last is { } last && now - last < options.ProgressInterval && !done) return;
                _last = now;
                options.Progress!(Snapshot(now));
            }
        }

        public void Flush()
        {
            lock (_lock) options.Progress!(Snapshot(_clock.Elapsed));
        }

        private SweepProgress Snapshot(TimeSpan now) => new(_done.Count(d => d), total, _lines.ToArray(), now);
    }
}
