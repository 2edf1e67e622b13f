namespace RegularizationLab.Data.Tests;

/// <summary>Finds the repository's data folder from the test's base directory (tests run from tests/Data.Tests/bin/…).</summary>
public static class RepositoryPaths
{
    public static string DataRoot { get; } = FindDataRoot();

    private static string FindDataRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Course.csproj")) && Directory.Exists(Path.Combine(dir.FullName, "data")))
                return Path.Combine(dir.FullName, "data");
        }
        throw new DirectoryNotFoundException($"No parent folder of {AppContext.BaseDirectory} holds Course.csproj and data/.");
    }
}
