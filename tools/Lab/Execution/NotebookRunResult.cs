using System.Text.Json;
using System.Text.Json.Serialization;

namespace RegularizationLab.Lab.Execution;

/// <summary>The outcome of running one notebook: per-cell status and timing, and where the executed copy went.</summary>
public sealed class NotebookRunResult
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public string NotebookPath { get; init; } = "";

    /// <summary>Where the executed copy (with outputs) was written, if it was.</summary>
    public string? ExecutedPath { get; set; }

    /// <summary>Set when the notebook could not be read or its run could not start at all.</summary>
    public string? LoadError { get; set; }

    public List<CellResult> Cells { get; init; } = [];

    public double TotalSeconds { get; set; }

    /// <summary>The cells' CPU time (see <see cref="CellResult.CpuSeconds"/>); kernel start-up not included.</summary>
    [JsonIgnore]
    public double TotalCpuSeconds => Cells.Sum(c => c.CpuSeconds);

    /// <summary>Informational lines (package mappings, …), in order.</summary>
    public List<string> Log { get; init; } = [];

    public bool Succeeded => LoadError is null && Cells.All(c => c.Status is CellStatus.Ok);

    [JsonIgnore]
    public CellResult? FirstFailure => Cells.FirstOrDefault(c => c.Status is CellStatus.Failed or CellStatus.TimedOut);

    [JsonIgnore]
    public CellResult? SlowestCell => Cells.Where(c => c.Status != CellStatus.NotRun).MaxBy(c => c.Seconds);

    [JsonIgnore]
    public IEnumerable<CellResult> FailedCells => Cells.Where(c => c.Status is CellStatus.Failed or CellStatus.TimedOut);

    /// <summary>The failure report: notebook, cell number, first line, diagnostic or exception.</summary>
    [JsonIgnore]
    public string? FailureReport
    {
        get
        {
            if (LoadError is not null)
                return LoadError;
            var failed = FirstFailure;
            if (failed is null)
                return null;
            var notRun = Cells.Count(c => c.Status == CellStatus.NotRun);
            var tail = notRun > 0 ? $"\n  ({notRun} later cell{(notRun == 1 ? "" : "s")} not run)" : "";
            return $"{NotebookPath}: cell {failed.Number} `{Shorten(failed.FirstLine)}` "
                   + (failed.Status == CellStatus.TimedOut ? "timed out" : "failed")
                   + ":\n" + Indent(failed.Error ?? "(no message)") + tail;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static NotebookRunResult FromJson(string json) =>
        JsonSerializer.Deserialize<NotebookRunResult>(json, JsonOptions)
        ?? throw new InvalidDataException("empty run result");

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";

    private static string Indent(string text) =>
        string.Join("\n", text.Split('\n').Select(l => "    " + l.TrimEnd('\r')));
}
