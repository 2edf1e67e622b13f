using System.Globalization;
using System.Text;

namespace RegularizationLab.Lab.Execution;

/// <summary>The console summary of a run: failures, per-notebook totals, and the slowest cells first.</summary>
public static class RunReport
{
    public static string Format(IReadOnlyList<NotebookRunResult> results, int slowestCells = 15)
    {
        var text = new StringBuilder();
        var failed = results.Where(r => !r.Succeeded).ToList();
        foreach (var result in failed)
            text.AppendLine("✗ " + result.FailureReport).AppendLine();

        text.AppendLine("Notebook                                         Result    Total s     CPU s   Slowest cell (wall, CPU)");
        foreach (var result in results)
        {
            var slowest = result.SlowestCell;
            text.Append(FormattableString.Invariant(
                    $"{Shorten(Path.GetFileName(result.NotebookPath), 48),-48} {(result.Succeeded ? "ok" : "FAILED"),-8} {result.TotalSeconds,8:F1}  {result.TotalCpuSeconds,8:F1}   "))
                .AppendLine(slowest is null ? "-" : FormattableString.Invariant($"cell {slowest.Number} ({slowest.Seconds:F1} s, {slowest.CpuSeconds:F1} s) {Shorten(slowest.FirstLine, 40)}"));
        }

        var cells = results.SelectMany(r => r.Cells.Where(c => c.Status != CellStatus.NotRun).Select(c => (r, c)))
            .OrderByDescending(x => x.c.Seconds).Take(slowestCells).ToList();
        if (cells.Count > 0)
        {
            text.AppendLine().AppendLine("Slowest cells            Seconds     CPU s  Notebook / cell");
            foreach (var (r, c) in cells)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"                        {c.Seconds,8:F2}  {c.CpuSeconds,8:F2}  {Path.GetFileName(r.NotebookPath)} cell {c.Number}: {Shorten(c.FirstLine, 50)}"));
            }
        }
        var failedChecks = results.Sum(r => CheckLines.Summary(r.ExecutedPath).Count(l => l.StartsWith('✗')));
        text.AppendLine().Append(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count - failed.Count} of {results.Count} notebook(s) ran without errors; {results.Sum(r => r.TotalSeconds):F1} s of cell time."));
        if (failedChecks > 0)
            text.Append(string.Create(CultureInfo.InvariantCulture, $" {failedChecks} check(s) failed (✗ lines above)."));
        return text.ToString();
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
