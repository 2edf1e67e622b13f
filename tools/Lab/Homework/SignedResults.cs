using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RegularizationLab.Lab.Homework;

/// <summary>One part's evaluation as sent by the course library's <c>RegularizationLab.Homework.Evaluation.Report</c>.</summary>
public sealed record EvaluationReport(string Part, IReadOnlyList<EvaluatedCheck> Checks, string? Error);

/// <summary>One check's outcome within an <see cref="EvaluationReport"/>.</summary>
public sealed record EvaluatedCheck(string Name, string Kind, string Status, int Cases, int FailedCases, string Message)
{
    public bool Passed => Status == "Passed";
}

/// <summary>
/// Reads the evaluation results a sandboxed run sent on its standard output (the course library's
/// <c>Evaluation.Report</c>; this is the other end of that protocol): only lines
/// whose HMAC-SHA256 under the run's key verifies count, and only the first one per part. Anything else that looks
/// like a result line (a submission printing its own) is counted as forged and ignored.
/// </summary>
public static class SignedResults
{
    /// <summary>The prefix of a result line (the same constant as the library's <c>Evaluation.LinePrefix</c>).</summary>
    public const string LinePrefix = "@@grade ";

    /// <summary>HMAC-SHA256 of the line under the hex key, lower-case hex (as the library's <c>Evaluation.Sign</c>).</summary>
    public static string Sign(string key, string line) =>
        Convert.ToHexString(HMACSHA256.HashData(Convert.FromHexString(key), Encoding.UTF8.GetBytes(line))).ToLowerInvariant();

    public static (IReadOnlyDictionary<string, EvaluationReport> Reports, int Forged) Read(IEnumerable<string> lines, string key)
    {
        var reports = new Dictionary<string, EvaluationReport>(StringComparer.Ordinal);
        int forged = 0;
        List<string> snapshot;
        lock (lines) snapshot = [.. lines];
        foreach (var raw in snapshot)
        {
            int at = raw.IndexOf(LinePrefix, StringComparison.Ordinal);
            if (at < 0) continue;
            var words = raw[(at + LinePrefix.Length)..].Trim().Split(' ');
            if (words.Length != 2 || !Verifies(key, words[0], words[1]) || Decode(words[0]) is not { } report)
            {
                forged++;
                continue;
            }
            reports.TryAdd(report.Part, report);
        }
        return (reports, forged);
    }

    private static bool Verifies(string key, string line, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(key, line));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static EvaluationReport? Decode(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<EvaluationReport>(Encoding.UTF8.GetString(Convert.FromBase64String(line)));
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
