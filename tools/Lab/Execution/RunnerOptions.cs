namespace RegularizationLab.Lab.Execution;

/// <summary>How a notebook is run.</summary>
public sealed record RunnerOptions
{
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(300);

    /// <summary>A cell running longer than this is stopped and reported.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>A limit on the whole notebook (a grader's budget per submission); null for none.</summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>Keep running later cells after a failed one (a grader wants every part tried); default stops, as "Run All" does.</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>The kernel's working directory; default the notebook's folder.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Receives one line per cell as it starts and ends (the child process reports these to its parent).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Receives informational lines (package version mappings) as they happen.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Sandbox hook for the child process (lab grade); null runs the child directly.</summary>
    public IChildSandbox? Sandbox { get; init; }
}
