using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Tests;

/// <summary>lib/Charts.csx, loaded as a notebook loads it: every helper produces a text/html Plotly chart.</summary>
public sealed class ChartHelperTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    [Fact]
    public async Task Every_chart_helper_produces_an_html_chart()
    {
        var path = _notebooks.Write("charts.ipynb",
            TestNotebooks.ChartsSetupCell,
            """
            var epochs = Enumerable.Range(1, 30).Select(e => (double)e).ToArray();
            var train = epochs.Select(e => Math.Exp(-e / 8)).ToArray();
            var test = epochs.Select(e => 0.2 + Math.Exp(-e / 8) + 0.004 * e).ToArray();
            var points = new ChartPoints(new[] { 0.0, 1, 2, 3 }, new[] { 1.0, 0, 1, 0 }, new[] { 0, 1, 0, 1 }, new[] { "blue", "orange" });
            var grid = new[] { -1.0, 0, 1 };
            var z = new[] { new[] { 1.0, 2, 3 }, new[] { 2.0, 3, 4 }, new[] { 3.0, 4, 5 } };
            """,
            "Charts.Lines(\"Training curves\", \"epoch\", \"loss\", new ChartSeries(\"train\", epochs, train), new ChartSeries(\"test\", epochs, test))",
            "Charts.Classes(\"Two classes\", points)",
            "Charts.Heatmap(\"Decision surface\", grid, grid, z, points)",
            "Charts.Contour(\"Loss surface\", grid, grid, z, paths: new[] { new ChartSeries(\"SGD path\", new[] { -1.0, 0 }, new[] { -1.0, 0 }, Markers: true) })",
            "Charts.Histogram(\"Weights\", \"w\", \"count\", new ChartHistogram(\"L1\", new[] { 0.0, 1, 2, 3 }, new[] { 5.0, 2, 1 }), new ChartHistogram(\"L2\", new[] { 0.0, 1, 2, 3 }, new[] { 1.0, 4, 3 }))",
            "Charts.SliderLines(\"Sweep\", \"epoch\", \"loss\", \"λ\", new SliderFrame(\"0.01\", new[] { new ChartSeries(\"test\", epochs, test) }), new SliderFrame(\"0.1\", new[] { new ChartSeries(\"test\", epochs, train) }))",
            "Charts.SliderHeatmaps(\"Surface per λ\", grid, grid, \"λ\", new[] { new HeatmapFrame(\"0\", z), new HeatmapFrame(\"1\", z) }, points)",
            "Charts.Grid(1, 2, new[] { \"curves\", \"classes\" }, Charts.Lines(\"a\", \"epoch\", \"loss\", new ChartSeries(\"train\", epochs, train)), Charts.Classes(\"b\", points))",
            "BandCharts.Pictures(\"Digits\", new[] { \"a\", \"b\" }, new[] { new[] { 0.0, 1, 1, 0 }, new[] { 1.0, 0, 0, 1 } }, 2, 2)");

        var result = await _notebooks.RunIsolatedAsync(path);

        Assert.True(result.Succeeded, result.FailureReport);
        string Html(int cell) => Assert.Single(TestNotebooks.OutputsOf(result, cell)).Data["text/html"];
        Assert.All(Enumerable.Range(4, 8), cell => Assert.Contains("Plotly.newPlot(", Html(cell)));
        Assert.Contains("\"text\":\"Training curves\"", Html(4));
        Assert.Contains("\"name\":\"test\"", Html(4));
        Assert.Contains("\"name\":\"orange\"", Html(5));
        Assert.Contains("\"type\":\"heatmap\"", Html(6));
        Assert.Contains("\"type\":\"contour\"", Html(7));
        Assert.Contains("\"type\":\"bar\"", Html(8));
        Assert.Contains("\"barmode\":\"overlay\"", Html(8));
        Assert.Contains("\"sliders\"", Html(9));
        Assert.Contains("\"method\":\"restyle\"", Html(9));
        Assert.Contains("\"visible\":[false,true]", Html(9));
        Assert.Contains("\"visible\":[true,false,true,true]", Html(10)); // Frame 0 and the two always-visible point traces.
        Assert.Contains("\"xaxis2\"", Html(11));
        // pictures: square pixels in every panel, no axes
        Assert.Contains("\"scaleanchor\":\"x2\"", Html(12));
        Assert.Contains("\"constrain\":\"domain\"", Html(12));
        Assert.Contains("\"visible\":false", Html(12));
    }
}
