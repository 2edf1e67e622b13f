using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Tests.Core;

/// <summary>Bad input → an exception whose message names the argument, the value (or shapes) and what is allowed.</summary>
public class ValidationTests
{
    [Fact]
    public void Mismatched_product_shapes_name_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => MatrixProducts.Multiply(new Matrix(3, 4), new Matrix(5, 2), new Matrix(3, 2)));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("3 × 4", e.Message);
        Assert.Contains("5 × 2", e.Message);
        var r = Assert.Throws<ArgumentException>(() => MatrixProducts.Multiply(new Matrix(3, 4), new Matrix(4, 2), new Matrix(2, 3)));
        Assert.Equal("result", r.ParamName);
        Assert.Contains("2 × 3", r.Message);
        Assert.Contains("3 × 2", r.Message);
    }

    [Fact]
    public void A_batch_with_the_wrong_number_of_features_is_rejected_by_the_network()
    {
        var net = Mlp.Create(new[] { 2, 8, 2 });
        var e = Assert.Throws<ArgumentException>(() => net.Forward(new Matrix(5, 3), training: false));
        Assert.Equal("input", e.ParamName);
        Assert.Contains("5 × 3", e.Message);
        Assert.Contains("2 are required", e.Message);
    }

    [Fact]
    public void Loss_targets_of_another_shape_name_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Compute(new Matrix(4, 2), new Matrix(4, 3)));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("4 × 3", e.Message);
        Assert.Contains("4 × 2", e.Message);
        var labels = Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropy().Compute(new Matrix(4, 3), new[] { 0, 1 }));
        Assert.Equal("labels", labels.ParamName);
        Assert.Contains("2 entries", labels.Message);
        Assert.Contains("4 rows", labels.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropy().Compute(new Matrix(2, 3), new[] { 0, 3 }));
        Assert.Equal("labels", range.ParamName);
        Assert.Contains("labels[1] is 3", range.Message);
        Assert.Contains("[0, 3)", range.Message);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Dropout_probability_outside_zero_to_one(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p, new Random(0)));
        Assert.Equal("dropProbability", e.ParamName);
        Assert.Contains($"got {p}", e.Message);
        Assert.Contains("[0, 1)", e.Message);
        var mlp = Assert.Throws<ArgumentOutOfRangeException>(() => Mlp.Create(new[] { 2, 4, 2 }, dropout: p));
        Assert.Equal("dropout", mlp.ParamName);
    }

    [Fact]
    public void Negative_lambda_is_rejected_everywhere()
    {
        void Check(Action make, string name)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(make);
            Assert.Equal(name, e.ParamName);
            Assert.Contains("-0.01", e.Message);
            Assert.Contains("≥ 0", e.Message);
        }
        Check(() => new L2Penalty(-0.01, L2Convention.LambdaSumOfSquares), "lambda");
        Check(() => new L1Penalty(-0.01), "lambda");
        Check(() => new ElasticNetPenalty(-0.01, 0.1), "l1");
        Check(() => new SgdWithWeightDecay(0.1, -0.01), "decay");
        Check(() => new AdamW(0.1, -0.01), "weightDecay");
        Check(() => new ProximalSgd(0.1, -0.01), "l1Strength");
        Check(() => Sgd.LikeTheBlog(0.1, 1, 10, weightDecay: -0.01), "weightDecay");
    }

    [Fact]
    public void A_width_list_needs_at_least_two_entries()
    {
        var e = Assert.Throws<ArgumentException>(() => Mlp.Create(new[] { 2 }));
        Assert.Equal("widths", e.ParamName);
        Assert.Contains("at least two", e.Message);
        Assert.Contains("got 1", e.Message);
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => Mlp.Create(new[] { 2, 0, 2 }));
        Assert.Equal("widths", zero.ParamName);
        Assert.Contains("widths[1]", zero.Message);
    }

    [Fact]
    public void NaN_inputs_are_reported_with_their_position()
    {
        var net = Mlp.Create(new[] { 2, 4, 2 });
        var x = new Matrix(3, 2);
        x[2, 1] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => net.Forward(x, training: true));
        Assert.Equal("input", e.ParamName);
        Assert.Contains("NaN", e.Message);
        Assert.Contains("element 5", e.Message);
        var y = new Matrix(3, 2);
        y[0, 0] = double.PositiveInfinity;
        var t = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Compute(new Matrix(3, 2), y));
        Assert.Equal("targets", t.ParamName);
    }

    [Fact]
    public void Empty_data_is_rejected()
    {
        var rows = Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix(0, 2));
        Assert.Equal("rows", rows.ParamName);
        Assert.Contains("got 0", rows.Message);
        var jagged = Assert.Throws<ArgumentException>(() => Matrix.FromRows(Array.Empty<double[]>()));
        Assert.Equal("rows", jagged.ParamName);
        var layers = Assert.Throws<ArgumentException>(() => new Sequential(Array.Empty<ILayer>()));
        Assert.Equal("layers", layers.ParamName);
    }

    [Fact]
    public void Other_hyperparameters_are_checked()
    {
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1, momentum: 1.0)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-0.1)).ParamName);
        Assert.Equal("smoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropy(1.5)).ParamName);
        Assert.Equal("keep", Assert.Throws<ArgumentException>(() => new Dropout(0.5, new Random(0)).FixMask(Matrix.Filled(1, 2, 0.5))).ParamName);
        Assert.Equal("timescale", Assert.Throws<ArgumentOutOfRangeException>(() => new PowerLawSchedule(0.1, 1, 0)).ParamName);
    }

    [Fact]
    public void Backward_before_forward_explains_itself()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Linear(2, 2, new Random(0)).Backward(new Matrix(1, 2)));
        Assert.Contains("before Forward", e.Message);
    }
}
