using System.Diagnostics;
using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Rendering;

namespace RegularizationLab.Lab.Tests;

/// <summary>
/// Opens a rendered page in headless Chromium with the network disabled and checks that the Plotly chart drew and
/// the math was typeset. The screenshot is written next to the page (out/runner-tests/browser/).
/// </summary>
public sealed class BrowserTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    [SkippableFact]
    public async Task A_rendered_page_draws_its_chart_and_math_offline_in_headless_chromium()
    {
        // Optional programs: without them the test reports itself skipped, with the reason and the install command
        // (.ci/run installs both and fails on any skipped test).
        var chromium = Chromium.Find();
        Skip.If(chromium is null, Chromium.AbsentReason);
        Skip.IfNot(File.Exists(Path.Combine(RepoPaths.ToolProject, "node_modules", "katex", "dist", "katex.min.js")),
            "Skipped: KaTeX is not installed in tools/Lab/node_modules. Install it with: cd tools/Lab && npm ci " +
            "(npm: apt-get install -y npm).");
        var path = _notebooks.Write("browser-check.ipynb",
            TestNotebooks.ChartsSetupCell,
            "var xs = new[] { 1.0, 2, 3, 4 };\nCharts.Lines(\"A chart\", \"x\", \"y\", new ChartSeries(\"squares\", xs, xs.Select(x => x * x).ToArray()))",
            "var line = Charts.Lines(\"panel\", \"x\", \"y\", new ChartSeries(\"s\", xs, xs));\nCharts.Grid(1, 3, new[] { \"a\", \"b\", \"c\" }, line, line, line)");
        var notebookJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        // Every form of display math a Markdown cell accepts: $$ on lines of their own, on one line inside a sentence,
        // and over several lines with the $$ sharing a line with the formula (underscores must not become italics).
        notebookJson["cells"]![0]!["source"] = "# Browser check\n\nThe penalty $\\lambda \\|w\\|_2^2$ and\n\n$$\n\\hat w = \\arg\\min_w L(w) + \\lambda \\|w\\|_2^2\n$$\n\n"
            + "One line: $$L_\\lambda(w) = L(w) + \\lambda \\|w\\|_2^2$$ in a sentence.\n\n"
            + "$$\\tilde w_i = w_i^* \\,\n\\frac{h_i}{h_i + \\alpha}, \\quad i = 1, \\dots, d$$\n";
        File.WriteAllText(path, notebookJson.ToJsonString());

        var result = await _notebooks.RunIsolatedAsync(path);
        Assert.True(result.Succeeded, result.FailureReport);
        var siteFolder = Path.Combine(TestNotebooks.RepoRoot, "out", "runner-tests", "browser");
        if (Directory.Exists(siteFolder))
            Directory.Delete(siteFolder, recursive: true);
        var site = SiteRenderer.Render([result.ExecutedPath!], siteFolder);
        Assert.True(site.Assets.HasKatex, site.Assets.KatexNote);
        var page = site.Pages.Single();

        var dom = await Chromium.DumpDomAsync(chromium!, page);
        Assert.Contains("class=\"main-svg\"", dom);     // plotly.js drew the chart (its SVG layers)...
        Assert.Contains("js-line", dom);                // ...and the line of our trace,
        Assert.Contains("class=\"katex\"", dom);        // and KaTeX typeset the inline math
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(dom, "class=\"katex-display\"").Count); // every display formula,
        Assert.DoesNotContain("$$", dom);                                                                // none left as source,
        Assert.DoesNotContain("<em>", dom);                                                              // no underscore became italics.
        // The three-panel chart (1080 px wide) is drawn at the column's width, so no panel is cut off.
        var widths = System.Text.RegularExpressions.Regex.Matches(dom, "<svg class=\"main-svg\"[^>]*width=\"(\\d+)\"")
            .Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(widths);
        Assert.All(widths, w => Assert.True(w < 1080, $"a chart is {w} px wide, wider than its column"));

        var screenshot = Path.Combine(siteFolder, "browser-check.png");
        await Chromium.ScreenshotAsync(chromium!, page, screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is suspiciously small");
    }
}

/// <summary>Headless Debian Chromium with no network: pages are served from file:// only.</summary>
internal static class Chromium
{
    /// <summary>The CHROMIUM environment variable, when set, is the only candidate (set it to a missing file to
    /// run the suite as on a machine without Chromium); otherwise Debian's usual locations.</summary>
    public static string? Find()
    {
        var chosen = Environment.GetEnvironmentVariable("CHROMIUM");
        string[] candidates = string.IsNullOrEmpty(chosen)
            ? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            : [chosen];
        return candidates.FirstOrDefault(File.Exists);
    }

    public static string AbsentReason =>
        "Skipped: headless Chromium is not installed" +
        (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CHROMIUM")) ? "" : " (CHROMIUM names a missing file)") +
        ". Install it with: apt-get install -y chromium.";

    public static async Task<string> DumpDomAsync(string chromium, string page) =>
        await RunAsync(chromium, page, "--dump-dom");

    public static async Task ScreenshotAsync(string chromium, string page, string png) =>
        await RunAsync(chromium, page, $"--screenshot={png}", "--window-size=1100,1400");

    private static async Task<string> RunAsync(string chromium, string page, params string[] extra)
    {
        var profile = Path.Combine(Path.GetTempPath(), "lab-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={profile}",
                     // No network at all: every host name fails to resolve and any proxy use goes nowhere.
                     "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                     "--virtual-time-budget=15000",
                 }.Concat(extra).Append(new Uri(page).AbsoluteUri))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 120 s: " + await stderr);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
