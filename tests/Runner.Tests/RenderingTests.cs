using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Rendering;

namespace RegularizationLab.Lab.Tests;

/// <summary>The offline site: Markdown and math, code with outputs, local assets, index in course order.</summary>
public sealed class RenderingTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    [Theory]
    [InlineData("Inline $w_i^2 * \\lambda_1 * x_2$ math.", "<span class=\"math\">\\(w_i^2 * \\lambda_1 * x_2\\)</span>")]
    [InlineData("$$\n\\|w\\|_2^2 = \\sum_i w_i^2\n$$", "<span class=\"math display\">\\[\\|w\\|_2^2 = \\sum_i w_i^2\\]</span>")]
    [InlineData("The objective $$L_\\lambda(w) = L(w) + \\lambda \\|w\\|_2^2$$ on one line.", "<span class=\"math display\">\\[L_\\lambda(w) = L(w) + \\lambda \\|w\\|_2^2\\]</span>")]
    [InlineData("$$\\tilde w_i = w_i^* \\,\n \\frac{h_i}{h_i + \\alpha}$$", "<span class=\"math display\">\\[\\tilde w_i = w_i^* \\,\n \\frac{h_i}{h_i + \\alpha}\\]</span>")]
    [InlineData("Code `$$not math$$` stays code.", "<code>$$not math$$</code>")]
    public void Math_is_kept_intact_by_the_markdown_renderer(string markdown, string expected) =>
        Assert.Contains(expected, MarkdownRenderer.ToHtml(markdown));

    [Fact]
    public void Markdown_tables_lists_and_code_render()
    {
        var html = MarkdownRenderer.ToHtml("| λ | test error |\n|---|---|\n| 0.1 | 3.2% |\n\n- one\n- two\n\n`code`");
        Assert.Contains("<table>", html);
        Assert.Contains("<td>3.2%</td>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<code>code</code>", html);
    }

    [Fact]
    public async Task A_site_has_a_page_per_notebook_an_index_in_course_order_and_local_assets()
    {
        var sources = new[]
        {
            _notebooks.Write("solutions/hw1.ipynb", "2"),
            _notebooks.Write("notebooks/01-lecture.ipynb", "Console.WriteLine(\"<b>escaped</b>\");", "21 * 2"),
            _notebooks.Write("notebooks/00-intro.ipynb", "1"),
        };
        var executed = new List<string>();
        foreach (var source in sources)
        {
            var path = Path.Combine(_notebooks.Folder, "out", Path.GetFileName(Path.GetDirectoryName(source))!, Path.GetFileName(source));
            var result = await new IsolatedNotebookRunner(new RunnerOptions()).RunAsync(source, path);
            Assert.True(result.Succeeded, result.FailureReport);
            executed.Add(path);
        }

        var site = SiteRenderer.Render(executed, Path.Combine(_notebooks.Folder, "site"));

        Assert.Empty(site.Problems);
        Assert.Equal(3, site.Pages.Count);
        var index = File.ReadAllText(site.IndexPath);
        var order = new[] { "notebooks/00-intro.html", "notebooks/01-lecture.html", "solutions/hw1.html" }.Select(p => index.IndexOf(p, StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.True(order[0] < order[1] && order[1] < order[2], "index is not in course order");
        Assert.Contains("Lectures", index);

        var page = File.ReadAllText(Path.Combine(_notebooks.Folder, "site", "notebooks", "01-lecture.html"));
        Assert.Contains("&lt;b&gt;escaped&lt;/b&gt;", page); // Console text is text, not markup.
        Assert.Contains("<pre>42</pre>", page);
        Assert.Contains("href=\"../notebooks/00-intro.html\"", page); // Previous page link.
        Assert.Contains($"src=\"../{site.Assets.PlotlyScript}\"", page);
        Assert.DoesNotContain("https://", page);
        Assert.True(new FileInfo(Path.Combine(_notebooks.Folder, "site", site.Assets.PlotlyScript)).Length > 1_000_000, "plotly.js was not copied");
        Assert.True(File.Exists(Path.Combine(_notebooks.Folder, "site", "assets", "lab.css")));
    }

    [Fact]
    public async Task Without_KaTeX_the_site_still_renders_with_math_as_source_and_says_so()
    {
        var executed = (await _notebooks.RunIsolatedAsync(_notebooks.Write("math.ipynb", "1"))).ExecutedPath!;
        var site = SiteRenderer.Render([executed], Path.Combine(_notebooks.Folder, "site"), katexDistFolder: Path.Combine(_notebooks.Folder, "no-katex"));
        Assert.False(site.Assets.HasKatex);
        var page = File.ReadAllText(site.Pages.Single());
        Assert.Contains("math is shown as LaTeX source", page);
        Assert.DoesNotContain("katex.min.js", page);
    }
}
