namespace RegularizationLab.Homework;

/// <summary>
/// The engine behind every check: runs the student's function on each case (hand-picked edge cases first, then
/// seeded random ones) next to the reference, on a separate thread with a time limit, and turns what happened into
/// one line: what was verified, or the smallest failing input with expected vs got and a hint.
/// </summary>
/// <remarks>
/// A thread that loops forever cannot be stopped in .NET; after the time limit the check reports the timeout and
/// returns, and the runaway thread keeps a core busy until the kernel restarts (the message says so). The grader runs
/// every submission in its own process with a total time limit, so a runaway thread cannot hold up a class.
/// </remarks>
public sealed class FunctionCheck<TInput, TOutput>
{
    /// <summary>The name students see, e.g. "soft_threshold".</summary>
    public required string Name { get; init; }

    /// <summary>How the call reads in a message, e.g. input => $"SoftThreshold({input.X}, {input.Lambda})".</summary>
    public required Func<TInput, string> Call { get; init; }

    public required Func<TInput, TOutput> Reference { get; init; }

    public required IReadOnlyList<CheckCase<TInput>> Cases { get; init; }

    /// <summary>Null when <c>got</c> is acceptable; otherwise what is wrong with it.</summary>
    public required Func<TInput, TOutput, TOutput, Mismatch?> Compare { get; init; }

    /// <summary>What a passing run verified besides the case count, e.g. "|x| = λ boundaries, λ = 0".</summary>
    public required string Verified { get; init; }

    /// <summary>The tolerance stated in the passing line.</summary>
    public Tolerance Tolerance { get; init; } = Tolerance.Exact;

    /// <summary>Replaces the tolerance text in the passing line, for checks that are not comparisons (e.g. statistics).</summary>
    public string? Criterion { get; init; }

    /// <summary>
    /// Gives the student (and the reference) a fresh copy of the input, so a function that writes into its
    /// argument cannot change what the other one sees. Identity for immutable inputs.
    /// </summary>
    public Func<TInput, TInput> Copy { get; init; } = input => input;

    /// <summary>
    /// A text that identifies the input's contents (e.g. its numbers); when set, the check compares it before and after
    /// the student's call, so a function that writes into its argument (instead of returning a new array) is caught.
    /// </summary>
    public Func<TInput, string>? InputFingerprint { get; init; }

    /// <summary>A specific hint recognised from the wrong answer (e.g. "the sign is flipped"), or null.</summary>
    public Func<TInput, TOutput, TOutput, string?>? Diagnose { get; init; }

    /// <summary>
    /// A hint recognised from ALL wrong answers at once (e.g. "only the last entry is ever wrong": an off-by-one loop),
    /// which one case cannot tell apart from other mistakes. Tried before <see cref="Diagnose"/>.
    /// </summary>
    public Func<IReadOnlyList<(TInput Input, TOutput Expected, TOutput Got)>, string?>? DiagnoseAll { get; init; }

    /// <summary>The hint used when <see cref="Diagnose"/> recognises nothing.</summary>
    public required string Hint { get; init; }

