// Charts.csx: every Plotly call of the course, in one script that notebooks load with
//     #load "../lib/Charts.csx"
// after their first cell has asked for Plotly.NET.Interactive 5.0.0 and Plotly.NET.CSharp 0.13.0.
//
// This file must compile against BOTH Plotly.NET 5.x + Plotly.NET.CSharp 0.13 (what VS Code users get) and
// Plotly.NET 6.0.0 + Plotly.NET.CSharp 0.14 (what the course runner has). So it follows the compatible style of
// the course notes on Plotly.NET 5.x/6.0 compatibility strictly:
//   - Plotly.NET.CSharp chart functions with explicit generic arguments and only named optional arguments that exist
//     in both versions (Name, MarkerColor, ColorScale, ShowScale, X, Y, SubPlotTitles, TitleText);
//   - arrays, never IEnumerable<T>-typed values, for optional data arguments;
//   - everything else (titles, sizes, bar traces, slider steps, trace visibility) as plain plotly.js attributes set
//     through `dynamic` on Plotly.NET's DynamicObj-based types (Layout, Title, Trace2D), applied with
//     GenericChart.addLayout / GenericChart.ofTraceObject.
// The helpers take arrays and small records; data code (training, grids, histograms) stays in the library.

using System.Collections;
using System.Runtime.CompilerServices;
using Microsoft.CSharp.RuntimeBinder;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static Microsoft.DotNet.Interactive.Kernel; // display(…): a kernel helper that a #load-ed script must import itself
using PlotlyChart = Plotly.NET.CSharp.Chart; // Plotly.NET also has a Chart type: always use this alias here.

/// <summary>
/// The course's one check line: "✓ claim" when it holds, "✗ FAILED: claim" when it does not. Every notebook states its
/// claims with it, so a reader (and the tests) can scan a run for ✗.
/// </summary>
void Check(bool passed, string claim) =>
    Console.WriteLine(passed ? $"✓ {claim}" : $"✗ FAILED: {claim}");

/// <summary>One live progress line under the cell for a sweep: <c>new SweepOptions { Progress = ShowSweepProgress("…") }</c>.</summary>
Action<RegularizationLab.Training.SweepProgress> ShowSweepProgress(string title)
{
    var shown = display(title);
    return progress => shown.Update(progress.ToString());
}

/// <summary>A one-line count for a sweep of many short models: "title 12/51 done · 8 s".</summary>
Action<RegularizationLab.Training.SweepProgress> ShowSweepCount(string title)
{
    var shown = display(title);
    return progress => shown.Update($"{title} {progress.Completed}/{progress.Total} done · {progress.Elapsed.TotalSeconds:F0} s");
}

/// <summary>One live progress line under the cell for a single training run: <c>Progress = ShowTrainingProgress("…")</c>.</summary>
Action<RegularizationLab.Training.TrainingProgress> ShowTrainingProgress(string title)
{
    var shown = display(title);
    return progress => shown.Update($"{title} {progress}");
}

/// <summary>One named line (or set of markers): X and Y of equal length.</summary>
public sealed record ChartSeries(string Name, double[] X, double[] Y, bool Markers = false);

/// <summary>Labelled 2-D points (class k of point i is Labels[i]), drawn in one colour per class.</summary>
public sealed record ChartPoints(double[] X, double[] Y, int[] Labels, string[]? ClassNames = null);

/// <summary>A histogram already binned: bin i spans [Edges[i], Edges[i+1]) and holds Counts[i].</summary>
public sealed record ChartHistogram(string Name, double[] Edges, double[] Counts);

/// <summary>One position of a slider: its label and the series shown there.</summary>
public sealed record SliderFrame(string Label, ChartSeries[] Series);

/// <summary>One position of a heatmap slider: its label and the grid values Z[row = y index][column = x index].</summary>
public sealed record HeatmapFrame(string Label, double[][] Z);

public static class Charts
{
    /// <summary>Class colours (colour-blind safe), reused by every helper so class k looks the same everywhere.</summary>
    public static readonly string[] Palette =
        { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000" };

    public const int DefaultWidth = 720;
    public const int DefaultHeight = 440;

    /// <summary>Several lines on one set of axes, e.g. train vs test loss per epoch.</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, params ChartSeries[] series) =>
        Lines(title, xTitle, yTitle, series, logX: false);

    /// <summary>Lines with logarithmic axes where the values span decades (λ sweeps, epochs, rescaling factors).</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, ChartSeries[] series,
        bool logX = false, bool logY = false)
    {
        var charts = new GenericChart[series.Length];
        for (var i = 0; i < series.Length; i++)
            charts[i] = LineOf(series[i], i);
        return Styled(PlotlyChart.Combine(charts), title, xTitle, yTitle, logX, logY);
    }

    /// <summary>2-D points coloured by class, e.g. a two-moons training set.</summary>
    public static GenericChart Classes(string title, ChartPoints points, string xTitle = "x₁", string yTitle = "x₂") =>
        Styled(PlotlyChart.Combine(PointsByClass(points)), title, xTitle, yTitle);

    /// <summary>A heatmap of Z over the grid (xs, ys), optionally with labelled points on top: a decision surface.
    /// Pale colours from class 0's to class 1's, so the points stay visible on it.</summary>
    public static GenericChart Heatmap(string title, double[] xs, double[] ys, double[][] z,
        ChartPoints? points = null, string xTitle = "x₁", string yTitle = "x₂", bool equalAspect = false)
    {
        var layers = new List<GenericChart> { HeatmapLayer("value", xs, ys, z, Min(z), Max(z), visible: true, showScale: true) };
        if (points is not null)
            layers.AddRange(PointsByClass(points));
        var chart = WithLegendOnTop(Styled(PlotlyChart.Combine(layers.ToArray()), title, xTitle, yTitle));
        return equalAspect ? EqualAspect(chart) : chart;
    }

    /// <summary>
    /// Signed values (weights, gradients) on a diverging scale centred on zero: 0 is white, negative blue, positive red,
    /// and the range is symmetric, ±<paramref name="limit"/> (default: the largest |z|). Square cells (equal aspect), so
    /// a weight matrix looks like a matrix. Give every panel of a grid the same limit, or let <see cref="Grid"/> share it.
    /// </summary>
    public static GenericChart SignedHeatmap(string title, double[] xs, double[] ys, double[][] z,
        string xTitle = "column", string yTitle = "row", double? limit = null)
    {
        var bound = limit ?? Math.Max(z.Max(row => row.Max(Math.Abs)), 1e-12);
        var trace = new Trace2D("heatmap");
        dynamic heat = trace;
        heat.name = "value";
        heat.x = xs;
        heat.y = ys;
        heat.z = z;
        heat.zmin = -bound;
        heat.zmax = bound;
        heat.colorscale = Diverging;
        heat.colorbar = new { len = 0.9, thickness = 14, title = new { text = "value" } };
        heat.hovertemplate = "x %{x}, y %{y}: %{z:.3g}<extra></extra>";
        return EqualAspect(Styled(GenericChart.ofTraceObject(true, trace), title, xTitle, yTitle));
    }

    /// <summary>Blue (negative) – white (0) – red (positive), colour-blind safe; use with a symmetric range.</summary>
    public static readonly object[] Diverging =
    {
        new object[] { 0.0, "#2166ac" }, new object[] { 0.25, "#92c5de" }, new object[] { 0.5, "#ffffff" },
        new object[] { 0.75, "#f4a582" }, new object[] { 1.0, "#b2182b" },
    };

    /// <summary>Contour lines of Z over the grid (xs, ys), optionally with points or a path on top: a loss surface.</summary>
    public static GenericChart Contour(string title, double[] xs, double[] ys, double[][] z,
        ChartPoints? points = null, ChartSeries[]? paths = null, string xTitle = "w₁", string yTitle = "w₂",
        bool equalAspect = false)
    {
        var layers = new List<GenericChart>
        {
            PlotlyChart.Contour<double, double, double, string>(z, X: xs, Y: ys, ColorScale: StyleParam.Colorscale.Viridis, ShowScale: true, Name: "value"),
        };
        if (points is not null)
            layers.AddRange(PointsByClass(points));
        if (paths is not null)
        {
            for (var i = 0; i < paths.Length; i++)
                layers.Add(LineOf(paths[i], i + 1));
        }
        var chart = Styled(PlotlyChart.Combine(layers.ToArray()), title, xTitle, yTitle);
        return equalAspect ? EqualAspect(chart) : chart;
    }

