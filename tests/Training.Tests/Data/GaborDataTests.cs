using RegularizationLab.Data;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Tests.Training.Data;

public sealed class GaborDataTests
{
    [Fact]
    public void The_textbook_points_are_the_30_printed_pairs_and_fresh_copies()
    {
        var data = GaborData.Textbook();
        Assert.Equal(30, data.Count);
        Assert.Equal((-1.920, -1.051), (data.X[0], data.Y[0]));
        Assert.Equal((-4.505, 0.5952), (data.X[^1], data.Y[^1]));
        Assert.All(data.X, x => Assert.InRange(x, -15, 15));
        data.X[0] = 99;
        Assert.Equal(-1.920, GaborData.Textbook().X[0]);
    }

    [Fact]
    public void The_textbook_surface_has_several_local_minima_and_a_good_fit_near_the_plot_centre()
    {
        // Fig. 9.1a: a bumpy surface on φ₀ ∈ [−10, 10], φ₁ ∈ [2.5, 22.5] whose best minimum fits the data well.
        var loss = new GaborLeastSquaresLoss(GaborData.Textbook(), LossReduction.Sum);
        var grid = GridEvaluation.Evaluate(GridEvaluation.Linspace(-10, 10, 101), GridEvaluation.Linspace(2.5, 22.5, 101),
            (a, b) => loss.Value(new[] { a, b }));
        var minima = GridMinima.Find(grid);
        Assert.True(minima.Count >= 5, $"only {minima.Count} minima");
        Assert.InRange(minima[0].Y, 10, 20);
        Assert.True(minima[0].Value < 0.25 * minima[^1].Value, "the global minimum should fit far better than the worst local one");
    }

    [Fact]
    public void Label_noise_fit_counts_memorized_and_missed_labels()
    {
        var sample = TwoMoons.Generate(40, 0.1, 0.3, seed: 5);
        var fit = LabelNoiseFit.Of(sample.Labels, sample);            // predicting the noisy labels fits every flip
        Assert.Equal(new LabelNoiseFit(sample.FlippedCount, sample.FlippedCount, 0), fit);
        var clean = LabelNoiseFit.Of(sample.CleanLabels, sample);     // predicting the clean labels fits none
        Assert.Equal(new LabelNoiseFit(0, sample.FlippedCount, 0), clean);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => LabelNoiseFit.Of(new[] { 0 }, sample)).ParamName);
    }
}
