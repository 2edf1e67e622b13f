using System.Text.RegularExpressions;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// The one change lab makes to a cell before the kernel sees it: notebooks ask for the Plotly.NET 5.x family, which
/// the released kernels can load (their FSharp.Core is too old for Plotly.NET 6), while the package feed serves the
/// 6.0 family, which the hosted kernel loads. The <c>#r "nuget:"</c> line keeps its place, so line numbers hold.
/// </summary>
public static partial class PackageRequests
{
    private static readonly (string Id, string RequestedPrefix, string Served)[] VersionMap =
    [
        ("Plotly.NET", "5.", "6.0.0"),
        ("Plotly.NET.Interactive", "5.", "6.0.0"),
        ("Plotly.NET.CSharp", "0.13.", "0.14.0"),
    ];

    /// <summary>The cell with mapped package versions; <paramref name="log"/> hears of each mapping.</summary>
    public static string MapVersions(string code, Action<string> log) =>
        NuGetReference().Replace(code, match =>
        {
            var id = match.Groups["id"].Value;
            var version = match.Groups["version"].Value;
            var rule = VersionMap.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)
                                                      && version.StartsWith(r.RequestedPrefix, StringComparison.Ordinal));
            if (rule.Id is null)
                return match.Value;
            log($"nuget: {id} {version} is served by {id} {rule.Served} (the version the package feed has; VS Code's released kernels load {version})");
            return match.Value.Replace(version, rule.Served, StringComparison.Ordinal);
        });

    /// <summary>A restore failure explained in one line that names the package, followed by the kernel's message.</summary>
    public static string? ExplainRestoreFailure(string kernelMessage)
    {
        var missing = MissingPackage().Match(kernelMessage);
        if (!missing.Success)
            return null;
        return $"the package '{missing.Groups["id"].Value}' is not available: the package feed has no such package or version "
               + $"(lab maps only Plotly.NET 5.x → 6.0.0 and Plotly.NET.CSharp 0.13 → 0.14.0).\n{kernelMessage.Trim()}";
    }

    [GeneratedRegex("""^(?<prefix>\s*#r\s+"nuget:\s*)(?<id>[^,"\s]+)\s*,\s*(?<version>[^"\s]+)\s*"\s*$""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex(@"NU110[123]: Unable to find (a stable )?package (?<id>[^\s.]+(\.[^\s.]+)*?)\.?(\s|$)")]
    private static partial Regex MissingPackage();
}
