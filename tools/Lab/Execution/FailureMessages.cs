using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.DotNet.Interactive.Events;

namespace RegularizationLab.Lab.Execution;

/// <summary>A failed cell as the notebook shows it (error name, message, trace) and as the run report states it.</summary>
public sealed record CellFailure(string Name, string Message, string[] Trace, string Report);

/// <summary>
/// Words a kernel failure the way the student sees the cell: compile errors with the cell's line and column,
/// exceptions with a stack trace whose script frames name the cell and line (no <c>Submission#3</c>, no frames of the
/// scripting engine), package restore failures naming the package.
/// </summary>
public static partial class FailureMessages
{
    /// <param name="failed">The kernel's failure event.</param>
    /// <param name="diagnostics">The cell's diagnostics (the kernel reports them in the cell's coordinates).</param>
    /// <param name="cellNumber">The failed cell's number as the editor shows it.</param>
    /// <param name="cellOf">The cell a script submission came from (null for one not seen).</param>
    public static CellFailure Describe(CommandFailed failed, IReadOnlyList<Microsoft.DotNet.Interactive.Diagnostic> diagnostics,
        int cellNumber, Func<int, SubmittedCell?> cellOf)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var lines = errors.Select(d =>
                $"line {d.LinePositionSpan.Start.Line + 1}, column {d.LinePositionSpan.Start.Character + 1}: error {d.Code}: {d.Message}{Hint(d.Message)}").ToArray();
            var text = string.Join("\n", lines);
            return new CellFailure("Compilation error", text, [], text);
        }

        if (failed.Exception is { } exception && exception.GetType().Name != "CodeSubmissionCompilationErrorException")
        {
            var trace = (exception.StackTrace ?? "").Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal))
                .Where(l => l.Length > 0 && !l.StartsWith("--- End of stack trace", StringComparison.Ordinal))
                .Select(l => StudentFrame(l, cellNumber, cellOf))
                .ToArray();
            var name = exception.GetType().FullName ?? "Exception";
            return new CellFailure(name, exception.Message, trace,
                $"{name}: {exception.Message}" + (trace.Length > 0 ? "\n" + string.Join("\n", trace) : ""));
        }

        var message = PackageRequests.ExplainRestoreFailure(failed.Message) ?? failed.Message.Trim() + Hint(failed.Message);
        return new CellFailure("Kernel error", message, [], message);
    }

    /// <summary>"at Submission#3.F() in :line 2" → "at F() in cell 5, line 4"; frames outside the notebook unchanged.</summary>
    private static string StudentFrame(string frame, int cellNumber, Func<int, SubmittedCell?> cellOf)
    {
        var match = ScriptFrame().Match(frame);
        if (!match.Success)
            return frame;
        var method = match.Groups["method"].Value;
        if (match.Groups["file"].Value.Length > 0) // a frame in a #load-ed script file
            return $"   at {method} in {Path.GetFileName(match.Groups["file"].Value)}, line {match.Groups["line"].Value}";
        var cell = cellOf(int.Parse(match.Groups["submission"].Value, CultureInfo.InvariantCulture)) ?? new SubmittedCell(cellNumber, 0);
        var where = match.Groups["line"].Success
            ? $"cell {cell.Number}, line {int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture) + cell.LineOffset}"
            : $"cell {cell.Number}";
        return method.StartsWith("<<Initialize>>", StringComparison.Ordinal)
            ? $"   at {where}"
            : $"   at {method} in {where}";
    }

    private static string Hint(string message) =>
        message.Contains("Course.dll", StringComparison.OrdinalIgnoreCase)
            ? " (build the course library first: dotnet build Course.csproj -c Release)"
            : "";

    [GeneratedRegex(@"^\s*at Submission#(?<submission>\d+)\.(?<method>.+?)(?: in (?<file>[^:]*):line (?<line>\d+))?$")]
    private static partial Regex ScriptFrame();
}
