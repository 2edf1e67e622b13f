namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Offline answers to <c>#r "nuget: Id, Version"</c>: the runner ships a few packages in its own folder and hands
/// their assemblies to the notebook. Requests for the Plotly.NET 5.x family (what VS Code users load, because the
/// released kernels' FSharp.Core cannot load Plotly.NET 6) are served with the 6.0.0 family the runner has.
/// </summary>
public static class NuGetPackageMap
{
    private static readonly string[] PlotlyAssemblies =
        ["Plotly.NET", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine", "Newtonsoft.Json", "Fable.Core"];

    private static readonly IReadOnlyDictionary<string, ShippedPackage> Packages =
        new Dictionary<string, ShippedPackage>(StringComparer.OrdinalIgnoreCase)
        {
            ["Plotly.NET"] = new("Plotly.NET", "6.0.0", PlotlyAssemblies, RegistersChartFormatter: false),
            ["Plotly.NET.Interactive"] = new("Plotly.NET", "6.0.0", PlotlyAssemblies, RegistersChartFormatter: true),
            ["Plotly.NET.CSharp"] = new("Plotly.NET.CSharp", "0.14.0", [.. PlotlyAssemblies, "Plotly.NET.CSharp"], RegistersChartFormatter: false),
            ["Microsoft.ML"] = new("Microsoft.ML", "5.0.1",
                ["Microsoft.ML.Core", "Microsoft.ML.Data", "Microsoft.ML.DataView", "Microsoft.ML.StandardTrainers",
                 "Microsoft.ML.Transforms", "Microsoft.ML.KMeansClustering", "Microsoft.ML.PCA", "Microsoft.ML.CpuMath",
                 "System.Numerics.Tensors"],
                RegistersChartFormatter: false),
        };

    /// <summary>Package ids the runner can serve, with the version it serves, for error messages and docs.</summary>
    public static string Available =>
        string.Join(", ", Packages.Select(p => p.Key == p.Value.ServedId ? $"{p.Key} {p.Value.Version}" : $"{p.Key} (served as {p.Value.ServedId} {p.Value.Version})"));

    /// <summary>Resolves a request, or explains why it cannot be served.</summary>
    public static PackageResolution Resolve(string id, string? version)
    {
        if (!Packages.TryGetValue(id, out var package))
        {
            return PackageResolution.Fail(
                $"#r \"nuget: {id}{(version is null ? "" : ", " + version)}\": the runner restores nothing at run time and does not ship "
                + $"the package '{id}'. It can serve: {Available}.");
        }

        string? note = null;
        var requested = version ?? "(no version)";
        if (!string.Equals(requested, package.Version, StringComparison.OrdinalIgnoreCase) || !string.Equals(id, package.ServedId, StringComparison.OrdinalIgnoreCase))
        {
            note = $"nuget: {id} {requested} is served by {package.ServedId} {package.Version}, the version this runner ships"
                   + (package.RegistersChartFormatter ? ", with the runner's own offline chart formatter" : "");
        }
        var folder = Path.GetDirectoryName(typeof(NuGetPackageMap).Assembly.Location)!;
        var paths = package.AssemblyNames.Select(name => Path.Combine(folder, name + ".dll")).ToArray();
        var missing = paths.FirstOrDefault(p => !File.Exists(p));
        return missing is not null
            ? PackageResolution.Fail($"#r \"nuget: {id}\": the runner's copy of {package.ServedId} is incomplete ({missing} is missing); rebuild tools/Lab.")
            : new PackageResolution(paths, package.RegistersChartFormatter, note, null);
    }

    private sealed record ShippedPackage(string ServedId, string Version, string[] AssemblyNames, bool RegistersChartFormatter);
}

/// <summary>The assemblies a package request maps to, or an error message.</summary>
public sealed record PackageResolution(string[] AssemblyPaths, bool RegistersChartFormatter, string? Note, string? Error)
{
    public static PackageResolution Fail(string error) => new([], false, null, error);
}
