using System.Reflection;

namespace RegularizationLab.Lab.Cli;

/// <summary>Where the course repository and the tool's own project folder are.</summary>
public static class RepoPaths
{
    public const string SolutionFile = "RegularizationLab.slnx";

    /// <summary>The repository root: the nearest folder above the current directory holding the solution file,
    /// else the one the tool was built from.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                    return dir.FullName;
            }
            return Path.GetFullPath(Path.Combine(ToolProject, "..", ".."));
        }
    }

    /// <summary>tools/Lab, recorded at build time (its node_modules hold KaTeX after <c>npm ci</c>).</summary>
    public static string ToolProject =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LabProjectDirectory")?.Value
        ?? throw new InvalidOperationException("the tool was built without its LabProjectDirectory metadata");

    /// <summary>The notebook folders of the course, in course order.</summary>
    public static readonly string[] NotebookFolders = ["notebooks", "solutions", "exercises"];
}
