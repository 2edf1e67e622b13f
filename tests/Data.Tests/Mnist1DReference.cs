using System.Text.Json;

namespace RegularizationLab.Data.Tests;

/// <summary>
/// The published MNIST-1D data set, read from shared/reference/mnist1d.json outside the repository (it is never copied
/// into the project). The file is found by walking up from the test's base directory to a folder that contains
/// shared/reference/mnist1d.json (on CI and the lab machines: /work/shared). If it is absent the tests fail loudly.
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

    private static readonly Lazy<Mnist1DReference> Cached = new(Load);

    public static Mnist1DReference Instance => Cached.Value;

    public static string Locate()
    {
        var searched = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            searched.Add(candidate);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"The published MNIST-1D reference ({RelativePath}) was not found in any parent folder of " +
            $"{AppContext.BaseDirectory}. Searched: {string.Join(", ", searched)}. CI and the lab machines provide it at " +
            "/work/shared/reference/mnist1d.json; these tests need it and do not skip.");
    }

    private static Mnist1DReference Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Locate()));
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
