namespace Homework.Tests;

/// <summary>Paths in the course repository, found from the test's own folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Solution(string name) => Path.Combine(Root, "solutions", name + ".ipynb");

    public static string Exercise(string name) => Path.Combine(Root, "exercises", name + ".ipynb");

    public static readonly string[] Assignments =
        ["hw1-l1-l2", "hw2-dropout", "hw3-early-stopping", "hw4-label-smoothing-calibration", "hw5-implicit-regularization",
         "hw6-ensembles-and-augmentation"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RegularizationLab.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("RegularizationLab.slnx not found above " + AppContext.BaseDirectory);
    }
}
