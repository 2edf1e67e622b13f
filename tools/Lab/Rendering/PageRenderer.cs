using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Rendering;

/// <summary>One executed notebook as one HTML page: Markdown rendered, code cells with their outputs.</summary>
public static class PageRenderer
{
    public sealed record PageLinks(string Root, string? Previous, string? PreviousTitle, string? Next, string? NextTitle);

    public static string Render(Notebook notebook, SiteAssetInfo assets, PageLinks links)
    {
        var html = new StringBuilder();
        var title = notebook.Title;
        AppendHead(html, title, assets, links.Root);
        html.Append("<main>\n");
        if (assets.KatexNote is not null)
            html.Append("<p class=\"notice\">").Append(Encode(assets.KatexNote)).Append("</p>\n");
        if (notebook.Metadata["lab"] is not JsonObject)
            html.Append("<p class=\"notice\">This notebook has not been run: it is shown without outputs.</p>\n");

        foreach (var cell in notebook.Cells)
        {
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    html.Append("<section class=\"cell markdown\">\n").Append(MarkdownRenderer.ToHtml(cell.Source)).Append("</section>\n");
                    break;
                case CellKind.Code when string.Equals(cell.PolyglotKernelName, "markdown", StringComparison.OrdinalIgnoreCase):
                    html.Append("<section class=\"cell markdown\">\n").Append(MarkdownRenderer.ToHtml(cell.Source)).Append("</section>\n");
                    break;
                case CellKind.Code:
                    AppendCodeCell(html, cell);
                    break;
                default:
                    html.Append("<pre class=\"cell raw\">").Append(Encode(cell.Source)).Append("</pre>\n");
                    break;
            }
        }

        html.Append("<nav class=\"pager\"><span>");
        if (links.Previous is not null)
            html.Append($"<a href=\"{Encode(links.Previous)}\">← {Encode(links.PreviousTitle ?? "previous")}</a>");
        html.Append("</span><span>");
        if (links.Next is not null)
            html.Append($"<a href=\"{Encode(links.Next)}\">{Encode(links.NextTitle ?? "next")} →</a>");
        html.Append("</span></nav>\n</main>\n");
        AppendFoot(html, notebook);
        return html.ToString();
    }

    public static void AppendHead(StringBuilder html, string title, SiteAssetInfo assets, string root)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{Encode(title)} · Regularization Lab</title>\n")
            .Append($"<link rel=\"stylesheet\" href=\"{root}assets/lab.css\">\n")
            .Append($"<script src=\"{root}{assets.PlotlyScript}\"></script>\n")
            .Append(ChartLoader);
        if (assets.HasKatex)
        {
            html.Append($"<link rel=\"stylesheet\" href=\"{root}assets/katex/katex.min.css\">\n")
                .Append($"<script defer src=\"{root}assets/katex/katex.min.js\"></script>\n")
                .Append($"<script defer src=\"{root}assets/katex/contrib/auto-render.min.js\"></script>\n")
                .Append("""
                    <script>
                    document.addEventListener("DOMContentLoaded", function () {
                      document.querySelectorAll(".math").forEach(function (element) {
                        renderMathInElement(element, {
                          delimiters: [
                            { left: "\\[", right: "\\]", display: true },
                            { left: "\\(", right: "\\)", display: false }
                          ],
                          throwOnError: false
                        });
                      });
                    });
                    </script>

                    """);
        }
        html.Append("</head>\n<body>\n<header class=\"site\">")
            .Append($"<a class=\"brand\" href=\"{root}index.html\">Regularization Lab</a>")
            .Append($"<a href=\"{root}index.html\">All notebooks</a></header>\n");
    }

    /// <summary>
    /// Plotly.NET.Interactive's chart HTML asks require.js for plotly.js from a CDN. The site loads plotly.js once per
    /// page from its own assets, so this stand-in for require.js hands every chart that copy (nothing is fetched), and
    /// draws a chart wider than its column at the column's width, so no panel, colour bar or toolbar is cut off.
    /// </summary>
    private const string ChartLoader = """
        <script>
        function requirejs() {}
        requirejs.config = function () {
          return function (modules, draw) {
            draw(Object.assign({}, Plotly, {
              newPlot: function (id, data, layout, config) {
                var column = document.getElementById(id).parentElement.clientWidth;
                if (layout && layout.width && column > 0 && layout.width > column) {
                  layout.width = column;
                }
                return Plotly.newPlot(id, data, layout, config);
              }
            }));
          };
        };
        </script>

        """;

    private static void AppendFoot(StringBuilder html, Notebook notebook)
    {
        var lab = notebook.Metadata["lab"] as JsonObject;
        html.Append("<footer class=\"site\">");
        if (lab is not null)
        {
            html.Append(Encode(string.Create(CultureInfo.InvariantCulture,
                $"Executed {(string?)lab["executed_utc"]} by the course runner in {(double?)lab["total_seconds"] ?? 0:F1} s.")));
        }
        html.Append("</footer>\n</body>\n</html>\n");
    }

    private static void AppendCodeCell(StringBuilder html, NotebookCell cell)
    {
        var lab = cell.Metadata["lab"] as JsonObject;
        var status = (string?)lab?["status"];
        var css = status switch { "failed" or "timedout" => " failed", "notrun" => " notrun", _ => "" };
        html.Append($"<section class=\"cell code{css}\">\n<div class=\"source\">");
        if (lab is not null)
        {
            var seconds = (double?)lab["wall_seconds"] ?? 0;
            var label = status switch
            {
                "ok" => string.Create(CultureInfo.InvariantCulture, $"<span class=\"badge ok\">{seconds:0.00} s</span>"),
                "notrun" => "<span class=\"badge\">not run</span>",
                _ => string.Create(CultureInfo.InvariantCulture, $"<span class=\"badge bad\">{Encode(status ?? "")} · {seconds:0.00} s</span>"),
            };
            html.Append("<span class=\"count\">").Append(label).Append("</span>");
        }
        html.Append("<pre><code class=\"language-csharp\">").Append(Encode(cell.Source)).Append("</code></pre></div>\n");

        var outputs = cell.Outputs;
        if (outputs is { Count: > 0 })
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var node in outputs.OfType<JsonObject>())
                AppendOutput(html, CellOutput.FromJson(node));
            html.Append("</div>\n");
        }
        html.Append("</section>\n");
    }

    private static void AppendOutput(StringBuilder html, CellOutput output)
    {
        switch (output.Kind)
        {
            case OutputKind.Stream:
                html.Append($"<div class=\"output {output.StreamName}\"><pre>").Append(Encode(output.Text)).Append("</pre></div>\n");
                break;
            case OutputKind.Error:
                html.Append("<div class=\"output error\"><pre>").Append(Encode(output.PlainText)).Append("</pre></div>\n");
                break;
            default:
                if (output.Data.TryGetValue("text/html", out var rich))
                    html.Append("<div class=\"output html\">").Append(rich).Append("</div>\n");
                else if (output.Data.TryGetValue("image/png", out var png))
                    html.Append($"<div class=\"output image\"><img alt=\"figure\" src=\"data:image/png;base64,{png.Trim()}\"></div>\n");
                else if (output.Data.TryGetValue("image/svg+xml", out var svg))
                    html.Append("<div class=\"output image\">").Append(svg).Append("</div>\n");
                else
                    html.Append("<div class=\"output text\"><pre>").Append(Encode(output.PlainText)).Append("</pre></div>\n");
                break;
        }
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
