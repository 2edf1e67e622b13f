using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace RegularizationLab.Lab.Rendering;

/// <summary>
/// Markdown cells to HTML with Markdig. Math never reaches the Markdown parser as Markdown (so underscores and
/// backslashes in LaTeX survive): <c>$…$</c> goes through Markdig's mathematics extension, and every <c>$$…$$</c> is
/// display math in any of the forms VS Code's Markdown cells accept — on one line, inside a sentence, or over several
/// lines with the <c>$$</c> sharing a line with the formula. Both come out as <c>\(…\)</c> / <c>\[…\]</c> inside
/// <c>.math</c> elements, which KaTeX's auto-render then typesets in the browser.
/// </summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoLinks()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    public static string ToHtml(string markdown)
    {
        // Display math is set aside under placeholders Markdown leaves alone, then put back as HTML.
        var formulas = new List<string>();
        var protectedText = CodeOrDisplayMath().Replace(markdown, match =>
        {
            if (!match.Groups["math"].Success)
                return match.Value;
            formulas.Add(match.Groups["math"].Value.Trim());
            return $"LABDISPLAYMATH{formulas.Count - 1}X";
        });
        var html = Markdown.ToHtml(protectedText, Pipeline);
        return Placeholder().Replace(html, match =>
        {
            var formula = formulas[int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)];
            return $"<span class=\"math display\">\\[{WebUtility.HtmlEncode(formula)}\\]</span>";
        });
    }

    // Fenced code blocks and inline code are matched first so that a "$$" inside code stays code.
    [GeneratedRegex(@"(?<code>^[ \t]*```[\s\S]*?^[ \t]*```|`[^`\n]*`)|\$\$(?<math>[\s\S]+?)\$\$", RegexOptions.Multiline)]
    private static partial Regex CodeOrDisplayMath();

    [GeneratedRegex(@"LABDISPLAYMATH(?<index>\d+)X")]
    private static partial Regex Placeholder();
}
