using System.Text.Json;

namespace RegularizationLab.Data.Tests;

/// <summary>
/// The published MNIST-1D data set, read from shared/reference/mnist1d.json outside the repository (it is never copied
/// into the project). The file is found by walking up from the test's base directory to a folder that contains
/// shared/reference/mnist1d.json, so a clone with the course's shared folder beside it finds it. Without the file the
/// full comparison is skipped with the reason, and the committed fingerprint (Mnist1DFingerprintTests) checks the same.
/// </summary>
public sealed class Mnist1DReference
{
    public const string RelativePath = "shared/reference/mnist1d.json";

    public required double[][] X { get; init; }
    public required double[][] XTest { get; init; }
    public required int[] Y { get; init; }
    public required int[] YTest { get; init; }
    public required double[] T { get; init; }
    public required double[][] TemplatesX { get; init; }
    public required int[] TemplatesY { get; init; }

    private static readonly Lazy<string?> Location = new(Locate);
    private static readonly Lazy<Mnist1DReference> Cached = new(() => Load(Location.Value!));

    /// <summary>Why a test that needs the published file is skipped when it is absent.</summary>
    public const string AbsentReason =
        "the published MNIST-1D file (" + RelativePath + " in a parent folder of the repository, i.e. the course's " +
        "shared folder beside the clone) is absent; Mnist1DFingerprintTests checks the generator against its " +
        "committed fingerprint instead.";

    public static bool IsPresent => Location.Value is not null;

    /// <summary>The published set; call <see cref="SkipIfAbsent"/> first.</summary>
    public static Mnist1DReference Instance => Cached.Value;

    public static void SkipIfAbsent() => Skip.If(!IsPresent, "Skipped: " + AbsentReason);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static Mnist1DReference Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = doc.RootElement;
        JsonElement templates = root.GetProperty("templates");
        return new Mnist1DReference
        {
            X = Rows(root.GetProperty("x")),
            XTest = Rows(root.GetProperty("x_test")),
            Y = Ints(root.GetProperty("y")),
            YTest = Ints(root.GetProperty("y_test")),
            T = Doubles(root.GetProperty("t")),
            TemplatesX = Rows(templates.GetProperty("x")),
            TemplatesY = Ints(templates.GetProperty("y")),
        };
    }

    private static double[][] Rows(JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();
    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