    /// <summary>Pre-binned histograms drawn as bars (overlaid, half transparent when there are several).</summary>
    public static GenericChart Histogram(string title, string xTitle, string yTitle, params ChartHistogram[] histograms) =>
        Histogram(title, xTitle, yTitle, histograms, logY: false);

    /// <summary>Histograms with a log count axis, so one tall bar does not squash a spread-out distribution.</summary>
    public static GenericChart Histogram(string title, string xTitle, string yTitle, ChartHistogram[] histograms, bool logY)
    {
        var charts = new GenericChart[histograms.Length];
        for (var i = 0; i < histograms.Length; i++)
        {
            var h = histograms[i];
            var centers = new double[h.Counts.Length];
            var widths = new double[h.Counts.Length];
            for (var b = 0; b < h.Counts.Length; b++)
            {
                centers[b] = (h.Edges[b] + h.Edges[b + 1]) / 2;
                widths[b] = h.Edges[b + 1] - h.Edges[b];
            }
            var trace = new Trace2D("bar");
            dynamic bar = trace;
            bar.name = h.Name;
            bar.x = centers;
            bar.y = h.Counts;
            bar.width = widths;
            bar.opacity = histograms.Length > 1 ? 0.6 : 0.9;
            bar.marker = new { color = Palette[i % Palette.Length] };
            charts[i] = GenericChart.ofTraceObject(true, trace);
        }
        var chart = Styled(PlotlyChart.Combine(charts), title, xTitle, yTitle, logY: logY);
        dynamic layout = new Layout();
        layout.barmode = "overlay";
        layout.bargap = 0;
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>
    /// Lines that change with a swept quantity: one slider position per frame, all traces precomputed, so the chart
    /// works in VS Code and in the offline HTML alike (the slider only switches trace visibility, no code runs).
    /// </summary>
    public static GenericChart SliderLines(string title, string xTitle, string yTitle, string sliderLabel, params SliderFrame[] frames) =>
        SliderLines(title, xTitle, yTitle, sliderLabel, frames, logX: false);

    /// <summary><see cref="SliderLines(string, string, string, string, SliderFrame[])"/> with optional log axes.</summary>
    public static GenericChart SliderLines(string title, string xTitle, string yTitle, string sliderLabel, SliderFrame[] frames,
        bool logX = false, bool logY = false)
    {
        var charts = new List<GenericChart>();
        var owner = new List<int>(); // frame index of each trace
        for (var f = 0; f < frames.Length; f++)
        {
            for (var s = 0; s < frames[f].Series.Length; s++)
            {
                var series = frames[f].Series[s];
                var trace = new Trace2D("scatter");
                dynamic line = trace;
                line.name = series.Name;
                line.x = series.X;
                line.y = series.Y;
                line.mode = series.Markers ? "markers" : "lines";
                line.line = new { color = Palette[s % Palette.Length] };
                line.marker = new { color = Palette[s % Palette.Length] };
                line.visible = f == 0;
                charts.Add(GenericChart.ofTraceObject(true, trace));
                owner.Add(f);
            }
        }
        var chart = Styled(PlotlyChart.Combine(charts.ToArray()), title, xTitle, yTitle, logX, logY);
        return WithSlider(chart, sliderLabel, frames.Select(f => f.Label).ToArray(), owner.ToArray(), alwaysVisible: 0);
    }

    /// <summary>
    /// The print companion of <see cref="SliderLines(string, string, string, string, SliderFrame[])"/>: every slider
    /// position as its own panel, side by side, on shared axis ranges, so the sweep reads on paper too.
    /// </summary>
    /// <paramref name="xTicks"/>: tick marks exactly at these x values in every panel (e.g. the measured radii on a
    /// log axis); null keeps plotly's ticks.
    public static GenericChart LinePanels(string xTitle, string yTitle, string sliderLabel, SliderFrame[] frames,
        int columns = 3, bool logX = false, bool logY = false, double[]? xTicks = null)
    {
        var panels = frames.Select(f => Lines("", xTitle, yTitle, f.Series, logX, logY)).ToArray();
        var rows = (frames.Length + columns - 1) / columns;
        var grid = Grid(rows, Math.Min(columns, frames.Length), frames.Select(f => $"{sliderLabel} = {f.Label}").ToArray(),
            panels, shareAxes: true);
        if (xTicks is not null)
            for (var n = 1; n <= frames.Length; n++)
                SetTicks(GenericChart.getLayout(grid), n == 1 ? "xaxis" : "xaxis" + n, xTicks);
        return grid;
    }

    /// <summary>A heatmap that changes with a swept quantity (e.g. the decision surface per λ), points fixed on top.</summary>
    public static GenericChart SliderHeatmaps(string title, double[] xs, double[] ys, string sliderLabel, HeatmapFrame[] frames,
        ChartPoints? points = null, string xTitle = "x₁", string yTitle = "x₂")
    {
        var charts = new List<GenericChart>();
        var owner = new List<int>();
        // One colour scale for every frame, so the same colour means the same value at every slider position.
        var low = frames.Min(f => Min(f.Z));
        var high = frames.Max(f => Max(f.Z));
        for (var f = 0; f < frames.Length; f++)
        {
            charts.Add(HeatmapLayer(frames[f].Label, xs, ys, frames[f].Z, low, high, visible: f == 0, showScale: f == 0));
            owner.Add(f);
        }
        var fixedTraces = 0;
        if (points is not null)
        {
            var pointCharts = PointsByClass(points);
            charts.AddRange(pointCharts);
            fixedTraces = pointCharts.Length;
            owner.AddRange(Enumerable.Repeat(-1, fixedTraces));
        }
        var chart = WithLegendOnTop(Styled(PlotlyChart.Combine(charts.ToArray()), title, xTitle, yTitle));
        return WithSlider(chart, sliderLabel, frames.Select(f => f.Label).ToArray(), owner.ToArray(), fixedTraces);
    }

    /// <summary>
    /// Charts side by side: rows × cols subplots with a title each. Legend entries stay on (one entry per name, above the
    /// panels), and the panels' colour scales become ONE colour bar on one shared range, so equal colours mean equal
    /// values in every panel. Pass <paramref name="sharedColorBar"/> = false when the panels show different quantities
    /// (their colour bars are then hidden: only the shapes are compared).
    /// </summary>
    public static GenericChart Grid(int rows, int cols, string[] subplotTitles, params GenericChart[] charts) =>
        Grid(rows, cols, subplotTitles, charts, equalAspect: false);

    /// <summary><see cref="Grid(int, int, string[], GenericChart[])"/> with options: equal aspect in every panel
    /// (geometry: norm balls, loss surfaces, square matrices), shared axis ranges, panel size in pixels.</summary>
    public static GenericChart Grid(int rows, int cols, string[] subplotTitles, GenericChart[] charts,
        bool equalAspect = false, bool sharedColorBar = true, bool shareAxes = false,
        int? panelWidth = null, int? panelHeight = null)
    {
        // Fit the page (the rendered site and VS Code show about 840 px): at most 370 px per panel, square by default.
        var width = panelWidth ?? Math.Min(370, (PageWidth - 120) / cols);
        var height = panelHeight ?? width;
        var grid = PlotlyChart.Grid(charts, rows, cols, SubPlotTitles: subplotTitles);
        var traces = GenericChart.getTraces(grid).ToList();
        OneLegendEntryPerName(traces);
        ShareOneColorBar(traces, sharedColorBar);

        var layout = GenericChart.getLayout(grid);
        for (var n = 1; n <= rows * cols; n++)
        {
            var suffix = n == 1 ? "" : n.ToString();
            if (equalAspect)
                SetMember(AxisOf(layout, "yaxis" + suffix), "scaleanchor", "x" + suffix);
            if (shareAxes && n > 1)
            {
                SetMember(AxisOf(layout, "xaxis" + suffix), "matches", "x");
                SetMember(AxisOf(layout, "yaxis" + suffix), "matches", "y");
                if ((n - 1) % cols != 0)   // shared y axis: its title only in the first column, clear of the neighbours
                {
                    dynamic blank = new Title();
                    blank.text = "";
                    SetMember(AxisOf(layout, "yaxis" + suffix), "title", blank);
                }
            }
        }
        dynamic size = new Layout();
        size.width = cols * width + 120;
        size.height = rows * height + 130;
        size.showlegend = true;
        size.legend = new { orientation = "h", x = 0.0, y = 1.0, yanchor = "top", yref = "container" };
        size.margin = new { t = 90, b = 50, l = 55, r = 70 };
        return GenericChart.addLayout((Layout)size, grid);
    }

    /// <summary>The width a chart can use on a page of the rendered site (and in VS Code's output area).</summary>
    public const int PageWidth = 840;

    /// <summary>The first <paramref name="panels"/> panels of a chart of images drawn as pictures: square pixels (one
    /// pixel as wide as it is tall) and no axes, whose pixel numbers mean nothing to a reader of a digit.</summary>
    public static GenericChart SquarePanelsWithoutAxes(GenericChart chart, int panels)
    {
        var layout = GenericChart.getLayout(chart);
        for (var n = 1; n <= panels; n++)
        {
            var suffix = n == 1 ? "" : n.ToString();
            // "domain": the panel shrinks to the picture, instead of the axis range growing beside it
            foreach (var axis in new[] { AxisOf(layout, "xaxis" + suffix), AxisOf(layout, "yaxis" + suffix) })
            {
                SetMember(axis, "visible", false);
                SetMember(axis, "constrain", "domain");
            }
            SetMember(AxisOf(layout, "yaxis" + suffix), "scaleanchor", "x" + suffix);
        }
        return chart;
    }

    /// <summary>x and y at the same scale (one unit is as long on both axes): circles stay circles.</summary>
    public static GenericChart EqualAspect(GenericChart chart)
    {
        SetMember(AxisOf(GenericChart.getLayout(chart), "yaxis"), "scaleanchor", "x");
        SetMember(AxisOf(GenericChart.getLayout(chart), "yaxis"), "scaleratio", 1);
        return chart;
    }

    // A repeated name (the same classes or paths in every panel) gets a legend entry only the first time.
    private static void OneLegendEntryPerName(List<Trace> traces)
    {
        var seen = new HashSet<string>();
        foreach (var trace in traces)
        {
            if (GetMember(trace, "name") is string name && !seen.Add(name))
                SetMember(trace, "showlegend", false);
        }
    }

    // Traces with a colour scale (heatmaps, filled contours) that would each draw a colour bar: keep the first bar, on
    // the range that covers all of them; hide the rest. Traces that already hide their bar (boundary lines) are left.
    private static void ShareOneColorBar(List<Trace> traces, bool shared)
    {
        var scaled = traces.Where(t => GetMember(t, "z") is not null && GetMember(t, "showscale") is not false).ToList();
        if (scaled.Count == 0)
            return;
        if (!shared)
        {
            foreach (var t in scaled)
                SetMember(t, "showscale", false);
            return;
        }
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var t in scaled)
        {
            var (lo, hi) = GetMember(t, "zmin") is double zmin && GetMember(t, "zmax") is double zmax
                ? (zmin, zmax) : RangeOf(GetMember(t, "z"));
            low = Math.Min(low, lo);
            high = Math.Max(high, hi);
        }
        if (!(high > low))
            high = low + 1;
        for (var i = 0; i < scaled.Count; i++)
        {
            SetMember(scaled[i], "zmin", low);
            SetMember(scaled[i], "zmax", high);
            SetMember(scaled[i], "zauto", false);
            SetMember(scaled[i], "showscale", i == 0);
            if (i == 0)
                SetMember(scaled[i], "colorbar", new { x = 1.02, xref = "paper", len = 1.0, thickness = 14 });
        }
    }

