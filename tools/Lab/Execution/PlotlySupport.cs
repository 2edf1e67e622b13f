using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// The runner's stand-in for the Plotly.NET.Interactive kernel extension: a text/html formatter for charts.
/// Plotly.NET.Interactive emits the chart's div and script and loads plotly.js from a CDN through require.js; ours
/// emits the same div and script and expects plotly.js to be on the page already (the rendered site serves its own
/// copy), so nothing is fetched from the network.
/// </summary>
public static class PlotlySupport
{
    private static int _registered;

    public static bool IsChart(object? value) => value is GenericChart;

    public static void RegisterChartFormatter()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml(chart)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
    }

    /// <summary>A div plus the script that draws the chart into it with the page's <c>Plotly</c>.</summary>
    public static string ChartHtml(GenericChart chart) => GenericChart.toChartHTML(chart);

    /// <summary>The plotly.js bundle Plotly.NET embeds (version, minified source), for the offline site.</summary>
    public static (string Version, Stream Content) EmbeddedPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
                       .FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException("Plotly.NET does not embed plotly.js in this version; the site cannot be rendered offline.");
        var version = name["Plotly.NET.plotly-".Length..^".min.js".Length];
        return (version, assembly.GetManifestResourceStream(name)!);
    }
}
