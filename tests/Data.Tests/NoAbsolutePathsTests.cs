using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RegularizationLab.Data.Tests;

/// <summary>
/// No file of the repository names a folder of the machine it was written on: a path such as a build machine's
/// temporary or home folder means nothing on a student's clone. Standard system locations (a script's
/// <c>#!/usr/bin/env</c>, where Debian installs Chromium) are not machine-specific and are allowed; so are URLs.
/// </summary>
public partial class NoAbsolutePathsTests
{
    // Folders that only exist on one machine: Unix temporary, work and home folders and macOS/Windows user folders,
    // and any Windows drive path (C:\…). Written as alternations so that this file does not match itself.
    [GeneratedRegex(@"(?<![\w.~%-])/(tmp|work|root|home|opt|mnt|srv|Users)/|(?<!\w)[A-Za-z]:\\{1,2}(?=[A-Za-z])")]
    private static partial Regex MachinePath();

    // A URL's path (https://host/home/…) is not a file path of this machine.
    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // The grader's sandbox mounts the course tool at this fixed path inside its own mount namespace
    // (tools/Lab/Homework/Sandbox/BubblewrapSandbox.cs): a place every sandbox creates, not a folder of one machine.
    [GeneratedRegex(@"/(opt)/lab\b")]
    private static partial Regex SandboxToolFolder();

    private static string WithoutAllowedPaths(string line) => SandboxToolFolder().Replace(Url().Replace(line, ""), "");

    [Fact]
    public void NoTrackedFileNamesAnAbsoluteMachinePath()
    {
        var offending = new List<string>();
        foreach (string relative in TrackedFiles())
        {
            string path = Path.Combine(RepositoryPaths.Root, relative);
            if (!File.Exists(path) || IsBinary(path)) continue;
            string[] lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
            {
                Match match = MachinePath().Match(WithoutAllowedPaths(lines[i]));
                if (match.Success)
                    offending.Add($"{relative}:{i + 1}: '{match.Value}' in: {lines[i].Trim()}");
            }
        }
        Assert.True(offending.Count == 0,
            "Absolute machine paths (use a path relative to the repository, or describe the place):\n" +
            string.Join("\n", offending));
    }

    // The machine paths below are split in two ("/" + "work/…") so that this file itself stays clean.
    [Theory]
    [InlineData("see /" + "work/shared/notes", true)]
    [InlineData("--out /" + "tmp/selfcheck", true)]
    [InlineData("\"/" + "home/ana/course\"", true)]
    [InlineData(@"C:" + @"\Users\ana\course", true)]
    [InlineData("the path is C:" + "\\\\Users\\\\ana in JSON", true)]
    [InlineData("--out out/selfcheck", false)]
    [InlineData("tools/Lab/tmp/cache", false)]
    [InlineData("#!/usr/bin/env bash", false)]
    [InlineData("https://example.org/home/page", false)]
    [InlineData("the tool is mounted at /" + "opt/lab in the sandbox", false)]
    [InlineData("installed under /" + "opt/labs/tool", true)]
    [InlineData(@"$\kappa_j:\ \ \lambda$", false)]
    public void ThePatternFindsMachinePathsAndNothingElse(string line, bool isMachinePath) =>
        Assert.Equal(isMachinePath, MachinePath().IsMatch(WithoutAllowedPaths(line)));

    /// <summary>The files git tracks (what a clone gets); without git, every file outside build outputs.</summary>
    private static IEnumerable<string> TrackedFiles()
    {
        try
        {
            var start = new ProcessStartInfo("git", "ls-files -z")
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start)!;
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0)
                return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // git is not installed: fall through to the folder walk.
        }
        string[] generated = ["bin", "obj", "out", "node_modules", ".git"];
        return Directory.EnumerateFiles(RepositoryPaths.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(generated.Contains));
    }

    private static bool IsBinary(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(8000, stream.Length)];
        stream.ReadExactly(head);
        return head.Contains((byte)0);
    }
}
