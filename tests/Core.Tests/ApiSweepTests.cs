using RegularizationLab.Data;
using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// Gaps of the same kinds as issue 14's findings, found by sweeping the public API: NaN outputs turned into an
/// accuracy by argmax, and an unchecked enum. Each test failed before its fix.
/// </summary>
public class ApiSweepTests
{
    private static readonly Matrix NaNScores = Matrix.FromRows([[0.2, 0.8], [double.NaN, double.NaN]]);

    [Fact]
    public void Accuracy_of_NaN_scores_is_NaN_not_a_count_of_argmax_zero()
    {
        Assert.True(double.IsNaN(Accuracy.Of(NaNScores, [1, 0])));
        Assert.Equal(0.5, Accuracy.Of(Matrix.FromRows([[0.2, 0.8], [0.9, 0.1]]), [1, 1]));
    }

    [Fact]
    public void Predicted_classes_of_a_NaN_row_is_an_error_naming_the_row()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Probabilities.PredictedClasses(NaNScores));
        Assert.Equal("scores", ((ArgumentException)e).ParamName);
        Assert.Contains("row 1", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void Evaluating_a_network_with_a_NaN_weight_gives_NaN_loss_and_NaN_accuracy()
    {
        var net = Mlp.Create([2, 3, 2], Activation.Tanh, seed: 1);
        net.LinearLayers[1].Weight.Value.Data[0] = double.NaN;
        var data = new Dataset(Matrix.FromRows([[0.1, 0.2], [0.3, -0.4]]), [0, 1]);
        var result = Evaluation.Evaluate(net, new SoftmaxCrossEntropy(), data);
        Assert.True(double.IsNaN(result.Loss));
        Assert.True(double.IsNaN(result.Accuracy), $"accuracy {result.Accuracy}");
    }

    [Fact]
    public void A_parameter_rejects_an_undefined_kind_and_missing_arguments_by_name()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Parameter("w", (ParameterKind)5, new Matrix(1, 1)));
        Assert.Equal("kind", ((ArgumentException)e).ParamName);
        Assert.Contains("5", e.Message);
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => new Parameter("w", ParameterKind.Weight, null!)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => new Parameter(" ", ParameterKind.Weight, new Matrix(1, 1))).ParamName);
    }
}
