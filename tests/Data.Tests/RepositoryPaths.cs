namespace RegularizationLab.Data.Tests;

/// <summary>Finds the repository and its data folder from the test's base directory (tests run from tests/Data.Tests/bin/…).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string DataRoot { get; } = Path.Combine(Root, "data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Course.csproj")) && Directory.Exists(Path.Combine(dir.FullName, "data")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No parent folder of {AppContext.BaseDirectory} holds Course.csproj and data/.");
    }
}
