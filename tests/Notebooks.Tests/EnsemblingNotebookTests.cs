using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class EnsemblingNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "06-ensembling-and-bagging.ipynb";

    // Each MNIST-1D ensemble kind trains eight full-scale members in one cell are single cells;
    // on a heavily shared machine they can exceed the default 300 s.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins what lecture 06 shows: fig. 9.7's bootstrap resamples and a bagged mean that is smoother (but, on this toy, not
/// closer to the truth); the three combination rules disagreeing on a constructed example; the ambiguity decomposition
/// as an identity; every kind of MNIST-1D ensemble beating its members; weight averaging failing across runs and
/// working along one run.
/// </summary>
public sealed class EnsemblingNotebookTests(EnsemblingNotebookFixture notebook) : IClassFixture<EnsemblingNotebookFixture>
{
    private static double N(Group g) => PrintedNotebookFixture.Number(g);
    private const string Pct = @"([\d.]+)[\s\u00a0\u202f]?%";

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 7);

    [Fact]
    public void Fig_9_7_resamples_are_bootstrap_draws_and_the_bagged_mean_is_smoother()
    {
        var rows = notebook.Lines(@"^  ((?:\d )+\d)   \((\d+) points left out\)");
        Assert.Equal(4, rows.Count);
        foreach (Match r in rows)
        {
            int[] counts = r.Groups[1].Value.Split(' ').Select(int.Parse).ToArray();
            Assert.Equal(15, counts.Length);
            Assert.Equal(15, counts.Sum());                                  // N draws with replacement
            Assert.Equal(counts.Count(c => c == 0), (int)N(r.Groups[2]));
        }
        Assert.True(N(notebook.Line(@"smoother than the single full-data model on (\d+) of 20")[1]) >= 15);
        // The notebook's "measured, not assumed" box: on this toy bagging four members does not beat the full-data fit.
        Assert.True(N(notebook.Line(@"bagging better on (\d+) of 20")[1]) <= 10);
    }

    [Fact]
    public void The_three_combination_rules_disagree_on_the_constructed_example()
    {
        var mean = notebook.Line(@"^mean probabilities: P\(class 1\) = ([\d.]+) → class (\d)");
        Assert.Equal((0.999999 + 0.2 + 0.2) / 3, N(mean[1]), 3);
        Assert.Equal(0, N(mean[2]));
        var logits = notebook.Line(@"^mean logits:\s+z̄₁ − z̄₀ = ([\d.]+) → class (\d)");
        Assert.Equal((Math.Log(0.999999 / 0.000001) + 2 * Math.Log(0.2 / 0.8)) / 3, N(logits[1]), 3);
        Assert.Equal(1, N(logits[2]));
        Assert.Equal(0, N(notebook.Line(@"^majority vote:\s+→ class (\d)")[1]));
    }

    [Fact]
    public void The_ambiguity_decomposition_is_an_identity_and_diversity_is_what_the_ensemble_gains()
    {
        var lines = notebook.Lines(@": ensemble ([\d.]+) = average member ([\d.]+) − diversity ([\d.]+)");
        Assert.Equal(2, lines.Count);
        foreach (Match m in lines)
        {
            Assert.Equal(N(m.Groups[2]) - N(m.Groups[3]), N(m.Groups[1]), 3);
            Assert.True(N(m.Groups[3]) > 0.1 * N(m.Groups[2]), "the members hardly differ");
        }
    }

    [Fact]
    public void Per_ensemble_size_the_terms_add_up_and_diversity_grows_while_the_ensemble_error_falls()
    {
        var rows = notebook.Lines(@"^\s*(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(-?[\d.]+E[-+]\d+)\s*$");
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => (int)N(r.Groups[1])));
        Assert.True(rows.Count >= 5, $"one row per ensemble size; got {rows.Count}");
        double[] member = rows.Select(r => N(r.Groups[2])).ToArray();
        double[] diversity = rows.Select(r => N(r.Groups[3])).ToArray();
        double[] ensemble = rows.Select(r => N(r.Groups[4])).ToArray();
        for (int m = 0; m < rows.Count; m++)
        {
            Assert.True(Math.Abs(N(rows[m].Groups[5])) < 1e-12, $"M = {m + 1}: the identity fails");
            Assert.Equal(member[m] - diversity[m], ensemble[m], 3);
        }
        Assert.Equal(0, diversity[0]);                                  // one member: nothing to disagree with
        // Every added member adds diversity and lowers the ensemble error (for these eight seeds).
        for (int m = 1; m < rows.Count; m++)
        {
            Assert.True(diversity[m] > diversity[m - 1], string.Join(", ", diversity));
            Assert.True(ensemble[m] < ensemble[m - 1], string.Join(", ", ensemble));
        }
        // The members are about equally good: the average member error moves less than diversity grows.
        Assert.True(member.Max() - member.Min() < diversity[^1], string.Join(", ", member));
    }

    [Fact]
    public void Every_kind_of_ensemble_beats_its_members_and_the_rules_agree_on_most_inputs()
    {
        var gains = notebook.Lines(@"^(seeds|bootstraps|hyperparameters)\s+" + Pct + @" ± " + Pct + @"\s+" + Pct);
        Assert.Equal(3, gains.Count);
        Assert.All(gains, g => Assert.True(N(g.Groups[4]) - N(g.Groups[2]) > 5, $"{g.Groups[1].Value} gains under 5 points"));
        // The notebook says bootstrap members start lower: each saw only ~63% of the distinct examples.
        double SingleOf(string kind) => N(gains.Single(g => g.Groups[1].Value == kind).Groups[2]);
        Assert.True(SingleOf("bootstraps") < SingleOf("seeds") - 3, "bootstrap members are not clearly weaker than full-data members");
        var rules = notebook.Lines(@"^(seeds|bootstraps|hyperparameters)\s+" + Pct + @"\s+" + Pct + @"\s+" + Pct + @"\s+" + Pct + " of test inputs");
        Assert.Equal(3, rules.Count);
        Assert.All(rules, r => Assert.True(N(r.Groups[5]) < 20, $"{r.Groups[1].Value}: the rules disagree on {r.Groups[5].Value}%"));
    }

    [Fact]
    public void Averaging_weights_fails_across_runs_and_works_along_one_run()
    {
        var independent = notebook.Line(@"^two independent members: accuracy at the ends " + Pct + " / " + Pct + ", at α = ½ " + Pct);
        Assert.True(N(independent[3]) < Math.Min(N(independent[1]), N(independent[2])) - 20, "no barrier between independent networks");
        var permuted = notebook.Line(@"^member 1 and its permuted copy: accuracy at the ends " + Pct + " / " + Pct + ", at α = ½ " + Pct);
        Assert.Equal(N(permuted[1]), N(permuted[2]));   // the same function
        Assert.True(N(permuted[3]) < N(permuted[1]) - 20, "no barrier between a network and its permuted copy");
        var oneRun = notebook.Line(@"^one run, epoch 20 → epoch 30: accuracy at the ends " + Pct + " / " + Pct + ", at α = ½ " + Pct);
        Assert.True(N(oneRun[3]) >= Math.Min(N(oneRun[1]), N(oneRun[2])) - 1, "a barrier along one run");
        var swa = notebook.Line(@"^member 1 " + Pct + "; weight average of members 1 and 2 " + Pct + "; their prediction average " + Pct + "; SWA .* " + Pct);
        Assert.True(N(swa[3]) > N(swa[1]), "averaging predictions did not help");
        Assert.True(N(swa[4]) >= N(swa[1]) - 1, "stochastic weight averaging lost accuracy");
    }
}
