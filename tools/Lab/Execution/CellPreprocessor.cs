using System.Text;
using System.Text.RegularExpressions;

namespace RegularizationLab.Lab.Execution;

/// <summary>A package request found in a cell: <c>#r "nuget: Id, Version"</c>.</summary>
public sealed record PackageRequest(string Id, string? Version, int Line);

/// <summary>A code cell after its kernel directives were taken out; directive lines are blanked so line numbers hold.</summary>
public sealed record PreparedCell(
    string Code,
    bool IsMarkdown,
    bool Time,
    IReadOnlyList<PackageRequest> Packages,
    IReadOnlyList<string> Imports,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Notes);

/// <summary>
/// Handles the kernel's directives before the C# compiler sees a cell: <c>#!</c> magic commands, <c>#r "nuget:"</c>,
/// <c>#i</c>, and existence checks for <c>#r "file"</c> and <c>#load "file"</c> (which Roslyn itself then resolves
/// from the notebook's folder), so a missing file is reported with the path it was looked for at.
/// </summary>
public static partial class CellPreprocessor
{
    private static readonly HashSet<string> CSharpSelectors = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#" };

    private static readonly HashSet<string> OtherKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp", "f#", "pwsh", "powershell", "javascript", "js", "html", "sql", "kql", "mermaid", "http", "value", "python", "r",
    };

    public static PreparedCell Prepare(string source, string baseDirectory)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var code = new StringBuilder();
        var packages = new List<PackageRequest>();
        var imports = new List<string>();
        var errors = new List<string>();
        var notes = new List<string>();
        var isMarkdown = false;
        var time = false;

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            var keep = true;

            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                keep = false;
                var parts = trimmed[2..].Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                var name = parts.Length > 0 ? parts[0] : "";
                var argument = parts.Length > 1 ? parts[1].Trim().Trim('"') : "";
                if (CSharpSelectors.Contains(name))
                {
                    // The cell selector: this cell is C#, which it is anyway.
                }
                else if (name.Equals("markdown", StringComparison.OrdinalIgnoreCase))
                {
                    isMarkdown = true;
                }
                else if (name.Equals("time", StringComparison.OrdinalIgnoreCase))
                {
                    time = true;
                }
                else if (name.Equals("import", StringComparison.OrdinalIgnoreCase))
                {
                    if (argument.Length == 0)
                        errors.Add($"line {i + 1}: #!import needs a file: #!import \"other.ipynb\"");
                    else if (ResolveFile(argument, baseDirectory) is { } resolved)
                        imports.Add(resolved);
                    else
                        errors.Add($"line {i + 1}: #!import \"{argument}\": no such file: {Path.GetFullPath(argument, baseDirectory)} (paths resolve from the notebook's folder, {baseDirectory})");
                }
                else if (OtherKernels.Contains(name))
                {
                    errors.Add($"line {i + 1}: #!{name} selects another kernel; the runner emulates the C# kernel only.");
                }
                else
                {
                    errors.Add($"line {i + 1}: the magic command #!{name} is not emulated by the runner (it supports #!csharp, #!markdown, #!time, #!import).");
                }
            }
            else if (NuGetReference().Match(trimmed) is { Success: true } nuget)
            {
                keep = false;
                var version = nuget.Groups["version"].Success ? nuget.Groups["version"].Value.Trim() : null;
                packages.Add(new PackageRequest(nuget.Groups["id"].Value.Trim(), string.IsNullOrEmpty(version) ? null : version, i + 1));
            }
            else if (trimmed.StartsWith("#i ", StringComparison.Ordinal) || trimmed.StartsWith("#i\t", StringComparison.Ordinal))
            {
                keep = false;
                notes.Add($"{trimmed}: package sources are ignored; the runner serves packages offline.");
            }
            else if (FileDirective().Match(trimmed) is { Success: true } file && LooksLikePath(file.Groups["path"].Value))
            {
                var path = file.Groups["path"].Value;
                if (ResolveFile(path, baseDirectory) is null)
                {
                    var full = Path.GetFullPath(path, baseDirectory);
                    var hint = path.EndsWith("Course.dll", StringComparison.OrdinalIgnoreCase)
                        ? " Build the course library first: dotnet build Course.csproj -c Release"
                        : "";
                    errors.Add($"line {i + 1}: {file.Groups["directive"].Value} \"{path}\": no such file: {full} (paths resolve from the notebook's folder, {baseDirectory}).{hint}");
                }
            }

            code.Append(keep ? line : "");
            if (i < lines.Length - 1)
                code.Append('\n');
        }

        return new PreparedCell(code.ToString(), isMarkdown, time, packages, imports, errors, notes);
    }

    private static bool LooksLikePath(string path) =>
        path.Contains('/') || path.Contains('\\') || path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static string? ResolveFile(string path, string baseDirectory)
    {
        var full = Path.GetFullPath(path, baseDirectory);
        return File.Exists(full) ? full : null;
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<id>[^,"]+?)\s*(,\s*(?<version>[^"]*))?"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^(?<directive>#r|#load)\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex FileDirective();
}
