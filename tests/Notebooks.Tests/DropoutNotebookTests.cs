using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

/// <summary>
/// Runs notebooks/04-dropout.ipynb once through the course runner (in its own process, as CI does) and keeps the text
/// its cells printed. The executed copy goes to out/notebook-tests/04-dropout.ipynb for inspection.
/// </summary>
public sealed class DropoutNotebookFixture : IAsyncLifetime
{
    public NotebookRunResult Result { get; private set; } = null!;

    /// <summary>Everything the cells printed (standard output streams), in cell order.</summary>
    public string Printed { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string root = FindRepoRoot();
        string source = Path.Combine(root, "notebooks", "04-dropout.ipynb");
        string executed = Path.Combine(root, "out", "notebook-tests", "04-dropout.ipynb");
        Result = await new IsolatedNotebookRunner(new RunnerOptions()).RunAsync(source, executed);
        Printed = File.Exists(executed) ? StreamText(executed) : "";
    }

    /// <summary>The "stream" outputs of every code cell of an executed .ipynb, joined in cell order.</summary>
    private static string StreamText(string executedNotebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(executedNotebook));
        var text = new StringBuilder();
        foreach (JsonElement cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (!cell.TryGetProperty("outputs", out JsonElement outputs)) continue;
            foreach (JsonElement output in outputs.EnumerateArray())
            {
                if (output.GetProperty("output_type").GetString() != "stream") continue;
                JsonElement lines = output.GetProperty("text");
                if (lines.ValueKind == JsonValueKind.Array)
                    foreach (JsonElement line in lines.EnumerateArray()) text.Append(line.GetString());
                else text.Append(lines.GetString());
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The number printed on a line "<paramref name="label"/> = value" (fails clearly if there is none).</summary>
    public double Number(string label)
    {
        Match m = Regex.Match(Printed, "^" + Regex.Escape(label) + @"\s*=\s*([-+0-9.Ee]+)", RegexOptions.Multiline);
        Assert.True(m.Success, $"the notebook printed no line \"{label} = …\". Printed text:\n{Printed}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>All matches of <paramref name="pattern"/> in the printed text.</summary>
    public IReadOnlyList<Match> Lines(string pattern) =>
        Regex.Matches(Printed, pattern, RegexOptions.Multiline).ToList();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RegularizationLab.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find RegularizationLab.slnx above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// Pins what the dropout lecture states: the mask's backward pass, the 4-mask expectation, the variance of a dropped unit
/// (Monte Carlo within a tolerance derived from the sample size), weight scaling ≡ inverted dropout, the kink removal,
/// and dropout's effect on the two-moons boundary, its sub-networks and Monte Carlo dropout.
/// </summary>
public sealed class DropoutNotebookTests(DropoutNotebookFixture notebook) : IClassFixture<DropoutNotebookFixture>
{
    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_cell_runs_and_every_check_passes()
    {
        Assert.True(notebook.Result.Succeeded, notebook.Result.FailureReport);
        var failed = notebook.Lines(@"^✗.*$");
        Assert.True(failed.Count == 0, "failed checks:\n" + string.Join("\n", failed.Select(m => m.Value)));
        // Every derivation is followed by a visible pass line; losing one (a deleted or silent cell) is a regression.
        Assert.True(notebook.Lines(@"^✓").Count >= 25, $"only {notebook.Lines(@"^✓").Count} ✓ lines were printed");
    }

    [Fact]
    public void Mask_moments_and_backward_pass_match_the_equations()
    {
        var kept = notebook.Lines(@"kept fraction ([0-9.]+) \(expected ([0-9.]+), ±([0-9.]+)\)");
        Assert.Single(kept);
        Assert.True(Math.Abs(Parse(kept[0].Groups[1].Value) - 0.6) <= Parse(kept[0].Groups[3].Value));
        Assert.Equal(0.6, Parse(kept[0].Groups[2].Value), 12);

        var fd = notebook.Lines(@"matches finite differences \(max \|Δ\| = ([0-9.E+-]+)\)");
        Assert.Single(fd);
        Assert.True(Parse(fd[0].Groups[1].Value) < 1e-8, $"finite-difference gap {fd[0].Groups[1].Value}");
    }

    [Fact]
    public void Four_mask_enumeration_gives_the_inference_output_for_linear_but_not_for_tanh()
    {
        var expectation = notebook.Lines(@"E\[y\] = ([-0-9.]+)\s+inference output w₁h₁ \+ w₂h₂ = ([-0-9.]+)");
        Assert.Equal(2, expectation.Count);                                   // p = 0.5 and p = 0.2
        foreach (Match m in expectation)
        {
            Assert.Equal(Parse(m.Groups[2].Value), Parse(m.Groups[1].Value), 6);
            Assert.Equal(1.5 * 0.9 - 0.7 * 0.4, Parse(m.Groups[2].Value), 6);   // w₁h₁ + w₂h₂ of the example
        }
        var tanh = notebook.Lines(@"E\[tanh y\] = ([-0-9.]+)\s+but tanh\(E\[y\]\) = ([-0-9.]+)");
        Assert.Equal(2, tanh.Count);
        Assert.All(tanh, m => Assert.True(Math.Abs(Parse(m.Groups[1].Value) - Parse(m.Groups[2].Value)) > 0.05));
    }

    [Fact]
    public void Monte_Carlo_variance_of_a_dropped_unit_is_within_the_derived_tolerance()
    {
        // Table rows: p, theory, Monte Carlo, 4·SE, z.
        var rows = notebook.Lines(@"^\s+(0\.[0-9])\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+(-?[0-9.]+)\s*$");
        Assert.Equal(9, rows.Count);
        const double mu = 0.6, sigma = 0.5;
        foreach (Match row in rows)
        {
            double p = Parse(row.Groups[1].Value), theory = Parse(row.Groups[2].Value);
            double mc = Parse(row.Groups[3].Value), tolerance = Parse(row.Groups[4].Value);
            // The printed theory is the derived formula, recomputed here independently.
            Assert.Equal(sigma * sigma / (1 - p) + mu * mu * p / (1 - p), theory, 4);
            Assert.True(Math.Abs(mc - theory) <= tolerance, $"p = {p}: Monte Carlo {mc} vs theory {theory} (tolerance {tolerance})");
            // The tolerance is 4 standard errors of a sample variance from 200,000 draws: small, not a blanket.
            Assert.InRange(tolerance / theory, 0.005, 0.05);
        }
        Assert.InRange(notebook.Number("mc variance max |z|"), 0, 4);
        // The same test has the power to reject the tempting wrong formulas.
        var rejected = notebook.Lines(@"wrong formula .* rejected \(max \|z\| = ([0-9.]+)\)");
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, m => Assert.True(Parse(m.Groups[1].Value) > 4));
    }

    [Fact]
    public void Weight_scaling_and_inverted_dropout_are_the_same_network()
    {
        var gaps = notebook.Lines(@"(?:weight scaling reproduces|inverted dropout's test network reproduces|agree mask by mask).*?max \|Δ\| = ([0-9.E+-]+)");
        Assert.Equal(3, gaps.Count);
        Assert.All(gaps, m => Assert.True(Parse(m.Groups[1].Value) < 1e-12, m.Value));
        var trajectory = notebook.Lines(@"SGD trajectories coincide: max \|W' − \(1−p\)W\| over 200 steps = ([0-9.E+-]+)");
        Assert.Single(trajectory);
        Assert.True(Parse(trajectory[0].Groups[1].Value) < 1e-12);
    }

    [Fact]
    public void Unit_dropout_removes_the_kink_that_gradient_descent_keeps()
    {
        Assert.True(notebook.Number("kink kept by plain GD") > 0.9);
        Assert.True(notebook.Number("kink kept by dropout") < 0.25);
        var along = notebook.Lines(@"gradient along the kink direction .* is zero \(([-0-9.E+]+)\)");
        Assert.Single(along);
        Assert.True(Math.Abs(Parse(along[0].Groups[1].Value)) < 1e-12);
    }

    [Fact]
    public void Dropout_gives_a_shorter_decision_boundary_and_a_smaller_generalization_gap()
    {
        double withoutDropout = notebook.Number("boundary length no dropout");
        double withDropout = notebook.Number("boundary length dropout");
        Assert.True(withDropout < withoutDropout, $"dropout {withDropout} vs none {withoutDropout}");
        Assert.True(notebook.Number("late loss gap dropout") < notebook.Number("late loss gap no dropout"));

        // The p sweep (slider): every p > 0 draws a shorter boundary than p = 0.
        var sweep = notebook.Lines(@"^\s+(0\.[0-6])\s+[0-9.]+ %\s+[0-9.]+ %\s+([0-9.]+)\s*$");
        Assert.Equal(7, sweep.Count);
        double atZero = sweep.Where(m => Parse(m.Groups[1].Value) == 0).Select(m => Parse(m.Groups[2].Value)).Single();
        Assert.Equal(withoutDropout, atZero, 2);
        Assert.All(sweep.Where(m => Parse(m.Groups[1].Value) > 0), m => Assert.True(Parse(m.Groups[2].Value) < atZero, m.Value));
    }

    [Fact]
    public void Sub_networks_are_rougher_and_their_average_is_close_to_the_dropout_off_network()
    {
        Assert.True(notebook.Number("mean sub-network boundary length") > notebook.Number("boundary length dropout"));
        Assert.True(notebook.Number("ensemble agreement") > 0.97);
    }

    [Fact]
    public void Monte_Carlo_dropout_spread_is_largest_near_the_boundary_and_its_mean_differs_systematically()
    {
        Assert.True(notebook.Number("mc spread near boundary") > 3 * notebook.Number("mc spread far from boundary"));
        Assert.True(notebook.Number("mc gap to dropout off") > 3 * notebook.Number("mc standard error"));
    }
}
