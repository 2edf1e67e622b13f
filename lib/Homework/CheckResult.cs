namespace RegularizationLab.Homework;

/// <summary>Whether a check is shown to students (public) or runs only at grading (hidden).</summary>
public enum CheckKind
{
    Public,
    Hidden,
}

/// <summary>How a check ended.</summary>
public enum CheckStatus
{
    /// <summary>Every case matched the reference within the stated tolerance.</summary>
    Passed,

    /// <summary>At least one case gave a wrong answer or threw an exception.</summary>
    Failed,

    /// <summary>The student's function still throws <see cref="NotImplementedException"/> (the exercise stub).</summary>
    NotImplemented,

    /// <summary>The student's function did not return within the check's time limit.</summary>
    TimedOut,
}

/// <summary>
/// The outcome of one check: what ran, how it ended, and the one friendly line that was printed for it.
/// </summary>
public sealed record CheckResult(
    string Name,
    CheckKind Kind,
    CheckStatus Status,
    int Cases,
    int FailedCases,
    string Message)
{
    public bool Passed => Status == CheckStatus.Passed;

    public override string ToString() => Message;
}

/// <summary>
/// Thrown by a failing check while grading (<see cref="Checks.EnterGradingMode"/>), so that the graded
/// cell ends with an error and earns no points; students working in a notebook never see it.
/// </summary>
public sealed class CheckFailedException : Exception
{
    public CheckFailedException(CheckResult result) : base(result.Message) => Result = result;

    public CheckResult Result { get; }
}
