using RegularizationLab.Lab.Cli;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Rendering;

namespace RegularizationLab.Lab.Verbs;

/// <summary>
/// <c>lab course</c>: the README's main job. Builds the course library, installs the math renderer when npm is there,
/// runs every lecture notebook and renders the offline site.
/// </summary>
public sealed class CourseVerb : IVerb
{
    public string Name => "course";

    public string Summary => "build the library, run every lecture notebook, and write out/ with the HTML site";

    public string Usage => """
        lab course [--out <folder>] [--cell-timeout <s>] [--jobs <n>] [--all]

        1. dotnet build Course.csproj -c Release     (the library the notebooks load)
        2. npm ci in tools/Lab, if npm exists and KaTeX is not installed yet (math rendering; optional)
        3. runs notebooks/*.ipynb (with --all also solutions/ and exercises/), writing executed copies to <out>
        4. renders the site to <out>/site and prints where to open it
          --out <folder>   output folder (default: out in the repository)
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = new CommandLine(args, "all");
        line.AllowOnly("out", "cell-timeout", "jobs", "all");
        var root = RepoPaths.Root;
        var outputFolder = Path.GetFullPath(line.Get("out") ?? Path.Combine(root, "out"));
        var options = new RunnerOptions
        {
            CellTimeout = TimeSpan.FromSeconds(line.GetDouble("cell-timeout", RunnerOptions.DefaultCellTimeout.TotalSeconds, 0.1, 86_400)),
        };
        var jobs = (int)line.GetDouble("jobs", 1, 1, 64);

        Console.WriteLine("== 1. The course library");
        if (!await CourseLibrary.EnsureBuiltAsync(root, always: true))
            return 1;

        Console.WriteLine("== 2. Math renderer (KaTeX from npm)");
        await EnsureKatexAsync();

        var folders = line.Has("all") ? RepoPaths.NotebookFolders : ["notebooks"];
        var notebooks = NotebookDiscovery.Expand(folders.Select(f => Path.Combine(root, f)).Where(Directory.Exists));
        Console.WriteLine($"== 3. Running {notebooks.Count} notebook(s)");
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = root; // Executed copies mirror the repository layout under <out>.
        List<NotebookRunResult> results;
        try
        {
            results = await RunVerb.RunAllAsync(notebooks, outputFolder, options, jobs);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
        Console.WriteLine();
        Console.WriteLine(RunReport.Format(results));

        Console.WriteLine("== 4. Rendering the site");
        var site = SiteRenderer.Render(results.Where(r => r.ExecutedPath is not null).Select(r => r.ExecutedPath!), Path.Combine(outputFolder, "site"));
        Console.WriteLine(site.Summary);
        Console.WriteLine();
        Console.WriteLine($"Executed notebooks: {outputFolder}");
        Console.WriteLine($"Open the course:    {new Uri(site.IndexPath).AbsoluteUri}");
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    private static async Task EnsureKatexAsync()
    {
        var tool = RepoPaths.ToolProject;
        if (File.Exists(Path.Combine(tool, "node_modules", "katex", "dist", "katex.min.js")))
        {
            Console.WriteLine("KaTeX is installed.");
            return;
        }
        var npm = FindOnPath("npm");
        if (npm is null)
        {
            Console.WriteLine("npm is not installed: the site will show math as LaTeX source (install Node.js/npm and run again to typeset it).");
            return;
        }
        if (await CourseLibrary.StartAsync(npm, tool, "ci", "--no-audit", "--no-fund") != 0)
            Console.WriteLine("npm ci failed: the site will show math as LaTeX source.");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);
}