    public CheckResult Run(Func<TInput, TOutput> student, CheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(student);
        var run = new CaseRun(this, student);
        var worker = new Thread(run.RunAll, maxStackSize: 16 * 1024 * 1024)
        {
            IsBackground = true, // a runaway student loop must not keep the process alive
            Name = "check " + Name,
        };
        worker.Start();
        bool finished = worker.Join(options.TimeLimit);
        string tag = options.Kind == CheckKind.Public ? "[public check]" : "[hidden test]";
        string head = $"{Name} {tag}";

        if (!finished)
        {
            int stuck = Math.Max(run.Current, 0);
            return new CheckResult(Name, options.Kind, CheckStatus.TimedOut, Cases.Count, Cases.Count - stuck,
                $"✗ {head}: no answer within {options.TimeLimit.TotalSeconds:0.#} s, stuck on {Call(Cases[stuck].Input)} " +
                $"(case {stuck + 1} of {Cases.Count}). Hint: look for a loop whose condition never becomes false " +
                "(a counter that is not updated, or a < that should be a >). The loop keeps running in the background " +
                "until you restart the kernel.");
        }
        if (run.InternalError is { } bug)
            throw new InvalidOperationException($"The check {Name} itself failed (not your code): {bug.Message}", bug);

        if (run.NotImplemented)
            return new CheckResult(Name, options.Kind, CheckStatus.NotImplemented, Cases.Count, Cases.Count,
                $"✗ {head}: not implemented yet — replace the line `throw new NotImplementedException();` with your code.");

        if (run.Failures.Count == 0)
            return new CheckResult(Name, options.Kind, CheckStatus.Passed, Cases.Count, 0,
                $"✓ {head}: {Cases.Count} cases incl. {Verified} ({Criterion ?? Tolerance.Describe()})");

        // Smallest = fewest numbers; among equals the earliest, so hand-picked edge cases come before random ones.
        var smallest = run.Failures.MinBy(failure => (Cases[failure.Index].Size, failure.Index))!;
        string input = Call(Cases[smallest.Index].Input);
        string count = $"{run.Failures.Count} of {Cases.Count} cases fail";
        var wrongAnswers = run.Failures.Where(f => f.Mismatch is not null && f.Got is not null && f.Expected is not null).Select(f => (Cases[f.Index].Input, f.Expected!, f.Got!)).ToList();
        string? overallHint = wrongAnswers.Count > 0 ? DiagnoseAll?.Invoke(wrongAnswers) : null;
        string message = smallest.Exception is { } error
            ? $"✗ {head}: {input} threw {error.GetType().Name} “{error.Message}”" +
              $"{(StudentCode.Locate(error) is { } where ? " at " + where : "")}; {count}. Hint: {ExceptionHint(error)}"
            : $"✗ {head}: {input} should be {smallest.Mismatch!.Expected}, got {smallest.Mismatch.Got} " +
              $"({smallest.Mismatch.Detail}); {count}. Hint: {overallHint ?? smallest.Hint ?? Hint}";
        // Cases left unrun after an out-of-memory stop count as failed: partial credit counts only cases that passed.
        return new CheckResult(Name, options.Kind, CheckStatus.Failed, Cases.Count, run.Failures.Count + run.Unrun, message);
    }

    private string ExceptionHint(Exception error) => error switch
    {
        IndexOutOfRangeException or ArgumentOutOfRangeException =>
            "an index runs past the end: loop with i < length (not ≤) and check which length you use.",
        NullReferenceException => "something is null: create the array you return with new double[…].",
        OutOfMemoryException => "your code ran out of memory: look for a list or array that keeps growing in a loop that does not stop.",
        DivideByZeroException => "an integer division by zero: use double arithmetic.",
        _ => Hint,
    };

    private sealed record Failure(int Index, Mismatch? Mismatch, Exception? Exception, string? Hint,
        TOutput? Expected = default, TOutput? Got = default);

    /// <summary>The state shared between the checking thread and the caller (read only after Join).</summary>
    private sealed class CaseRun(FunctionCheck<TInput, TOutput> check, Func<TInput, TOutput> student)
    {
        private volatile int current = -1;

        public int Current => current;
        public List<Failure> Failures { get; } = [];
        public bool NotImplemented { get; private set; }
        public int Unrun { get; private set; }
        public Exception? InternalError { get; private set; }

        public void RunAll()
        {
            for (int i = 0; i < check.Cases.Count; i++)
            {
                current = i;
                var input = check.Cases[i].Input;
                TOutput expected;
                try
                {
                    expected = check.Reference(check.Copy(input));
                }
                catch (Exception bug)
                {
                    InternalError = bug;
                    return;
                }

                TOutput got;
                var given = check.Copy(input);
                var before = check.InputFingerprint?.Invoke(given);
                try
                {
                    got = student(given);
                }
                catch (NotImplementedException)
                {
                    NotImplemented = true;
                    return;
                }
                catch (OutOfMemoryException error)
                {
                    // Every later case would exhaust memory again: stop at the first, so the report is the same every run.
                    Failures.Add(new Failure(i, null, error, null));
                    Unrun = check.Cases.Count - i - 1;
                    return;
                }
                catch (Exception error)
                {
                    Failures.Add(new Failure(i, null, error, null));
                    continue;
                }

                if (before is not null && check.InputFingerprint!(given) != before)
                {
                    Failures.Add(new Failure(i, new Mismatch("the input left as it was", "the input changed",
                        "your function wrote into its argument"), null,
                        "return a new array (new double[…]) and leave the argument unchanged: the caller still needs it."));
                    continue;
                }
                var mismatch = got is null
                    ? new Mismatch(Describe(expected), "null", "your function returned null")
                    : check.Compare(input, expected, got);
                if (mismatch is not null)
                    Failures.Add(new Failure(i, mismatch, null, got is null ? null : check.Diagnose?.Invoke(input, expected, got), expected, got));
            }
        }

        private static string Describe(TOutput value) => value switch
        {
            double number => Show.Number(number),
            double[] vector => Show.Vector(vector),
            _ => value?.ToString() ?? "null",
        };
    }
}
