using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RegularizationLab.Homework;

/// <summary>
/// The grader's end of a graded run. <c>lab grade</c> appends one evaluation cell per graded part after every cell
/// of the student's; each cell runs the part's public checks and hidden tests and hands their results here, together
/// with a key that exists only in that cell's text (the notebook reaches the sandbox on standard input, never on
/// disk). The results leave as one line on the process's raw standard output, signed with HMAC-SHA256 under that key:
/// the grader counts only lines whose signature verifies, so lines a submission prints itself are ignored.
/// Nothing here reads mutable state: what is reported is exactly what the checks returned.
/// </summary>
public static class Evaluation
{
    /// <summary>The prefix of a signed result line on standard output.</summary>
    public const string LinePrefix = "@@grade ";

    /// <summary>Runs the part's checks and writes their signed results; never throws.</summary>
    /// <param name="key">The per-run key (hex), known to the grader and to this cell only.</param>
    /// <param name="part">The grade id of the graded part.</param>
    /// <param name="checks">The part's checks, in order.</param>
    public static void Report(string key, string part, Func<CheckResult[]> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        CheckResult[] results = [];
        string? error = null;
        try
        {
            results = checks() ?? [];
        }
        catch (CheckFailedException failed)
        {
            results = [failed.Result];
        }
        catch (Exception e)
        {
            error = Describe(e);
        }
        Send(key, new EvaluationReport(part, [.. results.Select(EvaluatedCheck.From)], error));
    }

    /// <summary>
    /// Runs each of the part's checks on its own, so that every check reports its cases even when another one throws
    /// (partial credit needs all of them): a check that throws counts as failed with no case passed, and the first
    /// such error is reported as the part's error. Never throws.
    /// </summary>
    public static void ReportEach(string key, string part, params Func<CheckResult>[] checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var results = new List<EvaluatedCheck>();
        string? error = null;
        for (int i = 0; i < checks.Length; i++)
        {
            try
            {
                results.Add(EvaluatedCheck.From(checks[i]()));
            }
            catch (CheckFailedException failed)
            {
                results.Add(EvaluatedCheck.From(failed.Result));
            }
            catch (Exception e)
            {
                error ??= Describe(e);
                results.Add(new EvaluatedCheck($"check {i + 1}", nameof(CheckKind.Hidden), nameof(CheckStatus.Failed), 0, 0, Describe(e)));
            }
        }
        Send(key, new EvaluationReport(part, results, error));
    }

    private static string Describe(Exception e) => e is OutOfMemoryException ? "out of memory" : $"{e.GetType().Name}: {e.Message}";

    private static void Send(string key, EvaluationReport report)
    {
        var payload = JsonSerializer.Serialize(report);
        var line = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
        var signature = Sign(key, line);
        var bytes = Encoding.UTF8.GetBytes($"\n{LinePrefix}{line} {signature}\n");
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(bytes);
        stdout.Flush();
    }

    /// <summary>HMAC-SHA256 of the line under the hex key, as lower-case hex.</summary>
    public static string Sign(string key, string line) =>
        Convert.ToHexString(HMACSHA256.HashData(Convert.FromHexString(key), Encoding.UTF8.GetBytes(line))).ToLowerInvariant();
}

/// <summary>One part's evaluation as the grader receives it.</summary>
public sealed record EvaluationReport(string Part, IReadOnlyList<EvaluatedCheck> Checks, string? Error);

/// <summary>One check's outcome, as sent to the grader.</summary>
public sealed record EvaluatedCheck(string Name, string Kind, string Status, int Cases, int FailedCases, string Message)
{
    public bool Passed => Status == nameof(CheckStatus.Passed);

    public static EvaluatedCheck From(CheckResult result) =>
        new(result.Name, result.Kind.ToString(), result.Status.ToString(), result.Cases, result.FailedCases, result.Message);
}
