using System.Diagnostics;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Cli;

/// <summary>The course library every notebook loads (<c>bin/course/Course.dll</c>), built on demand.</summary>
public static class CourseLibrary
{
    /// <summary>Builds the library when it is missing or older than its sources; false when the build fails.</summary>
    public static async Task<bool> EnsureBuiltAsync(string root, bool always = false)
    {
        var project = Path.Combine(root, "Course.csproj");
        if (!File.Exists(project))
            return true; // Not the course repository: nothing to build.
        var dll = new FileInfo(Path.Combine(root, "bin", "course", "Course.dll"));
        var lib = Path.Combine(root, "lib");
        var newestSource = Directory.Exists(lib)
            ? Directory.EnumerateFiles(lib, "*", SearchOption.AllDirectories).Append(project).Max(File.GetLastWriteTimeUtc)
            : File.GetLastWriteTimeUtc(project);
        if (!always && dll.Exists && dll.LastWriteTimeUtc >= newestSource)
            return true;

        Console.WriteLine(dll.Exists && !always
            ? $"The course library is older than lib/: building {project}"
            : $"Building the course library ({project})");
        if (await StartAsync(LabLauncher.DotnetHost(), root, "build", "Course.csproj", "-c", "Release", "--nologo", "-v", "q") == 0)
            return true;
        Console.Error.WriteLine("The course library does not build; fix the errors above and run again.");
        return false;
    }

    /// <summary>Runs a program with the console attached and returns its exit code.</summary>
    public static async Task<int> StartAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
