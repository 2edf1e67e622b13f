using System.Globalization;
using System.Text.RegularExpressions;
using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Notebooks.Tests;

public sealed class BayesianNotebookFixture : PrintedNotebookFixture
{
    protected override string NotebookFile => "10-bayesian-approach.ipynb";

    // §4 trains MC-dropout and ensemble networks over several seeds; on a shared machine a cell can exceed 300 s.
    protected override RunnerOptions? Options => new() { CellTimeout = TimeSpan.FromMinutes(30) };
}

/// <summary>
/// Pins what the Bayesian lecture states: fig. 9.11's phenomena (smoother samples and a narrower band for a smaller prior
/// variance, pinching at the data for a loose prior), MAP = ridge, the evidence's interior maximum close to the oracle
/// on ten toys with close to nominal (slightly conservative) coverage, and the gap ratios of the exact posterior, MC dropout and an ensemble.
/// </summary>
public sealed class BayesianNotebookTests(BayesianNotebookFixture notebook) : IClassFixture<BayesianNotebookFixture>
{
    private static double Parse(Group g) => double.Parse(g.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_cell_runs_and_every_check_passes() => notebook.AssertAllChecksPass(minimumPasses: 11);

    [Fact]
    public void Figure_9_11_smaller_prior_variance_gives_smoother_samples_and_a_band_set_by_the_prior()
    {
        var rows = notebook.Lines(@"^σ_φ² =\s+([0-9]+): sample roughness = ([0-9.E+-]+)\s+sd at data = ([0-9.]+)\s+sd midway between / sd at data = ([0-9.]+)");
        Assert.Equal(3, rows.Count);
        double[] roughness = rows.Select(m => Parse(m.Groups[2])).ToArray();
        double[] pinch = rows.Select(m => Parse(m.Groups[4])).ToArray();
        Assert.True(roughness[2] > 100 * roughness[0], "the loosest prior's samples are far rougher than the tightest's");
        Assert.InRange(pinch[0], 0.8, 1.1);          // tight prior: the band is as wide at the data as between them
        Assert.True(pinch[2] > 1.3, $"loose prior: the band pinches at the data (ratio {pinch[2]})");
    }

    [Fact]
    public void The_posterior_mean_is_the_ridge_fit()
    {
        var gaps = notebook.Lines(@"max \|β_ridge − μ\| = ([0-9.E+-]+)");
        Assert.Equal(3, gaps.Count);
        Assert.All(gaps, m => Assert.True(Parse(m.Groups[1]) < 1e-8));
    }

    [Fact]
    public void The_evidence_picks_a_prior_variance_close_to_the_oracle_and_its_band_has_nominal_coverage()
    {
        var ratio = notebook.Line(@"evidence / oracle RMS ratio = ([0-9.]+) ± ([0-9.]+) \(mean ± sd over 10 toys\)");
        Assert.InRange(Parse(ratio[1]), 1.0, 1.2);
        var means = notebook.Line(@"evidence choice ([0-9.]+), oracle ([0-9.]+), σ_φ² = 0.1: ([0-9.]+), σ_φ² = 1e5: ([0-9.]+)");
        Assert.True(Parse(means[1]) < 0.5 * Math.Min(Parse(means[3]), Parse(means[4])));
        var coverage = notebook.Line(@"coverage of new observations by mean ± 2 sd = ([0-9.]+)");
        Assert.InRange(Parse(coverage[1]), 0.9345, 0.9745);
        // The text says the band slightly over-covers: above nominal by more than one standard error across toys.
        var coverageSe = notebook.Line(@"coverage of new observations by mean ± 2 sd = ([0-9.]+) ± ([0-9.]+) \(SE across 10 toys");
        Assert.True(Parse(coverageSe[1]) - 0.9545 > Parse(coverageSe[2]), "over-coverage by more than one SE");
    }

    [Fact]
    public void In_a_data_gap_the_exact_posterior_and_the_ensemble_widen_more_than_MC_dropout()
    {
        double exact = notebook.Number("gap ratio, exact posterior");
        var mc = notebook.Line(@"gap ratio, MC dropout = ([0-9.]+) ± ([0-9.]+) \(mean ± sd over ([0-9]) seeds\)");
        var ensemble = notebook.Line(@"gap ratio, ensemble = ([0-9.]+) ± ([0-9.]+) \(mean ± sd over ([0-9]) seeds\)");
        Assert.True(Parse(mc[3]) >= 3, "a verdict needs at least three seeds");
        Assert.True(exact > 1.5);
        Assert.True(Parse(mc[1]) < exact && Parse(mc[1]) < Parse(ensemble[1]));
        var gapSd = notebook.Line(@"sd inside the gap: exact ([0-9.]+), MC dropout ([0-9.]+) ± [0-9.]+, ensemble ([0-9.]+) ± [0-9.]+");
        Assert.True(Parse(gapSd[2]) < Parse(gapSd[1]) && Parse(gapSd[3]) < Parse(gapSd[1]), "both approximations are overconfident");
        // Per seed (the text quotes this table): the ensemble's gap ratio exceeds the exact one on two of three seeds.
        var perSeed = notebook.Lines(@"^ +([0-9]) \| +([0-9.]+) +([0-9.]+) \| +([0-9.]+) +([0-9.]+)$");
        Assert.Equal(Parse(mc[3]), perSeed.Count);
        Assert.Equal(2, perSeed.Count(m => Parse(m.Groups[5]) > exact));
        Assert.All(perSeed, m => Assert.True(Parse(m.Groups[4]) < Parse(m.Groups[5]), "MC dropout widens less than the ensemble"));
    }
}
