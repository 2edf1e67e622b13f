using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Rendering;

namespace RegularizationLab.Lab.Verbs;

/// <summary><c>lab render</c>: executed notebooks to the offline HTML site.</summary>
public sealed class RenderVerb : IVerb
{
    public string Name => "render";

    public string Summary => "render executed notebooks to an offline HTML site (one page each plus an index)";

    public string Usage => """
        lab render <executed notebook|folder>... [--out <folder>]

        Writes one HTML page per notebook and an index in course order (notebooks, solutions, exercises).
        plotly.js and KaTeX are copied into <folder>/assets, so the site works with no network.
          --out <folder>   site folder (default: out/site)
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args);
        line.AllowOnly("out");
        if (line.Positional.Count == 0)
            throw new UsageException("name at least one executed notebook or folder (e.g. out/notebooks).");
        var notebooks = NotebookDiscovery.Expand(line.Positional);
        var site = SiteRenderer.Render(notebooks, Path.GetFullPath(line.Get("out", Path.Combine("out", "site"))));
        Console.WriteLine(site.Summary);
        return Task.FromResult(site.Problems.Count == 0 ? 0 : 1);
    }
}
