using System.Globalization;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Tests;

/// <summary>
/// Pins what the text of notebooks/00-introduction.ipynb says about its own printed numbers. The run is shared with
/// <see cref="AllNotebooksTests"/> through <see cref="NotebookRunCache"/>.
/// </summary>
public sealed partial class IntroductionNotebookTests
{
    private static readonly Lazy<Task<(NotebookRunResult Result, string Text)>> Run = new(async () =>
    {
        var result = await NotebookRunCache.RunAsync(Path.Combine(TestNotebooks.RepoRoot, "notebooks", "00-introduction.ipynb"),
            repositoryRoot: TestNotebooks.RepoRoot);
        Assert.True(result.Succeeded, result.FailureReport);
        var notebook = Notebooks.Notebook.Load(result.ExecutedPath!);
        var text = string.Join("\n", notebook.Cells.SelectMany(c => (c.Outputs ?? []).OfType<System.Text.Json.Nodes.JsonObject>())
            .Select(CellOutput.FromJson).Select(o => o.Kind == OutputKind.Stream ? o.Text : ""));
        return (result, text);
    });

    private static double Number(string text, string pattern) =>
        double.Parse(Regex.Match(text, pattern).Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Without_regularization_the_network_memorizes_flipped_labels_and_the_test_loss_turns_up()
    {
        var (_, text) = await Run.Value;
        var flipped = Number(text, @"training set: 250 points, (\d+) labels flipped");
        var train = Number(text, @"no regularization: train accuracy ([\d.]+)%");
        var test = Number(text, @"no regularization: train accuracy [\d.]+%, test accuracy ([\d.]+)%");
        Assert.InRange(flipped, 1, 60);
        Assert.True(train > 100 * (1 - flipped / 250), $"train accuracy {train}% does not exceed 1 − {flipped}/250: no memorization");
        Assert.True(train - test > 5, $"the gap {train - test:F1} points is too small to show overfitting");
        var lowest = Number(text, @"test loss: lowest ([\d.]+) at epoch");
        var lowestEpoch = Number(text, @"at epoch (\d+), final");
        var final = Number(text, @"final ([\d.]+)\n");
        Assert.True(final > lowest * 1.2, $"the test loss did not turn up: lowest {lowest}, final {final}");
        Assert.True(lowestEpoch < 500, $"the lowest test loss came late (epoch {lowestEpoch})");
    }

    [Fact]
    public async Task The_penalty_shrinks_the_gap_and_too_much_of_it_underfits()
    {
        var (_, text) = await Run.Value;
        Assert.Contains("✓ the L2 penalty shrank the generalization gap and raised the test accuracy", text);
        var rows = TableRow().Matches(text).ToDictionary(
            m => double.Parse(m.Groups["lambda"].Value, CultureInfo.InvariantCulture),
            m => (Train: double.Parse(m.Groups["train"].Value, CultureInfo.InvariantCulture), Test: double.Parse(m.Groups["test"].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(5, rows.Count);
        var bestTest = rows.Values.Max(r => r.Test);
        Assert.True(rows[0.01].Test < bestTest - 2, "the largest λ should underfit (lower test accuracy than the best)");
        Assert.True(rows[0.01].Train < rows[0].Train - 5, "the largest λ should not fit the training set as well");
    }

    [Fact]
    public async Task The_page_has_interactive_slider_charts()
    {
        var (result, _) = await Run.Value;
        var json = File.ReadAllText(result.ExecutedPath!);
        Assert.Contains("Plotly.newPlot(", json);
        Assert.True(Regex.Matches(json, "\\\\\"sliders\\\\\"").Count >= 2, "expected two slider charts");
    }

    [GeneratedRegex(@"^\s*(?<lambda>[\d.e-]+)\s+(?<train>[\d.]+)%\s+(?<test>[\d.]+)%\s+-?[\d.]+\s+[\d.]+\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
