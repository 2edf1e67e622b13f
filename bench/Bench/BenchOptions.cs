using System.Globalization;

namespace RegularizationLab.Bench;

public sealed record BenchOptions(int Rounds, double Seconds, bool UsePyTorch, string Python, string? Only, string? MarkdownPath)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(5, 0.4, true, "python3", null, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length
                ? args[++i]
                : throw new ArgumentException($"Option {args[i]} needs a value.", nameof(args));
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--no-pytorch" => options with { UsePyTorch = false },
                "--python" => options with { Python = Value() },
                "--only" => options with { Only = Value() },
                "--markdown" => options with { MarkdownPath = Value() },
                _ => throw new ArgumentException(
                    $"Unknown option '{args[i]}'. Allowed: --rounds N, --seconds S, --no-pytorch, --python PATH, " +
                    "--only CONFIG, --markdown FILE.", nameof(args)),
            };
        }
        if (options.Rounds < 1) throw new ArgumentOutOfRangeException(nameof(args), options.Rounds, "--rounds must be ≥ 1.");
        if (!(options.Seconds > 0)) throw new ArgumentOutOfRangeException(nameof(args), options.Seconds, "--seconds must be > 0.");
        return options;
    }

    /// <summary>The bench/ folder, found by walking up from the executable (it holds pytorch_reference.py).</summary>
    public static string FindBenchFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "pytorch_reference.py"))) return dir.FullName;
            string candidate = Path.Combine(dir.FullName, "bench");
            if (File.Exists(Path.Combine(candidate, "pytorch_reference.py"))) return candidate;
        }
        return Directory.GetCurrentDirectory();
    }
}