    private static (double Low, double High) RangeOf(object? z)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        void Visit(object? value)
        {
            if (value is double d) { if (double.IsFinite(d)) { low = Math.Min(low, d); high = Math.Max(high, d); } }
            else if (value is IEnumerable items and not string) foreach (var item in items) Visit(item);
        }
        Visit(z);
        return (low, high);
    }

    // Layout axes by name ("xaxis", "yaxis3"): Plotly.NET stores them as LinearAxis objects; create one if missing. An
    // axis a helper set as a plain C# object (layout.xaxis = new { type = "log" }) cannot take new properties, so it is
    // replaced by a LinearAxis holding the same ones.
    private static object AxisOf(Layout layout, string name)
    {
        var axis = GetMember(layout, name);
        if (axis is not null && !IsAnonymous(axis))
            return axis;
        var created = new LinearAxis();
        if (axis is not null)
            foreach (var property in axis.GetType().GetProperties())
                SetMember(created, property.Name, property.GetValue(axis));
        SetMember(layout, name, created);
        return created;
    }

    private static bool IsAnonymous(object value) =>
        Attribute.IsDefined(value.GetType(), typeof(CompilerGeneratedAttribute))
        && value.GetType().Name.Contains("AnonymousType");

    // Property access by a name known only at run time, through the same dynamic binder as `((dynamic)obj).name`,
    // which works on Plotly.NET's DynamicObj types in both 5.x and 6.0 (their method names differ between versions).
    private static object? GetMember(object target, string name)
    {
        var site = CallSite<Func<CallSite, object, object?>>.Create(Microsoft.CSharp.RuntimeBinder.Binder.GetMember(
            CSharpBinderFlags.None, name, typeof(Charts), new[] { CSharpArgumentInfo.Create(CSharpArgumentInfoFlags.None, null) }));
        try { return site.Target(site, target); }
        catch (RuntimeBinderException) { return null; }
    }

    private static void SetMember(object target, string name, object? value)
    {
        var site = CallSite<Func<CallSite, object, object?, object?>>.Create(Microsoft.CSharp.RuntimeBinder.Binder.SetMember(
            CSharpBinderFlags.None, name, typeof(Charts), new[]
            {
                CSharpArgumentInfo.Create(CSharpArgumentInfoFlags.None, null),
                CSharpArgumentInfo.Create(CSharpArgumentInfoFlags.UseCompileTimeType, null),
            }));
        site.Target(site, target, value);
    }

    /// <summary>Sets the chart's title and size (plotly.js attributes through dynamic: the same in both versions).</summary>
    public static GenericChart Titled(GenericChart chart, string title, int width = DefaultWidth, int height = DefaultHeight)
    {
        dynamic text = new Title();
        text.text = title;
        dynamic layout = new Layout();
        layout.title = text;
        layout.width = width;
        layout.height = height;
        return GenericChart.addLayout((Layout)layout, chart);
    }

    private static GenericChart Styled(GenericChart chart, string title, string xTitle, string yTitle,
        bool logX = false, bool logY = false)
    {
        var styled = Titled(chart
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle), title);
        var layout = GenericChart.getLayout(styled);
        if (logX) SetMember(AxisOf(layout, "xaxis"), "type", "log");
        if (logY) SetMember(AxisOf(layout, "yaxis"), "type", "log");
        return styled;
    }

    /// <summary>A heatmap trace from pale class-0 blue through white to pale class-1 orange, on a fixed value range.</summary>
    private static GenericChart HeatmapLayer(string name, double[] xs, double[] ys, double[][] z, double low, double high, bool visible, bool showScale)
    {
        var trace = new Trace2D("heatmap");
        dynamic heat = trace;
        heat.name = name;
        heat.x = xs;
        heat.y = ys;
        heat.z = z;
        heat.zmin = low;
        heat.zmax = high > low ? high : low + 1;
        heat.colorscale = new object[] { new object[] { 0.0, "#9ecae9" }, new object[] { 0.5, "#f7f7f7" }, new object[] { 1.0, "#f4b183" } };
        heat.showscale = showScale;
        heat.colorbar = new { len = 0.85, thickness = 14 };
        heat.visible = visible;
        return GenericChart.ofTraceObject(true, trace);
    }

    private static double Min(double[][] z) => z.Min(row => row.Min());

    private static double Max(double[][] z) => z.Max(row => row.Max());

    /// <summary>A horizontal legend above the plot, clear of a colour bar on the right.</summary>
    private static GenericChart WithLegendOnTop(GenericChart chart)
    {
        dynamic layout = new Layout();
        layout.legend = new { orientation = "h", x = 0.0, y = 1.02, yanchor = "bottom" };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    private static GenericChart LineOf(ChartSeries series, int index) => series.Markers
        ? PlotlyChart.Point<double, double, string>(series.X, series.Y, Name: series.Name, MarkerColor: Color.fromString(Palette[index % Palette.Length]))
        : PlotlyChart.Line<double, double, string>(series.X, series.Y, Name: series.Name, MarkerColor: Color.fromString(Palette[index % Palette.Length]));

    private static GenericChart[] PointsByClass(ChartPoints points)
    {
        var classes = points.Labels.Distinct().OrderBy(k => k).ToArray();
        var charts = new GenericChart[classes.Length];
        for (var c = 0; c < classes.Length; c++)
        {
            var k = classes[c];
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < points.Labels.Length; i++)
            {
                if (points.Labels[i] != k)
                    continue;
                xs.Add(points.X[i]);
                ys.Add(points.Y[i]);
            }
            var name = points.ClassNames is { } names && k >= 0 && k < names.Length ? names[k] : $"class {k}";
            charts[c] = PlotlyChart.Point<double, double, string>(xs.ToArray(), ys.ToArray(), Name: name,
                MarkerColor: Color.fromString(Palette[((k % Palette.Length) + Palette.Length) % Palette.Length]));
        }
        return charts;
    }

    /// <summary>Adds a slider whose step i shows the traces with owner == i (and those with owner == -1 always); it opens at
    /// step <paramref name="active"/> (the traces' own visibility must match it).</summary>
    internal static GenericChart WithSlider(GenericChart chart, string sliderLabel, string[] labels, int[] owner, int alwaysVisible,
        int active = 0)
    {
        var steps = new object[labels.Length];
        for (var f = 0; f < labels.Length; f++)
        {
            var visible = new bool[owner.Length];
            for (var t = 0; t < owner.Length; t++)
                visible[t] = owner[t] == f || owner[t] == -1;
            steps[f] = new { label = labels[f], method = "restyle", args = new object[] { new { visible } } };
        }
        dynamic layout = new Layout();
        layout.sliders = new object[]
        {
            new { active, pad = new { t = 50 }, currentvalue = new { prefix = sliderLabel + " = " }, steps },
        };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>Tick marks on the x axis exactly at <paramref name="values"/>, labelled as plain numbers (e.g. the sample
    /// sizes of a learning curve on a log axis, which plotly would otherwise label 2, 5, 100, 2, 5, ...).</summary>
    public static GenericChart WithXTicks(GenericChart chart, double[] values)
    {
        SetTicks(GenericChart.getLayout(chart), "xaxis", values);
        return chart;
    }

    /// <summary>Ticks of one axis exactly at the values, labelled as plain numbers.</summary>
    private static void SetTicks(Layout layout, string axisName, double[] values)
    {
        if (values.Length == 0 || values.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"needs at least one tick, all finite; got [{string.Join(", ", values)}]", nameof(values));
        var axis = AxisOf(layout, axisName);
        SetMember(axis, "tickvals", values);
        SetMember(axis, "ticktext", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Decision surfaces with probability contours (notebooks 01 and 02: the blog's figs. 2 and 3). Appended by the author of
// those notebooks; same compatibility rules as above (plain plotly.js attributes through dynamic, arrays only).
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
public static class DecisionCharts
{
    /// <summary>
    /// The class-1 probability P over the grid (xs, ys) as filled contours at 0.1, 0.2, …, 0.9, the decision boundary
    /// P = 0.5 as a thick black line, and the training points on top (points with highlight[i] drawn as crosses, e.g.
    /// flipped labels). One slider position per frame: drag it to sweep λ.
    /// </summary>
    public static GenericChart SurfaceSlider(string title, double[] xs, double[] ys, string sliderLabel, HeatmapFrame[] frames,
        ChartPoints? points = null, bool[]? highlight = null, int width = 640, int height = 560)
    {
        var charts = new List<GenericChart>();
        var owner = new List<int>();
        for (var f = 0; f < frames.Length; f++)
        {
            foreach (var trace in SurfaceTraces(xs, ys, frames[f].Z, showScale: f == 0))
            {
                ((dynamic)trace).visible = f == 0;
                charts.Add(GenericChart.ofTraceObject(true, trace));
                owner.Add(f);
            }
        }
        if (points is not null)
        {
            foreach (var trace in PointTraces(points, highlight))
            {
                charts.Add(GenericChart.ofTraceObject(true, trace));
                owner.Add(-1);
            }
        }
        var chart = Charts.Titled(PlotlyChart.Combine(charts.ToArray()), title, width, height);
        var steps = new object[frames.Length];
        for (var f = 0; f < frames.Length; f++)
        {
            var visible = new bool[owner.Count];
            for (var t = 0; t < owner.Count; t++)
                visible[t] = owner[t] == f || owner[t] == -1;
            steps[f] = new { label = frames[f].Label, method = "restyle", args = new object[] { new { visible } } };
        }
        dynamic layout = new Layout();
        layout.sliders = new object[] { new { active = 0, pad = new { t = 50 }, currentvalue = new { prefix = sliderLabel + " = " }, steps } };
        layout.xaxis = new { title = new { text = "x₁" } };
        layout.yaxis = new { title = new { text = "x₂" }, scaleanchor = "x" };   // equal aspect: the moons keep their shape
        layout.legend = new { orientation = "h", y = 1.08 };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>One decision surface (as in <see cref="SurfaceSlider"/>) without a slider, e.g. one panel of a grid.</summary>
    public static GenericChart Surface(double[] xs, double[] ys, double[][] z, ChartPoints? points = null, bool[]? highlight = null)
    {
        var traces = SurfaceTraces(xs, ys, z, showScale: true).ToList();
        if (points is not null)
            traces.AddRange(PointTraces(points, highlight, markerSize: 5));
        return PlotlyChart.Combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToArray());
    }

    /// <summary>
    /// The print companion of <see cref="SurfaceSlider"/>: every frame as its own panel (equal aspect, one P(1) colour
    /// bar, one legend), <paramref name="columns"/> per row, titled "<paramref name="sliderLabel"/> = label".
    /// </summary>
    public static GenericChart SurfaceGrid(double[] xs, double[] ys, string sliderLabel, HeatmapFrame[] frames,
        ChartPoints? points = null, bool[]? highlight = null, int columns = 3, string[]? panelTitles = null)
    {
        var panels = frames.Select(f => Surface(xs, ys, f.Z, points, highlight)).ToArray();
        var titles = panelTitles ?? frames.Select(f => $"{sliderLabel} = {f.Label}").ToArray();
        var rows = (frames.Length + columns - 1) / columns;
        return Charts.Grid(rows, Math.Min(columns, frames.Length), titles, panels, equalAspect: true, shareAxes: true);
    }

    private static IEnumerable<Trace2D> SurfaceTraces(double[] xs, double[] ys, double[][] z, bool showScale)
    {
        var filled = new Trace2D("contour");
        dynamic fill = filled;
        fill.x = xs;
        fill.y = ys;
        fill.z = z;
        fill.zmin = 0.0;
        fill.zmax = 1.0;
        fill.colorscale = "RdBu";
        fill.colorbar = new { len = 0.7, y = 0.4, title = new { text = "P(1)" } };
        fill.opacity = 0.45;   // pale enough that points of either class stay visible on both sides
        fill.showscale = showScale;
        fill.name = "P(class 1)";
        fill.contours = new { start = 0.1, end = 0.9, size = 0.1, coloring = "fill" };
        fill.line = new { width = 0.5, color = "rgba(60,60,60,0.6)" };
        yield return filled;

        var boundaryTrace = new Trace2D("contour");
        dynamic boundary = boundaryTrace;
        boundary.x = xs;
        boundary.y = ys;
        boundary.z = z;
        boundary.showscale = false;
        boundary.name = "P = 0.5";
        boundary.contours = new { start = 0.5, end = 0.5, size = 1.0, coloring = "lines" };
        boundary.colorscale = new object[] { new object[] { 0, "black" }, new object[] { 1, "black" } };
        boundary.line = new { width = 3 };
        yield return boundaryTrace;
    }

    private static IEnumerable<Trace2D> PointTraces(ChartPoints points, bool[]? highlight, int markerSize = 6)
    {
        foreach (var k in points.Labels.Distinct().OrderBy(k => k))
        {
            foreach (var marked in highlight is null ? new[] { false } : new[] { false, true })
            {
                var index = Enumerable.Range(0, points.Labels.Length)
                    .Where(i => points.Labels[i] == k && (highlight is null || highlight[i] == marked)).ToArray();
                if (index.Length == 0)
                    continue;
                var trace = new Trace2D("scatter");
                dynamic scatter = trace;
                var name = points.ClassNames is { } names && k >= 0 && k < names.Length ? names[k] : $"class {k}";
                scatter.name = marked ? name + " (flipped)" : name;
                scatter.x = index.Select(i => points.X[i]).ToArray();
                scatter.y = index.Select(i => points.Y[i]).ToArray();
                scatter.mode = "markers";
                scatter.marker = new
                {
                    color = Charts.Palette[((k % Charts.Palette.Length) + Charts.Palette.Length) % Charts.Palette.Length],
                    size = marked ? markerSize + 3 : markerSize,
                    symbol = marked ? "x" : "circle",
                    line = new { width = marked ? 1.5 : 0.8, color = "#222222" },
                };
                yield return trace;
            }
        }
    }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Optimizer paths over a loss surface with a slider (notebook 03: gradient descent vs its modified flow as α grows).
// Appended by the author of notebook 03; same compatibility rules as above (plain plotly.js attributes through dynamic,
// arrays only).
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>One slider position of <see cref="PathCharts.SliderPathsOnContour"/>: its label and the paths shown there.</summary>
public sealed record PathFrame(string Label, ChartSeries[] Paths);

public static class PathCharts
{
    /// <summary>
    /// Contour lines of Z over (xs, ys) with fixed paths always shown and one set of paths per slider position, all
    /// precomputed (the slider only switches trace visibility, so it works in VS Code and in the offline HTML alike).
    /// </summary>
    public static GenericChart SliderPathsOnContour(string title, double[] xs, double[] ys, double[][] z,
        ChartSeries[] fixedPaths, string sliderLabel, PathFrame[] frames, string xTitle = "φ₀", string yTitle = "φ₁")
    {
        var charts = new List<GenericChart>();
        var owner = new List<int>();   // slider position that shows each trace; -1 = always shown

        var contourTrace = new Trace2D("contour");
        dynamic contour = contourTrace;
        contour.name = "loss";
        contour.x = xs;
        contour.y = ys;
        contour.z = z;
        contour.colorscale = "Viridis";
        contour.showscale = false;   // the shape of the surface matters here, not its values; keeps the legend readable
        charts.Add(GenericChart.ofTraceObject(true, contourTrace));
        owner.Add(-1);

        for (var i = 0; i < fixedPaths.Length; i++)
        {
            charts.Add(PathTrace(fixedPaths[i], Charts.Palette[7 - (i % 2)], visible: true, dashed: true));
            owner.Add(-1);
        }
        for (var f = 0; f < frames.Length; f++)
        {
            for (var s = 0; s < frames[f].Paths.Length; s++)
            {
                charts.Add(PathTrace(frames[f].Paths[s], Charts.Palette[(s + 1) % Charts.Palette.Length], visible: f == 0, dashed: false));
                owner.Add(f);
            }
        }

        var chart = Charts.Titled(PlotlyChart.Combine(charts.ToArray())
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle), title);

        var steps = new object[frames.Length];
        for (var f = 0; f < frames.Length; f++)
        {
            var visible = new bool[owner.Count];
            for (var t = 0; t < owner.Count; t++)
                visible[t] = owner[t] == f || owner[t] == -1;
            steps[f] = new { label = frames[f].Label, method = "restyle", args = new object[] { new { visible } } };
        }
        dynamic layout = new Layout();
        layout.sliders = new object[]
        {
            new { active = 0, pad = new { t = 50 }, currentvalue = new { prefix = sliderLabel + " = " }, steps },
        };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    private static GenericChart PathTrace(ChartSeries series, string color, bool visible, bool dashed)
    {
        var trace = new Trace2D("scatter");
        dynamic path = trace;
        path.name = series.Name;
        path.x = series.X;
        path.y = series.Y;
        path.mode = series.Markers ? "lines+markers" : "lines";
        path.line = new { color, width = 2, dash = dashed ? "dash" : "solid" };
        path.marker = new { color, size = 5 };
        path.visible = visible;
        return GenericChart.ofTraceObject(true, trace);
    }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Panels (notebooks 05 and 06: textbook figs. 9.6 and 9.7, the blog's figs. 9 and 10, ensemble-size curves).
// Appended by the author of those notebooks. A panel is a list of raw plotly.js traces on its own axes (log axes,
// marker sizes, shaded bands, vertical marks), laid out in a grid by explicit axis domains, so nothing depends on
// Plotly.NET's subplot API; same compatibility rules as above (plain attributes through dynamic, arrays only).
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>One trace of a panel. Mode is "lines", "markers" or "lines+markers"; Sizes (markers only) gives each
/// point its own size; BandHigh turns the trace into a shaded band between Y (low) and BandHigh (high).</summary>
public sealed record PanelTrace(string Name, double[] X, double[] Y, string Colour, string Mode = "lines",
    string Dash = "solid", double Width = 2, double[]? Sizes = null, bool ShowLegend = true, double[]? BandHigh = null);

/// <summary>A vertical line at X across the panel, labelled at the top.</summary>
public sealed record PanelMark(double X, string Label, string Colour = "#777777");

/// <summary>One set of axes: a title, axis titles, traces, optional log axes, y range and vertical marks.</summary>
public sealed record Panel(string Title, string XTitle, string YTitle, PanelTrace[] Traces, bool LogX = false,
    bool LogY = false, double[]? YRange = null, PanelMark[]? Marks = null);

public static class PanelCharts
{
    /// <summary>Colours running from red (early) through orange and green to blue (late), as in the blog's fig. 10.</summary>
    public static string[] TimeColours(int count)
    {
        string[] stops = { "#d62728", "#ff7f0e", "#bcbd22", "#2ca02c", "#17becf", "#1f77b4", "#393b79" };
        var colours = new string[count];
        for (var i = 0; i < count; i++)
            colours[i] = stops[(int)Math.Round(count == 1 ? 0 : i * (stops.Length - 1.0) / (count - 1))];
        return colours;
    }

    /// <summary>Panels in a grid of <paramref name="cols"/> columns; legend entries with the same name appear once.</summary>
    public static GenericChart Grid(string title, int cols, Panel[] panels, int? width = null, int? height = null)
    {
        var rows = (panels.Length + cols - 1) / cols;
        var traces = new List<Trace2D>();
        var shown = new HashSet<string>();
        dynamic layout = new Layout();
        var shapes = new List<object>();
        var annotations = new List<object>();
        for (var p = 0; p < panels.Length; p++)
        {
            int row = p / cols, col = p % cols;
            var (xDomain, yDomain) = Domains(row, col, rows, cols);
            foreach (var t in panels[p].Traces)
            {
                var trace = TraceOf(t, p, visible: true);
                ((dynamic)trace).showlegend = t.ShowLegend && shown.Add(t.Name);
                traces.Add(trace);
            }
            SetAxes(layout, p, panels[p], xDomain, yDomain);
            annotations.Add(new { text = "<b>" + panels[p].Title + "</b>", showarrow = false, xref = "paper", yref = "paper",
                x = (xDomain[0] + xDomain[1]) / 2, y = yDomain[1] + 0.01, xanchor = "center", yanchor = "bottom", font = new { size = 13 } });
            AddMarks(panels[p], p, shapes, annotations);
        }
        layout.shapes = shapes.ToArray();
        layout.annotations = annotations.ToArray();
        // Below the bottom row's axis title (which sits about 0.1 of a one-row chart's height under the axis).
        layout.legend = new { orientation = "h", x = 0.0, y = -0.24 / rows - 0.01, yanchor = "top" };
        layout.margin = new { t = 80, b = 110 };
        var chart = PlotlyChart.Combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToArray());
        chart = Charts.Titled(chart, title, width ?? Math.Min(880, Math.Max(Charts.DefaultWidth, 300 * cols)), height ?? 140 + 300 * rows);
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>One panel whose traces change with a slider (frame i = the traces of frames[i]); axes, title and
    /// marks come from frames[0]; traces named in <paramref name="fixedTraces"/> are always shown.</summary>
    public static GenericChart Slider(string title, string sliderLabel, string[] labels, Panel[] frames,
        PanelTrace[]? fixedTraces = null, int width = Charts.DefaultWidth, int height = 480)
    {
        var traces = new List<Trace2D>();
        var owner = new List<int>();
        foreach (var t in fixedTraces ?? Array.Empty<PanelTrace>()) { traces.Add(TraceOf(t, 0, true)); owner.Add(-1); }
        for (var f = 0; f < frames.Length; f++)
            foreach (var t in frames[f].Traces) { traces.Add(TraceOf(t, 0, f == 0)); owner.Add(f); }
        dynamic layout = new Layout();
        SetAxes(layout, 0, frames[0], new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 });
        var steps = new object[frames.Length];
        for (var f = 0; f < frames.Length; f++)
        {
            var visible = owner.Select(o => o == f || o == -1).ToArray();
            steps[f] = new { label = labels[f], method = "restyle", args = new object[] { new { visible } } };
        }
        layout.sliders = new object[] { new { active = 0, pad = new { t = 60 }, currentvalue = new { prefix = sliderLabel + " = " }, steps } };
        layout.legend = new { orientation = "h", x = 0.0, y = 1.02, yanchor = "bottom" };
        var chart = PlotlyChart.Combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToArray());
        return GenericChart.addLayout((Layout)layout, Charts.Titled(chart, title, width, height));
    }

    private static (double[] X, double[] Y) Domains(int row, int col, int rows, int cols)
    {
        const double gapX = 0.08, gapY = 0.16;
        double w = (1 - gapX * (cols - 1)) / cols, h = (1 - gapY * (rows - 1)) / rows;
        double x0 = col * (w + gapX), y1 = 1 - row * (h + gapY);
        return (new[] { x0, x0 + w }, new[] { y1 - h, y1 });
    }

    private static Trace2D TraceOf(PanelTrace t, int panel, bool visible)
    {
        var trace = new Trace2D("scatter");
        dynamic s = trace;
        s.name = t.Name;
        s.visible = visible;
        s.xaxis = panel == 0 ? "x" : "x" + (panel + 1);
        s.yaxis = panel == 0 ? "y" : "y" + (panel + 1);
        s.legendgroup = t.Name;
        if (t.BandHigh is { } high)
        {
            s.x = t.X.Concat(t.X.Reverse()).ToArray();
            s.y = t.Y.Concat(high.Reverse()).ToArray();
            s.fill = "toself";
            s.fillcolor = t.Colour + "33";
            s.line = new { width = 0 };
            s.mode = "lines";
            s.hoverinfo = "skip";
            return trace;
        }
        s.x = t.X;
        s.y = t.Y;
        s.mode = t.Mode;
        s.line = new { color = t.Colour, width = t.Width, dash = t.Dash };
        s.marker = t.Sizes is null ? new { color = t.Colour, size = (object)7 } : new { color = t.Colour, size = (object)t.Sizes };
        return trace;
    }

    private static void SetAxes(dynamic layout, int panel, Panel p, double[] xDomain, double[] yDomain)
    {
        string suffix = panel == 0 ? "" : (panel + 1).ToString();
        // Log axes: ticks at 1, 2, 5 × 10ⁿ ("D2") with powers written out, so a decade reads at a glance.
        object x = new { domain = xDomain, anchor = "y" + suffix, type = p.LogX ? "log" : "linear", title = new { text = p.XTitle },
            zeroline = false, dtick = p.LogX ? "D2" : null, exponentformat = "power" };
        object y = p.YRange is { } range
            ? new { domain = yDomain, anchor = "x" + suffix, type = p.LogY ? "log" : "linear", title = new { text = p.YTitle },
                dtick = p.LogY ? "D2" : null, exponentformat = "power", range = (object)range }
            : new { domain = yDomain, anchor = "x" + suffix, type = p.LogY ? "log" : "linear", title = new { text = p.YTitle },
                dtick = p.LogY ? "D2" : null, exponentformat = "power", range = (object)null! };
        // Axis keys are literal member names on the dynamic layout (xaxis, xaxis2, …); plotly.js allows any number.
        switch (panel)
        {
            case 0: layout.xaxis = x; layout.yaxis = y; break;
            case 1: layout.xaxis2 = x; layout.yaxis2 = y; break;
            case 2: layout.xaxis3 = x; layout.yaxis3 = y; break;
            case 3: layout.xaxis4 = x; layout.yaxis4 = y; break;
            case 4: layout.xaxis5 = x; layout.yaxis5 = y; break;
            case 5: layout.xaxis6 = x; layout.yaxis6 = y; break;
            case 6: layout.xaxis7 = x; layout.yaxis7 = y; break;
            case 7: layout.xaxis8 = x; layout.yaxis8 = y; break;
            case 8: layout.xaxis9 = x; layout.yaxis9 = y; break;
            default: throw new ArgumentOutOfRangeException(nameof(panel), panel, "PanelCharts draws at most 9 panels.");
        }
    }

    private static void AddMarks(Panel p, int panel, List<object> shapes, List<object> annotations)
    {
        string suffix = panel == 0 ? "" : (panel + 1).ToString();
        foreach (var m in p.Marks ?? Array.Empty<PanelMark>())
        {
            shapes.Add(new { type = "line", xref = "x" + suffix, yref = "y" + suffix + " domain", x0 = m.X, x1 = m.X, y0 = 0, y1 = 1,
                line = new { color = m.Colour, width = 1.5, dash = "dash" } });
            annotations.Add(new { text = m.Label, showarrow = false, xref = "x" + suffix, yref = "y" + suffix + " domain",
                x = p.LogX ? Math.Log10(m.X) : m.X, y = 1, xanchor = "left", yanchor = "top", font = new { size = 11, color = m.Colour } });
        }
    }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Noise and calibration (notebooks 07 and 08): a fit drawn over the noisy inputs it was trained on (textbook fig. 9.10)
// with a slider and a static grid, and means with error bars over seeds (the blog's fig. 8). Appended by the author of
// those notebooks; same compatibility rules as above (plain plotly.js attributes through dynamic, arrays only).
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>One curve of <see cref="NoiseCharts.MeansWithSpread"/>: the mean over seeds and its spread (error bars).</summary>
public sealed record SpreadSeries(string Name, double[] X, double[] Mean, double[] Spread);

public static class NoiseCharts
{
    // Frame layout of FitSlider/FitGrid: [0] noisy copies (small grey dots), [1] training data (black),
    // [2] the fit (cyan, as in the textbook), [3] the true function (dashed); any further series use the palette.
    private static readonly (string Color, string Mode, double Size, string Dash)[] FitStyle =
    {
        ("rgba(120,120,120,0.45)", "markers", 4, "solid"), ("#000000", "markers", 8, "solid"),
        ("#00A6D6", "lines", 3, "solid"), ("#555555", "lines", 1.5, "dash"),
    };

    /// <summary>A fit over its noisy training inputs, one slider position per noise level.</summary>
    public static GenericChart FitSlider(string title, string xTitle, string yTitle, string sliderLabel, SliderFrame[] frames)
    {
        var charts = new List<GenericChart>();
        var steps = new object[frames.Length];
        for (var f = 0; f < frames.Length; f++)
            for (var s = 0; s < frames[f].Series.Length; s++)
                charts.Add(FitTrace(frames[f].Series[s], s, visible: f == 0, showLegend: true));
        var perFrame = frames.Length == 0 ? 0 : frames[0].Series.Length;
        for (var f = 0; f < frames.Length; f++)
        {
            var visible = Enumerable.Range(0, charts.Count).Select(t => t / perFrame == f).ToArray();
            steps[f] = new { label = frames[f].Label, method = "restyle", args = new object[] { new { visible } } };
        }
        dynamic layout = new Layout();
        layout.sliders = new object[] { new { active = 0, pad = new { t = 50 }, currentvalue = new { prefix = sliderLabel + ": " }, steps } };
        layout.legend = new { orientation = "h", x = 0.0, y = 1.02, yanchor = "bottom" };
        var chart = PlotlyChart.Combine(charts.ToArray())
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);
        return Charts.Titled(GenericChart.addLayout((Layout)layout, chart), title, Charts.DefaultWidth, 520);
    }

    /// <summary>The same frames as a static grid for print: one panel per frame.</summary>
    public static GenericChart FitGrid(SliderFrame[] frames, string xTitle, string yTitle, int cols = 2)
    {
        var panels = frames.Select(frame => PlotlyChart.Combine(
            frame.Series.Select((series, s) => FitTrace(series, s, visible: true, showLegend: false)).ToArray())).ToArray();
        var rows = (frames.Length + cols - 1) / cols;
        return Charts.Grid(rows, cols, frames.Select(f => f.Label).ToArray(), panels);
    }

    /// <summary>Means over seeds with ±spread error bars, e.g. ECE and accuracy against ε.</summary>
    public static GenericChart MeansWithSpread(string title, string xTitle, string yTitle, bool logX, params SpreadSeries[] series)
    {
        var charts = new GenericChart[series.Length];
        for (var i = 0; i < series.Length; i++)
        {
            var trace = new Trace2D("scatter");
            dynamic line = trace;
            line.name = series[i].Name;
            line.x = series[i].X;
            line.y = series[i].Mean;
            line.mode = "lines+markers";
            line.line = new { color = Charts.Palette[i % Charts.Palette.Length] };
            line.marker = new { color = Charts.Palette[i % Charts.Palette.Length], size = 7 };
            line.error_y = new { type = "data", array = series[i].Spread, visible = true, thickness = 1.5, width = 5 };
            charts[i] = GenericChart.ofTraceObject(true, trace);
        }
        dynamic layout = new Layout();
        if (logX) layout.xaxis = new { type = "log", title = new { text = xTitle } };
        var chart = PlotlyChart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle);
        if (logX) chart = GenericChart.addLayout((Layout)layout, chart);
        return Charts.Titled(chart, title);
    }

    private static GenericChart FitTrace(ChartSeries series, int index, bool visible, bool showLegend)
    {
        (string Color, string Mode, double Size, string Dash) style = index < FitStyle.Length ? FitStyle[index]
            : (Charts.Palette[index % Charts.Palette.Length], series.Markers ? "markers" : "lines", 6.0, "solid");
        var trace = new Trace2D("scatter");
        dynamic t = trace;
        t.name = series.Name;
        t.x = series.X;
        t.y = series.Y;
        t.mode = style.Mode;
        t.marker = new { color = style.Color, size = style.Size };
        t.line = new { color = style.Color, width = style.Size, dash = style.Dash };
        t.visible = visible;
        t.showlegend = showLegend;
        return GenericChart.ofTraceObject(true, trace);
    }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Uncertainty bands and bar comparisons (notebooks 09 and 10: textbook fig. 9.11's mean ± 2 sd, seed-averaged curves
// with their spread). Appended by the author of those notebooks; same compatibility rules as above.
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>A shaded region between Lower and Upper over X (e.g. mean ± 2 standard deviations), drawn in colour Color.</summary>
public sealed record ChartBand(string Name, double[] X, double[] Lower, double[] Upper, int Color = 0);

/// <summary>One position of a band slider: its label, its bands and its lines.</summary>
public sealed record BandFrame(string Label, ChartBand[] Bands, ChartSeries[] Series);

public static class BandCharts
{
    /// <summary>Bands (half transparent) under lines and points, on one set of axes. Two series names are drawn the same
    /// in every chart: "data" (black markers) and "true function" (grey dashes); the other series take the palette's
    /// colours in order, so give a band the Color index of the line it belongs to.</summary>
    public static GenericChart Bands(string title, string xTitle, string yTitle, ChartBand[] bands, params ChartSeries[] series)
    {
        var traces = bands.Select(b => BandTrace(b, visible: true)).Concat(series.Select((s, i) => LineTrace(s, ColorIndex(series, i), visible: true)));
        return Axes(Charts.Titled(PlotlyChart.Combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToArray()), title), xTitle, yTitle);
    }

    /// <summary>One frame per slider position (e.g. per prior variance); the fixed series (data points) stay visible.</summary>
    public static GenericChart SliderBands(string title, string xTitle, string yTitle, string sliderLabel, BandFrame[] frames,
        params ChartSeries[] fixedSeries)
    {
        var traces = new List<Trace2D>();
        var owner = new List<int>();
        for (var f = 0; f < frames.Length; f++)
        {
            foreach (var b in frames[f].Bands) { traces.Add(BandTrace(b, f == 0)); owner.Add(f); }
            for (var s = 0; s < frames[f].Series.Length; s++) { traces.Add(LineTrace(frames[f].Series[s], ColorIndex(frames[f].Series, s), f == 0)); owner.Add(f); }
        }
        for (var s = 0; s < fixedSeries.Length; s++) { traces.Add(LineTrace(fixedSeries[s], Charts.Palette.Length - 1, true)); owner.Add(-1); }
        var chart = Axes(Charts.Titled(PlotlyChart.Combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToArray()), title), xTitle, yTitle);
        var steps = new object[frames.Length];
        for (var f = 0; f < frames.Length; f++)
        {
            var visible = owner.Select(o => o == f || o == -1).ToArray();
            steps[f] = new { label = frames[f].Label, method = "restyle", args = new object[] { new { visible } } };
        }
        dynamic layout = new Layout();
        layout.sliders = new object[] { new { active = 0, pad = new { t = 50 }, currentvalue = new { prefix = sliderLabel + " = " }, steps } };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>Grouped bars with error bars: one group per category, one bar per named series (e.g. mean ± sd over seeds).</summary>
    public static GenericChart Bars(string title, string yTitle, string[] categories, params (string Name, double[] Values, double[] Errors)[] series)
    {
        var charts = new GenericChart[series.Length];
        for (var i = 0; i < series.Length; i++)
        {
            var trace = new Trace2D("bar");
            dynamic bar = trace;
            bar.name = series[i].Name;
            bar.x = categories;
            bar.y = series[i].Values;
            bar.error_y = new { type = "data", array = series[i].Errors, visible = true };
            bar.marker = new { color = Charts.Palette[i % Charts.Palette.Length] };
            charts[i] = GenericChart.ofTraceObject(true, trace);
        }
        var chart = Axes(Charts.Titled(PlotlyChart.Combine(charts), title), "", yTitle);
        dynamic layout = new Layout();
        layout.barmode = "group";
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>Means as dots with ± error bars, one dot per category, coloured by group (one legend entry per group),
    /// categories kept in the given order. Dots need no zero baseline, so the y axis can zoom into small differences
    /// without exaggerating them the way truncated bars do.</summary>
    /// <paramref name="groupColors"/>: a colour per group name (e.g. to keep two groups apart); groups not in it, or all
    /// groups when it is null, take the palette in order of first appearance.
    public static GenericChart GroupedDots(string title, string yTitle, string[] categories, string[] groups,
        double[] values, double[] errors, IReadOnlyDictionary<string, string>? groupColors = null)
    {
        var charts = groups.Distinct().Select((group, g) =>
        {
            var members = Enumerable.Range(0, categories.Length).Where(i => groups[i] == group).ToArray();
            var trace = new Trace2D("scatter");
            dynamic dots = trace;
            dots.name = group;
            dots.x = members.Select(i => categories[i]).ToArray();
            dots.y = members.Select(i => values[i]).ToArray();
            dots.mode = "markers";
            dots.marker = new { color = groupColors?.GetValueOrDefault(group) ?? Charts.Palette[g % Charts.Palette.Length], size = 10 };
            dots.error_y = new { type = "data", array = members.Select(i => errors[i]).ToArray(), visible = true };
            return GenericChart.ofTraceObject(true, trace);
        }).ToArray();
        var chart = Axes(Charts.Titled(PlotlyChart.Combine(charts), title), "", yTitle);
        dynamic layout = new Layout();
        layout.xaxis = new { categoryorder = "array", categoryarray = categories };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>A vertical dashed marker line at x (e.g. the epoch where training accuracy reaches 100%).</summary>
    public static GenericChart WithVerticalLine(GenericChart chart, double x, string label)
    {
        dynamic layout = new Layout();
        layout.shapes = new object[] { new { type = "line", x0 = x, x1 = x, yref = "paper", y0 = 0, y1 = 1, line = new { dash = "dash", color = "#555", width = 1.5 } } };
        layout.annotations = new object[] { new { x, yref = "paper", y = 1.0, text = label, showarrow = false, xanchor = "left", yanchor = "bottom", font = new { size = 11 } } };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>Grey-scale images (row-major, height × width, 0 = white) side by side with a title each: a digit
    /// and its augmented copies. Row 0 is drawn at the top, as in the image.</summary>
    public static GenericChart Images(string title, string[] titles, double[][] images, int height, int width)
    {
        var panels = images.Select(image => GenericChart.ofTraceObject(true, ImageTrace(image, height, width, true))).ToArray();
        var grid = PlotlyChart.Grid(panels, 1, images.Length, SubPlotTitles: titles);
        dynamic layout = new Layout();
        layout.showlegend = false;
        return Charts.Titled(GenericChart.addLayout((Layout)layout, grid), title, Math.Min(760, 170 * images.Length), 270);
    }

    /// <summary><see cref="Images"/> drawn as pictures: square panels, no axes.</summary>
    public static GenericChart Pictures(string title, string[] titles, double[][] images, int height, int width) =>
        Charts.SquarePanelsWithoutAxes(Images(title, titles, images, height, width), images.Length);

    /// <summary>Images in a grid of <paramref name="columns"/> that change with a slider: <paramref name="fixedImages"/>
    /// first (always shown, e.g. the originals), then frames[f] (the images at slider position f, e.g. masked inputs and
    /// their reconstructions). One title per panel, fixed panels first. Grey levels are rounded to 3 decimals (finer
    /// than the eye sees; it keeps the page small). The slider opens at position <paramref name="active"/>.</summary>
    public static GenericChart ImageSlider(string title, string[] panelTitles, double[][] fixedImages, string sliderLabel,
        string[] labels, double[][][] frames, int height, int width, int columns, int active = 0)
    {
        double[] Rounded(double[] image) => image.Select(v => Math.Round(v, 3)).ToArray();
        var owner = new List<int>();   // slider position that shows each trace; -1 = always shown
        var panels = fixedImages.Select(image =>
        {
            owner.Add(-1);
            return GenericChart.ofTraceObject(true, ImageTrace(Rounded(image), height, width, true));
        }).ToList();
        for (var p = 0; p < frames[0].Length; p++)
        {
            var layers = Enumerable.Range(0, frames.Length).Select(f => ImageTrace(Rounded(frames[f][p]), height, width, f == active));
            panels.Add(PlotlyChart.Combine(layers.Select(t => GenericChart.ofTraceObject(true, t)).ToArray()));
            owner.AddRange(Enumerable.Range(0, frames.Length));
        }
        var rows = (panels.Count + columns - 1) / columns;
        var grid = PlotlyChart.Grid(panels.ToArray(), rows, columns, SubPlotTitles: panelTitles);
        dynamic layout = new Layout();
        layout.showlegend = false;
        var chart = Charts.Titled(GenericChart.addLayout((Layout)layout, grid), title, Math.Min(760, 170 * columns), 150 + 190 * rows);
        return Charts.WithSlider(chart, sliderLabel, labels, owner.ToArray(), fixedImages.Length, active);
    }

    /// <summary>Sets the y axis (single-panel charts): its title, "linear" or "log" scale, and an optional [low, high]
    /// range (for a log axis give log₁₀ of the ends), to zoom into a small difference such as 90% vs 91% accuracy.</summary>
    public static GenericChart WithYAxis(GenericChart chart, string yTitle, string type = "linear", double[]? range = null)
    {
        dynamic layout = new Layout();
        layout.yaxis = range is null ? new { title = new { text = yTitle }, type }
            : (object)new { title = new { text = yTitle }, type, range };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    /// <summary>A grey-scale image (row-major, height × width) as a heatmap trace, row 0 at the top, 0 = white.</summary>
    private static Trace2D ImageTrace(double[] image, int height, int width, bool visible)
    {
        var z = Enumerable.Range(0, height).Select(r => image.Skip((height - 1 - r) * width).Take(width).ToArray()).ToArray();
        var trace = new Trace2D("heatmap");
        dynamic heat = trace;
        heat.z = z;
        heat.colorscale = "Greys";
        heat.reversescale = true;   // 0 = white paper, 1 = black ink
        heat.zmin = 0.0;
        heat.zmax = 1.0;
        heat.showscale = false;
        heat.visible = visible;
        return trace;
    }

    private static GenericChart Axes(GenericChart chart, string xTitle, string yTitle)
    {
        dynamic layout = new Layout();
        layout.xaxis = new { title = new { text = xTitle } };
        layout.yaxis = new { title = new { text = yTitle } };
        return GenericChart.addLayout((Layout)layout, chart);
    }

    private static Trace2D BandTrace(ChartBand band, bool visible)
    {
        var trace = new Trace2D("scatter");
        dynamic area = trace;
        area.name = band.Name;
        area.x = band.X.Concat(band.X.Reverse()).ToArray();
        area.y = band.Upper.Concat(band.Lower.Reverse()).ToArray();
        area.fill = "toself";
        area.mode = "lines";
        area.line = new { width = 0 };
        area.fillcolor = Transparent(Charts.Palette[band.Color % Charts.Palette.Length], 0.22);
        area.hoverinfo = "skip";
        area.visible = visible;
        return trace;
    }

    private static bool IsData(ChartSeries s) => s.Name == "data";
    private static bool IsTruth(ChartSeries s) => s.Name == "true function";

    /// <summary>Palette position of series i among the series that are neither data nor the true function.</summary>
    private static int ColorIndex(ChartSeries[] series, int i) => series.Take(i).Count(s => !IsData(s) && !IsTruth(s));

    private static Trace2D LineTrace(ChartSeries series, int index, bool visible)
    {
        var trace = new Trace2D("scatter");
        dynamic line = trace;
        string color = IsData(series) ? "#000000" : IsTruth(series) ? "#777777" : Charts.Palette[index % Charts.Palette.Length];
        line.name = series.Name;
        line.x = series.X;
        line.y = series.Y;
        line.mode = series.Markers ? "markers" : "lines";
        line.line = IsTruth(series) ? new { color, width = 2, dash = "dash" } : (object)new { color, width = 2 };
        line.marker = new { color, size = 7 };
        line.visible = visible;
        return trace;
    }

    private static string Transparent(string hex, double alpha) =>
        $"rgba({Convert.ToInt32(hex.Substring(1, 2), 16)},{Convert.ToInt32(hex.Substring(3, 2), 16)},{Convert.ToInt32(hex.Substring(5, 2), 16)},{alpha})";
}
