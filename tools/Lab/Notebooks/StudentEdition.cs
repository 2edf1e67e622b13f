using Microsoft.DotNet.Interactive.Documents;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Notebooks;

/// <summary>
/// The student edition of a lecture notebook: the same notebook without its answer keys. A lecture writes the answer to
/// each check-your-understanding question in a collapsed block,
///     &lt;details&gt;&lt;summary&gt;Answer (instructor)&lt;/summary&gt; … &lt;/details&gt;,
/// and this removes every such block from the Markdown cells (a cell that held nothing else goes too). Code cells and
/// all metadata are left alone: the notebook is read and written with the kernel's own format library, as
/// <see cref="NotebookRunner"/> does, so the Polyglot metadata stays as VS Code writes it.
/// </summary>
public static class StudentEdition
{
    /// <summary>The opening of an instructor's answer block, exactly as the lectures write it.</summary>
    public const string AnswerOpening = "<details><summary>Answer (instructor)</summary>";

    private const string DetailsOpening = "<details", DetailsClosing = "</details>";

    /// <summary>The student edition of the notebook <paramref name="json"/>, and how many answer blocks it removed.</summary>
    public static (string Json, int RemovedAnswers) Make(string json, string? path = null)
    {
        Notebook.Parse(json, path); // nbformat 4 with cells, or a message that says what is wrong
        InteractiveDocument document = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook.Parse(json, NotebookRunner.KernelInfos);
        int removed = 0;
        foreach (InteractiveDocumentElement cell in document.Elements.Where(c => c.KernelName == "markdown").ToList())
        {
            var (text, count) = WithoutAnswers(cell.Contents, path);
            if (count == 0)
                continue;
            removed += count;
            if (string.IsNullOrWhiteSpace(text))
                document.Elements.Remove(cell);
            else
                cell.Contents = text;
        }
        return (Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook.ToJupyterJson(document), removed);
    }

    /// <summary>
    /// <paramref name="markdown"/> without its answer blocks (each with the blank line before it), and how many there
    /// were. A block ends at its own <c>&lt;/details&gt;</c>: nested &lt;details&gt; inside an answer are skipped over.
    /// </summary>
    public static (string Text, int Removed) WithoutAnswers(string markdown, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        int removed = 0;
        for (int start = markdown.IndexOf(AnswerOpening, StringComparison.Ordinal); start >= 0;
             start = markdown.IndexOf(AnswerOpening, start, StringComparison.Ordinal))
        {
            int end = EndOfBlock(markdown, start)
                ?? throw new NotebookFormatException(path,
                    $"an \"{AnswerOpening}\" block has no closing {DetailsClosing} (it starts with \"{Excerpt(markdown, start)}\")");
            int from = start;
            while (from > 0 && markdown[from - 1] is '\n' or '\r' or ' ') from--;   // the blank line(s) before the block
            if (from == 0)                                                            // the block opens the cell
                while (end < markdown.Length && markdown[end] is '\n' or '\r') end++;
            markdown = markdown[..from] + markdown[end..];
            start = from;
            removed++;
        }
        return (markdown, removed);
    }

    private static int? EndOfBlock(string text, int start)
    {
        int depth = 0;
        for (int i = start; i < text.Length;)
        {
            int open = text.IndexOf(DetailsOpening, i, StringComparison.Ordinal);
            int close = text.IndexOf(DetailsClosing, i, StringComparison.Ordinal);
            if (close < 0)
                return null;
            if (open >= 0 && open < close)
            {
                depth++;
                i = open + DetailsOpening.Length;
                continue;
            }
            depth--;
            i = close + DetailsClosing.Length;
            if (depth == 0)
                return i;
        }
        return null;
    }

    private static string Excerpt(string text, int start) =>
        text.Substring(start + AnswerOpening.Length, Math.Min(60, text.Length - start - AnswerOpening.Length)).Trim();
}
