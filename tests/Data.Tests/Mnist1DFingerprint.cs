using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data.Tests;

/// <summary>
/// The committed fingerprint of the published MNIST-1D set (Reference/mnist1d-fingerprint.json, written once from the
/// published file by Reference/make_mnist1d_fingerprint.py): per array a SHA-256 of the values rounded to
/// <see cref="Decimals"/> decimal places, and a few hundred sampled values with their indices at full precision.
/// </summary>
public sealed class Mnist1DFingerprint
{
    public required int Decimals { get; init; }
    public required IReadOnlyDictionary<string, ArrayDigest> Arrays { get; init; }
    public required IReadOnlyList<Sample> Samples { get; init; }

    public sealed record ArrayDigest(int Rows, int Cols, string Sha256);

    public sealed record Sample(string Array, int Row, int Col, double Value);

    public static Mnist1DFingerprint Committed { get; } = Load();

    /// <summary>
    /// The canonical form the script hashes: each value v, row-major, becomes round-half-to-even(v · 10^decimals)
    /// written as a decimal integer and a newline; the digest is SHA-256 of that ASCII text (lower-case hex).
    /// </summary>
    public static ArrayDigest Digest(double[][] rows, int decimals)
    {
        double scale = Math.Pow(10, decimals);
        var text = new StringBuilder();
        foreach (double[] row in rows)
            foreach (double v in row)
            {
                if (!double.IsFinite(v)) throw new ArgumentException($"value {v} cannot be fingerprinted", nameof(rows));
                text.Append(((long)Math.Round(v * scale, MidpointRounding.ToEven)).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())));
        return new ArrayDigest(rows.Length, rows.Length == 0 ? 0 : rows[0].Length, hash);
    }

    /// <summary>The arrays the generator must reproduce, by the fingerprint's names, each as rows.</summary>
    public static IReadOnlyDictionary<string, double[][]> ArraysOf(Mnist1DDataset generated) => new Dictionary<string, double[][]>
    {
        ["x"] = RowsOf(generated.X),
        ["x_test"] = RowsOf(generated.XTest),
        ["y"] = [generated.Y.Select(v => (double)v).ToArray()],
        ["y_test"] = [generated.YTest.Select(v => (double)v).ToArray()],
        ["t"] = [generated.T],
        ["templates.x"] = RowsOf(generated.Templates.X),
        ["templates.y"] = [generated.Templates.Y.Select(v => (double)v).ToArray()],
    };

    /// <summary>The same arrays read from the published file.</summary>
    public static IReadOnlyDictionary<string, double[][]> ArraysOf(Mnist1DReference published) => new Dictionary<string, double[][]>
    {
        ["x"] = published.X,
        ["x_test"] = published.XTest,
        ["y"] = [published.Y.Select(v => (double)v).ToArray()],
        ["y_test"] = [published.YTest.Select(v => (double)v).ToArray()],
        ["t"] = [published.T],
        ["templates.x"] = published.TemplatesX,
        ["templates.y"] = [published.TemplatesY.Select(v => (double)v).ToArray()],
    };

    private static double[][] RowsOf(Matrix m) => Enumerable.Range(0, m.Rows).Select(r => m.Row(r).ToArray()).ToArray();

    private static Mnist1DFingerprint Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "mnist1d-fingerprint.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = doc.RootElement;
        return new Mnist1DFingerprint
        {
            Decimals = root.GetProperty("decimals").GetInt32(),
            Arrays = root.GetProperty("arrays").EnumerateObject().ToDictionary(
                a => a.Name,
                a => new ArrayDigest(a.Value.GetProperty("rows").GetInt32(), a.Value.GetProperty("cols").GetInt32(),
                    a.Value.GetProperty("sha256").GetString()!)),
            Samples = root.GetProperty("samples").EnumerateArray().Select(s => new Sample(
                s.GetProperty("array").GetString()!, s.GetProperty("row").GetInt32(), s.GetProperty("col").GetInt32(),
                s.GetProperty("value").GetDouble())).ToList(),
        };
    }
}
