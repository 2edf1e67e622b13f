using System.Diagnostics;
using System.Globalization;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Homework.Sandbox;

/// <summary>
/// One submission's sandbox, made with bubblewrap (<c>bwrap</c>): a fresh mount namespace in which the file system
/// holds only the operating system (read-only), the .NET runtime and the course tool (read-only), and at
/// <c>/course</c> what a student receives — the built library (<c>bin/course</c>), the chart script
/// (<c>lib/Charts.csx</c>) and the data (<c>data/</c>), all read-only — plus an empty private working folder and a
/// private <c>/tmp</c>. No network, its own PID namespace (every process the submission starts dies with it), a new
/// session (it cannot reach the grader's terminal), and limits on managed memory and CPU time. The notebook arrives
/// on standard input; the only folder shared with the grader is a fresh exchange folder for the runner's result.
/// </summary>
public sealed class BubblewrapSandbox : IChildSandbox, IDisposable
{
    /// <summary>Where the course copy appears inside the sandbox; the notebook runs in its <c>homework</c> folder.</summary>
    public const string CourseRoot = "/course";

    public const string WorkingFolder = CourseRoot + "/homework";

    /// <summary>
    /// Where the course tool (the child's program folder) appears inside the sandbox. A fixed path rather than the
    /// host's: bound at its host path, a repository under /tmp would leave the folders above the tool in the
    /// sandbox's writable /tmp, under the repository's own path.
    /// </summary>
    public const string ToolFolder = "/opt/lab";

    private readonly string _courseRoot;
    private readonly SandboxLimits _limits;

    /// <param name="courseRoot">The repository (the parent of <c>solutions/</c>): its bin/course, lib/Charts.csx and data/ are exposed.</param>
    /// <param name="notebookJson">The notebook to run, written to the child's standard input.</param>
    public BubblewrapSandbox(string courseRoot, string notebookJson, SandboxLimits limits)
    {
        _courseRoot = Path.GetFullPath(courseRoot);
        _limits = limits;
        StandardInput = notebookJson;
        ExchangeFolder = Directory.CreateTempSubdirectory("lab-grade-").FullName;
    }

    public string ExchangeFolder { get; }

    public string? StandardInput { get; }

    public void Wrap(ProcessStartInfo start)
    {
        var toolFolder = Path.TrimEndingDirectorySeparator(start.WorkingDirectory);
        var inner = new List<string> { start.FileName };
        inner.AddRange(start.ArgumentList.Select(word => AtToolFolder(word, toolFolder)));

        start.FileName = SandboxTool.BubblewrapPath ?? throw new InvalidOperationException(SandboxTool.MissingMessage);
        start.ArgumentList.Clear();
        var a = start.ArgumentList;
        void Add(params string[] words) { foreach (var w in words) a.Add(w); }

        Add("--die-with-parent", "--new-session", "--unshare-all", "--clearenv");
        // The operating system, read-only; the merged-/usr symlinks as they are on the host.
        foreach (var top in new[] { "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" })
        {
            var info = new FileInfo(top);
            if (info.LinkTarget is { } target) Add("--symlink", target, top);
            else if (Directory.Exists(top)) Add("--ro-bind", top, top);
        }
        foreach (var file in new[] { "/etc/ld.so.cache", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/localtime" })
            if (File.Exists(file)) Add("--ro-bind", file, file);
        Add("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
        // The .NET runtime, read-only, where the host has it; the course tool (the child's program) at a fixed path.
        if (DotnetRoot(inner[0]) is { } runtime && !runtime.StartsWith("/usr/", StringComparison.Ordinal)) Add("--ro-bind", runtime, runtime);
        if (!string.IsNullOrEmpty(toolFolder)) Add("--ro-bind", toolFolder, ToolFolder);
        // What a student receives, read-only, and a private working folder.
        Add("--tmpfs", CourseRoot, "--dir", WorkingFolder);
        Add("--ro-bind", Path.Combine(_courseRoot, "bin", "course"), CourseRoot + "/bin/course");
        Add("--ro-bind", Path.Combine(_courseRoot, "lib", "Charts.csx"), CourseRoot + "/lib/Charts.csx");
        if (Directory.Exists(Path.Combine(_courseRoot, "data")))
            Add("--ro-bind", Path.Combine(_courseRoot, "data"), CourseRoot + "/data");
        Add("--bind", ExchangeFolder, ExchangeFolder);
        // The notebook's `#r "nuget:"` lines are restored by the kernel with no network: the host's package folder,
        // read-only, is both the global packages folder and the only package source.
        if (Directory.Exists(HostPackagesFolder))
        {
            var config = Path.Combine(ExchangeFolder, "NuGet.Config");
            File.WriteAllText(config,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n" +
                $"    <add key=\"course-packages\" value=\"{SandboxPackagesFolder}\" />\n  </packageSources>\n</configuration>\n");
            Add("--ro-bind", HostPackagesFolder, SandboxPackagesFolder);
            Add("--ro-bind", config, Path.Combine("/tmp", ".nuget", "NuGet", "NuGet.Config")); // HOME is /tmp in the sandbox
        }
        Add("--remount-ro", "/"); // the sandbox's own root (with the mount points above) is read-only too
        Add("--chdir", WorkingFolder);
        foreach (var (name, value) in Environment(inner[0]))
            Add("--setenv", name, value);
        Add("--");
        // CPU seconds (all threads together) as a hard limit: a busy loop in a background thread ends with the process.
        if (SandboxTool.PrlimitPath is { } prlimit)
            Add(prlimit, $"--cpu={_limits.CpuSeconds.ToString(CultureInfo.InvariantCulture)}", "--");
        foreach (var word in inner) a.Add(word);
        start.WorkingDirectory = "/";
        start.Environment.Clear();
    }

    /// <summary>A path in the child's command line, moved from the tool's host folder to <see cref="ToolFolder"/>.</summary>
    private static string AtToolFolder(string word, string toolFolder) =>
        toolFolder.Length > 1 && (word == toolFolder || word.StartsWith(toolFolder + "/", StringComparison.Ordinal))
            ? ToolFolder + word[toolFolder.Length..] : word;

    private IEnumerable<(string, string)> Environment(string dotnet)
    {
        yield return ("PATH", "/usr/local/bin:/usr/bin:/bin");
        yield return ("HOME", "/tmp");
        yield return ("TMPDIR", "/tmp");
        yield return ("LANG", "C.UTF-8");
        yield return ("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        yield return ("DOTNET_NOLOGO", "1");
        yield return ("NUGET_PACKAGES", SandboxPackagesFolder);
        if (DotnetRoot(dotnet) is { } root) yield return ("DOTNET_ROOT", root);
        // A hard limit on the managed heap: a memory hog gets an OutOfMemoryException at the same allocation every run.
        yield return ("DOTNET_GCHeapHardLimit", "0x" + (_limits.MemoryMegabytes * 1024L * 1024L).ToString("X", CultureInfo.InvariantCulture));
        yield return ("DOTNET_gcServer", "0");
    }

    private const string SandboxPackagesFolder = "/nuget/packages";

    private static string HostPackagesFolder =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string? DotnetRoot(string dotnet)
    {
        var resolved = File.Exists(dotnet) ? new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(dotnet) : null;
        return resolved is null ? null : Path.GetDirectoryName(resolved);
    }

    public void Dispose()
    {
        try { Directory.Delete(ExchangeFolder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The resource limits of one submission's sandbox.</summary>
public sealed record SandboxLimits(int MemoryMegabytes, int CpuSeconds);
