using System.Diagnostics;
using System.Globalization;

namespace RegularizationLab.Bench;

/// <summary>
/// A long-lived python3 process running bench/pytorch_reference.py, so PyTorch and the course library can be
/// measured in interleaved rounds (these virtual machines drift by up to 1.8× for minutes at a time).
/// </summary>
public sealed class PyTorchReference : IDisposable
{
    private readonly Process _process;

    private PyTorchReference(Process process, string version)
    {
        _process = process;
        Version = version;
    }

    /// <summary>The torch version and the BLAS library the Python process loaded, e.g. "1.13.1 blas openblas-pthread/libblas.so.3".</summary>
    public string Version { get; }

    /// <summary>Starts the reference, or returns null with a reason when python3 or torch is missing.</summary>
    public static PyTorchReference? TryStart(string python, string script, out string reason)
    {
        reason = "";
        try
        {
            var info = new ProcessStartInfo(python, $"\"{script}\"")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["OMP_NUM_THREADS"] = "1";
            var process = Process.Start(info)!;
            string? hello = process.StandardOutput.ReadLine();
            if (hello is null || !hello.StartsWith("ready", StringComparison.Ordinal))
            {
                reason = $"{python} could not import torch: {process.StandardError.ReadToEnd().Trim()}";
                process.Kill();
                return null;
            }
            return new PyTorchReference(process, hello["ready torch ".Length..]);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            reason = $"{python} was not found ({e.Message})";
            return null;
        }
    }

    public double Measure(string config, double seconds, int threads)
    {
        _process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {config} {seconds} {threads}"));
        string line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("The PyTorch reference stopped: " + _process.StandardError.ReadToEnd());
        return double.Parse(line, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            if (!_process.WaitForExit(5000)) _process.Kill();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
