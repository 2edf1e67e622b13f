using System.Text.Json.Serialization;

namespace RegularizationLab.Lab.Homework;

/// <summary>How one graded part ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PartStatus>))]
public enum PartStatus
{
    /// <summary>Every case of every check passed: full points.</summary>
    Passed,
    /// <summary>Some cases passed, some failed: points in proportion (<see cref="PartialCredit"/>).</summary>
    PartlyPassed,
    /// <summary>No case passed, the code threw or did not compile, or it was rejected: no points.</summary>
    Failed,
    /// <summary>The cell hit the per-cell time limit.</summary>
    TimedOut,
    /// <summary>The cell never ran (an earlier cell timed out, or the notebook could not be run).</summary>
    NotRun,
    /// <summary>A written answer: graded by hand, no points yet.</summary>
    ManualGrading,
}

/// <summary>One graded part of one student's submission.</summary>
/// <param name="Answer">A written answer's text, for the instructor who grades it by hand.</param>
/// <param name="Where">The part as the student sees it: its heading and the cell numbers in the student's notebook.</param>
/// <param name="Rubric">A written answer's rubric (its criteria's points add up to <paramref name="MaxPoints"/>).</param>
public sealed record PartGrade(string GradeId, double Points, double MaxPoints, PartStatus Status, string Reason, string? Answer = null,
    string? Where = null, IReadOnlyList<RubricItem>? Rubric = null);

/// <summary>Everything the grader found for one student.</summary>
public sealed record StudentGrade
{
    public required string Student { get; init; }
    public required string Assignment { get; init; }
    public required string SubmissionPath { get; init; }

    /// <summary>Autograded points earned.</summary>
    public double Score { get; init; }

    /// <summary>Autograded points available.</summary>
    public double MaxScore { get; init; }

    /// <summary>Points of written answers still to be graded by hand.</summary>
    public double ManualPointsPending { get; init; }

    public IReadOnlyList<PartGrade> Parts { get; init; } = [];

    /// <summary>Edited, deleted, duplicated or missing cells.</summary>
    public IReadOnlyList<CellIssue> Issues { get; init; } = [];

    /// <summary>Why the notebook as a whole could not be graded normally (malformed file, total time limit, …); null if it could.</summary>
    public string? NotebookError { get; init; }

    public double Seconds { get; init; }

    /// <summary>Where the graded run's executed notebook was written, if anywhere.</summary>
    public string? ExecutedPath { get; init; }
}
