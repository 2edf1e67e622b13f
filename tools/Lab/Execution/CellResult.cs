using System.Text.Json.Serialization;

namespace RegularizationLab.Lab.Execution;

[JsonConverter(typeof(JsonStringEnumConverter<CellStatus>))]
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Ok,
    /// <summary>Compile error, exception, or a directive or package the kernel could not honour.</summary>
    Failed,
    /// <summary>Stopped by the per-cell time limit.</summary>
    TimedOut,
    /// <summary>Not run because an earlier cell failed.</summary>
    NotRun,
}

/// <summary>What happened to one code cell.</summary>
public sealed class CellResult
{
    /// <summary>One-based position of the cell in the notebook (Markdown cells count).</summary>
    public int Number { get; init; }

    public string FirstLine { get; init; } = "";

    public CellStatus Status { get; set; }

    public double Seconds { get; set; }

    /// <summary>CPU time of the notebook's process during the cell, all threads (a two-model sweep on two cores
    /// shows about twice its wall time). Unlike wall time it barely changes when other programs share the
    /// machine, so it estimates the cell's time on a quiet machine.</summary>
    public double CpuSeconds { get; set; }

    /// <summary>For a failed cell: the compiler diagnostics or the exception, as the kernel would show them.</summary>
    public string? Error { get; set; }
}
