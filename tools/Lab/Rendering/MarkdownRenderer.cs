using Markdig;

namespace RegularizationLab.Lab.Rendering;

/// <summary>
/// Markdown cells to HTML with Markdig. The mathematics extension keeps <c>$…$</c> and <c>$$…$$</c> away from the
/// Markdown parser (so underscores and backslashes in LaTeX survive) and emits them as <c>\(…\)</c> / <c>\[…\]</c>
/// inside <c>.math</c> elements, which KaTeX's auto-render then typesets in the browser.
/// </summary>
public static class MarkdownRenderer
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

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
