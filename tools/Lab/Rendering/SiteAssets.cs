using RegularizationLab.Lab.Cli;

namespace RegularizationLab.Lab.Rendering;

/// <summary>What the site's pages load, all served from the site's own assets folder (no network).</summary>
public sealed record SiteAssetInfo(string PlotlyScript, bool HasKatex, string? KatexNote);

/// <summary>
/// Copies the site's assets: our stylesheet (embedded in the tool), plotly.js (embedded in the Plotly.NET package the
/// tool references) and KaTeX (from tools/Lab/node_modules after <c>npm ci</c>; no NuGet package ships a math renderer).
/// </summary>
public static class SiteAssets
{
    public static SiteAssetInfo Write(string siteFolder, string? katexDistFolder = null)
    {
        var assets = Path.Combine(siteFolder, "assets");
        Directory.CreateDirectory(assets);

        using (var css = typeof(SiteAssets).Assembly.GetManifestResourceStream("Lab.Assets.lab.css")!)
        using (var file = File.Create(Path.Combine(assets, "lab.css")))
            css.CopyTo(file);

        var (version, plotly) = EmbeddedPlotlyJs();
        var plotlyName = $"plotly-{version}.min.js";
        using (plotly)
        using (var file = File.Create(Path.Combine(assets, plotlyName)))
            plotly.CopyTo(file);

        var katex = katexDistFolder ?? Path.Combine(RepoPaths.ToolProject, "node_modules", "katex", "dist");
        if (!File.Exists(Path.Combine(katex, "katex.min.js")))
        {
            return new SiteAssetInfo("assets/" + plotlyName, false,
                $"KaTeX is not installed ({katex} is missing), so math is shown as LaTeX source. Install it with `npm ci` in tools/Lab (needs npm).");
        }

        var target = Path.Combine(assets, "katex");
        Directory.CreateDirectory(Path.Combine(target, "contrib"));
        foreach (var name in new[] { "katex.min.js", "katex.min.css", "contrib/auto-render.min.js" })
            File.Copy(Path.Combine(katex, name), Path.Combine(target, name), overwrite: true);
        CopyFolder(Path.Combine(katex, "fonts"), Path.Combine(target, "fonts"));
        return new SiteAssetInfo("assets/" + plotlyName, true, null);
    }

    /// <summary>The plotly.js bundle Plotly.NET embeds (version, minified source); the tool ships that assembly beside it.</summary>
    private static (string Version, Stream Content) EmbeddedPlotlyJs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "plotly", "Plotly.NET.dll");
        // Only its resources are read, in a context of its own (its F# dependencies are never loaded).
        var assembly = new System.Runtime.Loader.AssemblyLoadContext("plotly.js", isCollectible: true).LoadFromAssemblyPath(path);
        var name = assembly.GetManifestResourceNames()
                       .FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException("Plotly.NET does not embed plotly.js in this version; the site cannot be rendered offline.");
        return (name["Plotly.NET.plotly-".Length..^".min.js".Length], assembly.GetManifestResourceStream(name)!);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }
}
