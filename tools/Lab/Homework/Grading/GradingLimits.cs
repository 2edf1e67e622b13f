namespace RegularizationLab.Lab.Homework;

/// <summary>Limits for grading one submission.</summary>
public sealed record GradingLimits
{
    /// <summary>Per cell (the runner stops the notebook after a cell that exceeds it).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>For the whole notebook: the sandbox is killed after this long.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>The managed-heap limit of the submission's process, in MB.</summary>
    public int MemoryMegabytes { get; init; } = 1024;

    /// <summary>Reject answer cells that use forbidden APIs before they run (off only in tests of the sandbox itself).</summary>
    public bool CheckForbiddenApis { get; init; } = true;
}
