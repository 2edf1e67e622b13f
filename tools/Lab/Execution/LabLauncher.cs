using System.Diagnostics;

namespace RegularizationLab.Lab.Execution;

/// <summary>How to start the course tool as a child process, from the tool itself or from a test that references it.</summary>
public static class LabLauncher
{
    public static ProcessStartInfo StartInfo()
    {
        var labDll = typeof(LabLauncher).Assembly.Location;
        var folder = Path.GetDirectoryName(labDll)!;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add("exec");
        // The tool's own runtime and dependency files when present; otherwise (inside a test host) the host's own,
        // which list the same packages because the test references the tool.
        var runtimeConfig = Path.Combine(folder, "lab.runtimeconfig.json");
        var deps = Path.Combine(folder, "lab.deps.json");
        if (!File.Exists(runtimeConfig))
            runtimeConfig = Directory.EnumerateFiles(folder, "*.runtimeconfig.json").First();
        if (!File.Exists(deps))
            deps = Path.ChangeExtension(Path.ChangeExtension(runtimeConfig, null), null) + ".deps.json";
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(runtimeConfig);
        if (File.Exists(deps))
        {
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(deps);
        }
        start.ArgumentList.Add(labDll);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    /// <summary>The dotnet host: this process's, when it is one, else the SDK's (DOTNET_HOST_PATH), else from PATH.</summary>
    public static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return self;
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            return fromSdk;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
            return Path.Combine(root, "dotnet");
        return "dotnet";
    }
}
