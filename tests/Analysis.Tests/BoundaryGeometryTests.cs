using RegularizationLab.Diagnostics;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Analysis.Tests;

public class BoundaryGeometryTests
{
    private static Grid2D Sample(int points, double half, Func<double, double, double> f)
    {
        double[] axis = GridEvaluation.Linspace(-half, half, points);
        return GridEvaluation.Evaluate(axis, axis, f);
    }

    [Fact]
    public void Circle_boundary_length_converges_to_two_pi_r_at_second_order()
    {
        const double r = 0.8;
        double Error(int points) =>
            Math.Abs(BoundaryGeometry.Length(Sample(points, 1.0, (x, y) => x * x + y * y), level: r * r) - 2 * Math.PI * r);
        double coarse = Error(101), fine = Error(201), finest = Error(401);
        Assert.True(finest / (2 * Math.PI * r) < 1e-4, $"relative error {finest / (2 * Math.PI * r):E2}");
        // Chords inscribed in the circle: error ∝ h².
        Assert.InRange(Math.Log2(coarse / fine), 1.7, 2.3);
        Assert.InRange(Math.Log2(fine / finest), 1.7, 2.3);
    }

    [Fact]
    public void Straight_boundaries_are_measured_exactly()
    {
        // Vertical line x = 0.31 across [−1, 1]²: length 2. Diagonal x + y = 0.013: length (2 − 0.013)√2.
        Assert.Equal(2.0, BoundaryGeometry.Length(Sample(101, 1.0, (x, y) => x), level: 0.31), 12);
        Assert.Equal((2 - 0.013) * Math.Sqrt(2), BoundaryGeometry.Length(Sample(101, 1.0, (x, y) => x + y), level: 0.013), 12);
        // Nothing crosses: length 0.
        Assert.Equal(0.0, BoundaryGeometry.Length(Sample(21, 1.0, (x, y) => 0.9), level: 0.5));
    }

    [Fact]
    public void Saddle_cells_get_two_segments()
    {
        // f = xy, level 0: the two axes (total length 4). With an even number of points the origin is the centre of a
        // saddle cell of side h, whose two diagonal segments have total length √2·h instead of the true 2h.
        const int points = 100;
        double h = 2.0 / (points - 1);
        double length = BoundaryGeometry.Length(Sample(points, 1.0, (x, y) => x * y), level: 0);
        Assert.Equal(4 - (2 - Math.Sqrt(2)) * h, length, 10);
    }

    [Fact]
    public void Asymmetric_saddle_cell_is_split_by_the_sign_of_its_centre()
    {
        // One cell, corners counter-clockwise v = (3, −1, 1, −1) at (0,0), (1,0), (1,1), (0,1). The centre average 0.5 is
        // positive like corners 0 and 2, so the boundary cuts off corners 1 and 3:
        // (0.75, 0)–(1, 0.5) and (0.5, 1)–(0, 0.75), each √0.3125 long (the other pairing would give 1.768).
        var cell = new Grid2D([0.0, 1.0], [0.0, 1.0], new double[,] { { 3, -1 }, { -1, 1 } });
        Assert.Equal(2 * Math.Sqrt(0.3125), BoundaryGeometry.Length(cell, level: 0), 14);
        // Same corner signs, but v = (1, −3, 1, −1) has a negative centre (−0.5): now corners 1 and 3 connect through it
        // and the segments cut off corners 0 and 2: (0.25, 0)–(0, 0.5) and (1, 0.75)–(0.5, 1), again √0.3125 each
        // (the wrong pairing would give 1.061 + 0.707).
        var flipped = new Grid2D([0.0, 1.0], [0.0, 1.0], new double[,] { { 1, -3 }, { -1, 1 } });
        Assert.Equal(2 * Math.Sqrt(0.3125), BoundaryGeometry.Length(flipped, level: 0), 14);
    }

    [Fact]
    public void Agreement_is_one_for_identical_classifiers_zero_for_opposite_and_half_for_orthogonal_half_planes()
    {
        var first = Sample(50, 1.0, (x, y) => x > 0 ? 0.9 : 0.1);
        Assert.Equal(1.0, BoundaryGeometry.Agreement(first, first));
        Assert.Equal(0.0, BoundaryGeometry.Agreement(first, Sample(50, 1.0, (x, y) => x > 0 ? 0.1 : 0.9)));
        Assert.Equal(0.5, BoundaryGeometry.Agreement(first, Sample(50, 1.0, (x, y) => y > 0 ? 0.9 : 0.1)));
    }

