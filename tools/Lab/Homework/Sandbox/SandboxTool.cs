namespace RegularizationLab.Lab.Homework.Sandbox;

/// <summary>Finds the isolation tools the grader needs (bubblewrap, and util-linux's prlimit) on PATH.</summary>
public static class SandboxTool
{
    /// <summary>What to tell a user whose machine lacks bubblewrap.</summary>
    public const string MissingMessage =
        "lab grade runs every submission in a bubblewrap sandbox, and `bwrap` is not installed. Install it with " +
        "`sudo apt-get install -y bubblewrap` (Debian/Ubuntu; `dnf install bubblewrap` on Fedora) and run the command again.";

    /// <summary>The environment variable CI sets so that sandbox tests fail, rather than skip, when bwrap is missing.</summary>
    public const string RequiredVariable = "LAB_REQUIRE_SANDBOX";

    public static string? BubblewrapPath { get; } = Find("bwrap");

    public static string? PrlimitPath { get; } = Find("prlimit");

    public static bool Available => BubblewrapPath is not null;

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
