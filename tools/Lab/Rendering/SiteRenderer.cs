using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Rendering;

/// <summary>What <see cref="SiteRenderer.Render"/> wrote.</summary>
public sealed record RenderedSite(string IndexPath, IReadOnlyList<string> Pages, IReadOnlyList<string> Problems, SiteAssetInfo Assets)
{
    public string Summary
    {
        get
        {
            var text = new StringBuilder($"Rendered {Pages.Count} page(s). Open {IndexPath}");
            if (Assets.KatexNote is not null)
                text.Append("\nNote: ").Append(Assets.KatexNote);
            foreach (var problem in Problems)
                text.Append("\nNot rendered: ").Append(problem);
            return text.ToString();
        }
    }
}

/// <summary>The offline HTML site: one page per notebook and an index in course order, with every asset local.</summary>
public static partial class SiteRenderer
{
    private static readonly Dictionary<string, string> GroupTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["notebooks"] = "Lectures",
        ["solutions"] = "Homework: solutions",
        ["exercises"] = "Homework: exercises",
    };

    public static RenderedSite Render(IEnumerable<string> executedNotebooks, string siteFolder, string? katexDistFolder = null)
    {
        Directory.CreateDirectory(siteFolder);
        var assets = SiteAssets.Write(siteFolder, katexDistFolder);
        var problems = new List<string>();
        var entries = new List<(string Group, string File, Notebook Notebook)>();
        var titles = new Dictionary<Notebook, string>();
        foreach (var path in executedNotebooks.Distinct())
        {
            try
            {
                var notebook = Notebook.Load(path);
                var group = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).Name;
                entries.Add((group, Path.GetFileNameWithoutExtension(path), notebook));
                titles[notebook] = NumberedTitle(notebook.Title, Path.GetFileNameWithoutExtension(path));
            }
            catch (NotebookFormatException e)
            {
                problems.Add(e.Message);
            }
        }

        var ordered = entries
            .OrderBy(e => Array.FindIndex(RepoPaths.NotebookFolders, f => f.Equals(e.Group, StringComparison.OrdinalIgnoreCase)) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(e => e.Group, StringComparer.Ordinal)
            .ThenBy(e => e.File, StringComparer.Ordinal)
            .ToList();

        var pages = new List<string>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (group, file, notebook) = ordered[i];
            string? Link(int j) => j >= 0 && j < ordered.Count ? $"../{ordered[j].Group}/{ordered[j].File}.html" : null;
            string? Title(int j) => j >= 0 && j < ordered.Count ? titles[ordered[j].Notebook] : null;
            var html = PageRenderer.Render(notebook, assets, new PageRenderer.PageLinks("../", Link(i - 1), Title(i - 1), Link(i + 1), Title(i + 1)));
            var page = Path.Combine(siteFolder, group, file + ".html");
            Directory.CreateDirectory(Path.GetDirectoryName(page)!);
            File.WriteAllText(page, html);
            pages.Add(page);
        }

        var index = Path.Combine(siteFolder, "index.html");
        File.WriteAllText(index, IndexHtml(ordered, titles, assets));
        return new RenderedSite(index, pages, problems, assets);
    }

    /// <summary>
    /// A title numbered as its file is ("03 · …" for 03-….ipynb), so the index reads evenly even when a heading
    /// writes the number differently ("3 · …").
    /// </summary>
    public static string NumberedTitle(string title, string fileName)
    {
        var fileNumber = LeadingNumber().Match(fileName);
        var titleNumber = TitleNumber().Match(title);
        return fileNumber.Success && titleNumber.Success
               && int.Parse(fileNumber.Value, CultureInfo.InvariantCulture) == int.Parse(titleNumber.Groups[1].Value, CultureInfo.InvariantCulture)
            ? fileNumber.Value + title[titleNumber.Groups[1].Length..]
            : title;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+(?=-)")]
    private static partial System.Text.RegularExpressions.Regex LeadingNumber();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d+)\s*·")]
    private static partial System.Text.RegularExpressions.Regex TitleNumber();

    private static string IndexHtml(List<(string Group, string File, Notebook Notebook)> entries, Dictionary<Notebook, string> titles, SiteAssetInfo assets)
    {
        var html = new StringBuilder();
        PageRenderer.AppendHead(html, "Contents", assets, "");
        html.Append("<main>\n<h1>Regularization Lab</h1>\n")
            .Append("<p>Regularization in deep learning, taught with C# notebooks. Every page below was executed by the course runner; ")
            .Append("charts are interactive and everything works offline.</p>\n");
        if (entries.Count == 0)
            html.Append("<p class=\"notice\">No notebooks were rendered.</p>\n");
        foreach (var group in entries.GroupBy(e => e.Group))
        {
            html.Append("<h2>").Append(PageRenderer.Encode(GroupTitles.GetValueOrDefault(group.Key, group.Key))).Append("</h2>\n<ul class=\"index-list\">\n");
            foreach (var (_, file, notebook) in group)
            {
                var lab = notebook.Metadata["lab"] as JsonObject;
                var badge = lab is null
                    ? "<span class=\"badge\">not run</span>"
                    : (bool?)lab["succeeded"] == true
                        ? string.Create(CultureInfo.InvariantCulture, $"<span class=\"badge ok\">ran in {(double?)lab["total_seconds"] ?? 0:F1} s</span>")
                        : "<span class=\"badge bad\">has errors</span>";
                html.Append($"<li><span><a href=\"{group.Key}/{file}.html\">{PageRenderer.Encode(titles[notebook])}</a> ")
                    .Append($"<span class=\"file\">{PageRenderer.Encode(group.Key + "/" + file)}.ipynb</span></span>{badge}</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</main>\n<footer class=\"site\">Generated by <code>lab</code>, the course tool.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }
}
