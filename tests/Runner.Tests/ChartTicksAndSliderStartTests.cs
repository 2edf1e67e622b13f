namespace RegularizationLab.Lab.Tests;

/// <summary>lib/Charts.csx's x-axis ticks (<c>Charts.WithXTicks</c>, <c>Charts.LinePanels(..., xTicks)</c>), a slider's
/// opening position (<c>BandCharts.ImageSlider(..., active)</c>) and colours chosen per group
/// (<c>BandCharts.GroupedDots(..., groupColors)</c>), loaded as a notebook loads them.</summary>
public sealed class ChartTicksAndSliderStartTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    [Fact]
    public async Task Ticks_sit_at_the_given_values_and_a_slider_opens_where_asked()
    {
        var path = _notebooks.Write("ticks.ipynb",
            TestNotebooks.ChartsSetupCell,
            """
            var sizes = new[] { 25.0, 100, 400, 1600 };
            var curve = new SpreadSeries("probe", sizes, new[] { 70.0, 80, 88, 90 }, new[] { 5.0, 1, 1, 0.5 });
            double[] Image(double v) => Enumerable.Repeat(v, 4).ToArray();
            """,
            "Charts.WithXTicks(NoiseCharts.MeansWithSpread(\"Curve\", \"N\", \"accuracy\", true, curve), sizes)",
            "BandCharts.ImageSlider(\"Slider\", new[] { \"fixed\", \"moving\" }, new[] { Image(0) }, \"share\", " +
                "new[] { \"a\", \"b\", \"c\" }, new[] { new[] { Image(0.1) }, new[] { Image(0.2) }, new[] { Image(0.3) } }, " +
                "2, 2, columns: 2, active: 2)",
            "try { Charts.WithXTicks(Charts.Lines(\"x\", \"x\", \"y\", new ChartSeries(\"s\", sizes, sizes)), new double[0]); } " +
                "catch (ArgumentException e) { Console.WriteLine(e.ParamName); }",
            "var frame = new SliderFrame(\"1\", new[] { new ChartSeries(\"s\", sizes, sizes) });\n" +
                "Charts.LinePanels(\"N\", \"y\", \"seed\", new[] { frame, frame with { Label = \"2\" } }, logX: true, xTicks: sizes)",
            "BandCharts.GroupedDots(\"Dots\", \"y\", new[] { \"a\", \"b\", \"c\" }, new[] { \"g1\", \"g2\", \"g2\" }, " +
                "new[] { 1.0, 2, 3 }, new[] { 0.1, 0.1, 0.1 }, new Dictionary<string, string> { [\"g2\"] = \"#123456\" })");

        var result = await _notebooks.RunIsolatedAsync(path);

        Assert.True(result.Succeeded, result.FailureReport);
        string Html(int cell) => Assert.Single(TestNotebooks.OutputsOf(result, cell)).Data["text/html"];
        // cell 1 is the title, 2 the references, 3 the data
        Assert.Contains("\"type\":\"log\"", Html(4));                        // the log axis survives the ticks
        Assert.Contains("\"tickvals\":[25.0,100.0,400.0,1600.0]", Html(4));
        Assert.Contains("\"ticktext\":[\"25\",\"100\",\"400\",\"1600\"]", Html(4));
        Assert.Contains("\"active\":2", Html(5));
        // the moving panel's three layers: only the third (the active position) is drawn at the start
        int Layer(double grey) => Html(5).IndexOf($"[{grey:0.0},{grey:0.0}]", StringComparison.Ordinal);
        string VisibilityAfter(int index) => Html(5)[index..].Split("\"visible\":")[1][..4];
        Assert.Equal("fals", VisibilityAfter(Layer(0.1)));
        Assert.Equal("fals", VisibilityAfter(Layer(0.2)));
        Assert.Equal("true", VisibilityAfter(Layer(0.3)));
        Assert.Equal("values\n", Assert.Single(TestNotebooks.OutputsOf(result, 6)).Text);   // empty ticks: a clear error
        // LinePanels' optional ticks reach every panel's x axis (the grid gives each panel its own axis)
        Assert.Equal(2, Html(7).Split("\"tickvals\":[25.0,100.0,400.0,1600.0]").Length - 1);
        // GroupedDots: a colour passed for a group is used; a group without one keeps the palette's first colour
        Assert.Contains("\"color\":\"#123456\"", Html(8));
        Assert.Contains("\"color\":\"#0072B2\"", Html(8));
    }
}
