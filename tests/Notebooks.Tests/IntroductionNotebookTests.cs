using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RegularizationLab.Notebooks.Tests;

public sealed class IntroductionNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "00-introduction.ipynb";
}

/// <summary>
/// Pins what lecture 00 shows: the unregularized network memorizes a counted number of flipped labels and its test loss
/// turns up; weight decay chosen on the validation set fits fewer flipped labels and tests better; the largest λ
/// underfits; and the course map lists exactly the notebooks that exist, with their own titles.
/// </summary>
public sealed partial class IntroductionNotebookTests(IntroductionNotebookFixture notebook) : IClassFixture<IntroductionNotebookFixture>
{
    private const string Pct = @"([\d.]+) ?%";
    private static double N(Group g) => PrintedNotebookFixture.Number(g);

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 4);

    [Fact]
    public void Without_regularization_the_network_memorizes_counted_flipped_labels()
    {
        double flipped = N(notebook.Line(@"^training set: 250 points, (\d+) labels flipped")[1]);
        Assert.Equal(21, flipped);   // the Predict prompt quotes 21 and 1 − 21/250 = 91.6%
        var memorized = notebook.Line(@"^memorized: (\d+) of (\d+) flipped labels fitted, (\d+) clean labels missed");
        Assert.Equal(flipped, N(memorized[2]));
        Assert.True(N(memorized[1]) >= flipped / 3, $"only {memorized[1].Value} of {flipped} flipped labels fitted");
        double train = N(notebook.Line($@"^no regularization: train accuracy {Pct}")[1]);
        Assert.True(train > 100 * (1 - flipped / 250), $"train accuracy {train}% is not above 1 − {flipped}/250");
        var loss = notebook.Line(@"^test loss: lowest ([\d.]+) at epoch (\d+), final ([\d.]+)");
        Assert.True(N(loss[3]) > 1.2 * N(loss[1]), "the test loss did not turn up");
        Assert.True(N(loss[2]) < 500, $"the lowest test loss came late (epoch {loss[2].Value})");
    }

    [Fact]
    public void Weight_decay_chosen_on_validation_fits_fewer_flipped_labels_tests_better_and_too_much_underfits()
    {
        var rows = TableRow().Matches(notebook.Printed).Select(m => (Lambda: N(m.Groups["lambda"]), Train: N(m.Groups["train"]),
            Flipped: N(m.Groups["flipped"]), Validation: N(m.Groups["validation"]), Test: N(m.Groups["test"]))).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(0, rows[0].Lambda);
        var chosenLine = notebook.Line($@"^chosen on validation: λ = ([\d.]+); test accuracy {Pct} \(without: {Pct}; best possible ≈ {Pct}\)");
        var chosen = rows.Single(r => r.Lambda == N(chosenLine[1]));
        Assert.Equal(rows.Max(r => r.Validation), chosen.Validation);
        Assert.True(chosen.Lambda > 0, "validation should choose a positive weight decay");
        Assert.True(chosen.Flipped < rows[0].Flipped / 2, "the chosen λ should fit far fewer flipped labels");
        Assert.True(N(chosenLine[2]) > N(chosenLine[3]) + 2, "the chosen λ should test clearly better than λ = 0");
        Assert.True(N(chosenLine[2]) < N(chosenLine[4]) + 1.5, "no classifier beats the clean-label ceiling by much");
        Assert.True(rows[^1].Train < chosen.Train - 5, "the largest λ should underfit");
    }

    [Fact]
    public void Surfaces_and_losses_have_sliders_and_print_grids()
    {
        int sliders = notebook.Html.Count(h => h.Contains("\"sliders\""));
        Assert.True(sliders >= 2, $"expected two slider charts, found {sliders}");
        Assert.True(notebook.Html.Count(h => h.Contains("xaxis5")) >= 2, "expected two static panel grids of five panels");
        Assert.Contains(notebook.Html, h => h.Contains("(flipped)"));   // flipped-label markers on the surfaces
    }

    [Fact]
    public void The_course_map_lists_exactly_the_notebooks_that_exist_with_their_titles()
    {
        string folder = NotebooksFolder();
        var actual = Directory.GetFiles(folder, "*.ipynb").Select(path => (Number: Path.GetFileName(path)[..2], Title: TitleOf(path)))
            .OrderBy(n => n.Number).ToList();
        var map = MapRow().Matches(Markdown(Path.Combine(folder, "00-introduction.ipynb")))
            .Select(m => (Number: m.Groups["number"].Value, Title: m.Groups["title"].Value.Trim())).ToList();
        Assert.Equal(actual, map);
    }

    [Fact]
    public void The_README_course_map_lists_exactly_the_notebooks_that_exist()
    {
        string folder = NotebooksFolder();
        var actual = Directory.GetFiles(folder, "*.ipynb").Select(path => Path.GetFileName(path)).Order().ToList();
        string readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(folder)!, "README.md"));
        var listed = ReadmeMapRow().Matches(readme).Select(m => m.Groups["file"].Value).ToList();
        Assert.Equal(actual, listed);
    }

    private static string NotebooksFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RegularizationLab.slnx"))) return Path.Combine(dir.FullName, "notebooks");
        throw new InvalidOperationException("cannot find the repository root");
    }

    // A notebook's title is its first heading "# NN · Title".
    private static string TitleOf(string path)
    {
        var heading = Regex.Match(Markdown(path), @"^# \d{1,2} · (.+)$", RegexOptions.Multiline);
        Assert.True(heading.Success, $"{Path.GetFileName(path)} has no '# NN · Title' heading");
        return heading.Groups[1].Value.Trim();
    }

    private static string Markdown(string path) => string.Join("\n", JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray()
        .Where(c => (string?)c!["cell_type"] == "markdown")
        .Select(c => c!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)c["source"] ?? ""));

    [GeneratedRegex(@"^\| (?<number>\d\d) \| (?<title>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex MapRow();

    // A README course-map row: "| NN | `notebooks/NN-name.ipynb` | topic |".
    [GeneratedRegex(@"^\| \d\d \| `notebooks/(?<file>[^`]+\.ipynb)` \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeMapRow();

    [GeneratedRegex(@"^\s*(?<lambda>[\d.]+)\s+(?<train>[\d.]+) ?%\s+(?<flipped>\d+) of \d+\s+(?<validation>[\d.]+) ?%\s+(?<test>[\d.]+) ?%\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