    [Fact]
    public void Bad_grids_and_levels_are_rejected_naming_the_argument()
    {
        var grid = Sample(10, 1.0, (x, y) => x);
        var thin = new Grid2D([0.0], [0.0, 1.0], new double[2, 1]);
        Assert.Equal("grid", Assert.Throws<ArgumentException>(() => BoundaryGeometry.Length(thin)).ParamName);
        Assert.Equal("level", Assert.ThrowsAny<ArgumentException>(() => BoundaryGeometry.Length(grid, double.NaN)).ParamName);
        Assert.Equal("second", Assert.Throws<ArgumentException>(() => BoundaryGeometry.Agreement(grid, Sample(11, 1.0, (x, y) => x))).ParamName);
    }

    [Fact]
    public void Grid_minima_finds_both_wells_lowest_first_and_ignores_edges_and_plateaus()
    {
        // (x² − 1)² + y² + 0.1x: wells near x = ±1 (the left one lower), plus a decreasing slope toward the right edge
        // that must not count because edge points have no full neighbourhood.
        double[] xs = GridEvaluation.Linspace(-2, 2, 81), ys = GridEvaluation.Linspace(-1, 1, 41);
        var grid = GridEvaluation.Evaluate(xs, ys, (x, y) => Math.Pow(x * x - 1, 2) + y * y + 0.1 * x);
        var minima = GridMinima.Find(grid);
        Assert.Equal(2, minima.Count);
        Assert.True(minima[0].Value < minima[1].Value);
        Assert.Equal(-1.0, minima[0].X, 1);
        Assert.Equal(1.0, minima[1].X, 1);
        Assert.All(minima, m => Assert.Equal(0.0, m.Y, 12));
        Assert.Equal(grid.Values[20, Array.IndexOf(xs, minima[0].X)], minima[0].Value);

        Assert.Empty(GridMinima.Find(GridEvaluation.Evaluate(xs, ys, (x, y) => 1.0)));
        Assert.Empty(GridMinima.Find(GridEvaluation.Evaluate(xs, ys, (x, y) => x)));   // minimum only on the edge
    }

    [Fact]
    public void Decision_surface_of_a_linear_classifier_has_a_straight_boundary_of_known_length()
    {
        // Logits z₀ = 0, z₁ = 5(x − 0.31): P(class 1) = σ(5(x − 0.31)), so the 0.5 contour is the line x = 0.31.
        var linear = new Linear(2, 2, new Random(0));
        linear.Weight.Value.Fill(0);
        linear.Bias.Value.Fill(0);
        linear.Weight.Value[0, 1] = 5;
        linear.Bias.Value[0, 1] = -5 * 0.31;
        var network = new Sequential(linear);
        double[] axis = GridEvaluation.Linspace(-1, 1, 81);
        var surface = DecisionSurface.ClassProbability(network, axis, axis);
        for (int j = 0; j < axis.Length; j += 20)
            for (int i = 0; i < axis.Length; i += 7)
                Assert.Equal(1 / (1 + Math.Exp(-5 * (axis[i] - 0.31))), surface.Values[j, i], 12);
        Assert.Equal(2.0, BoundaryGeometry.Length(surface), 9);

        var class0 = DecisionSurface.ClassProbability(network, axis, axis, classIndex: 0);
        Assert.Equal(1.0, surface.Values[5, 9] + class0.Values[5, 9], 14);
        Assert.Equal(0.0, BoundaryGeometry.Agreement(surface, class0));
    }

    [Fact]
    public void Mean_confidence_is_the_average_largest_class_probability()
    {
        var network = Mlp.Create([2, 8, 3], seed: 4);
        var rng = new Random(2);
        var features = Matrix.FromRows(Enumerable.Range(0, 30).Select(_ => new[] { rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2 }).ToArray());
        var probabilities = Evaluation.ClassProbabilities(network, features);
        double expected = Enumerable.Range(0, 30).Average(r => Enumerable.Range(0, 3).Max(k => probabilities[r, k]));
        double confidence = DecisionSurface.MeanConfidence(network, features);
        Assert.Equal(expected, confidence, 12);
        Assert.InRange(confidence, 1.0 / 3, 1.0);
    }

    [Fact]
    public void Decision_surface_rejects_wrong_networks_and_classes()
    {
        double[] axis = GridEvaluation.Linspace(-1, 1, 5);
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => DecisionSurface.ClassProbability(Mlp.Create([3, 4, 2]), axis, axis)).ParamName);
        Assert.Equal("classIndex", Assert.ThrowsAny<ArgumentException>(() => DecisionSurface.ClassProbability(Mlp.Create([2, 4, 2]), axis, axis, 2)).ParamName);
    }
}
