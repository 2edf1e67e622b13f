using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Optimizers;
using RegularizationLab.Regularizers;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// The gaps an independent comparison with PyTorch and a probe of the public API with bad input found: each test
/// failed before its fix. A masked class's −∞ logit, NaN that must stay visible, and messages in the caller's terms.
/// </summary>
public class IssueFindingsTests
{
    private static Parameter Weight(params double[] values) => new("w", ParameterKind.Weight, Matrix.RowVector(values));

    private static void AssertNamesArgument(Exception e, string argument, params string[] mentions)
    {
        var argumentException = Assert.IsAssignableFrom<ArgumentException>(e);
        Assert.Equal(argument, argumentException.ParamName);
        foreach (string text in mentions) Assert.Contains(text, e.Message);
    }

    // ---- −∞ logits (a masked class) -------------------------------------------------------------------------------

    [Theory]
    [InlineData(LabelSmoothing.SpreadOverOtherClasses)]
    [InlineData(LabelSmoothing.SpreadOverAllClasses)]
    public void A_minus_infinity_logit_without_smoothing_gives_the_finite_loss_pytorch_gives(LabelSmoothing convention)
    {
        // PyTorch: cross_entropy([[2, −inf, 0.5]], [0]) = lse(2, 0.5) − 2, finite; the masked class gets gradient 0.
        var logits = Matrix.FromRows([[2.0, double.NegativeInfinity, 0.5]]);
        var gradient = new Matrix(1, 3);
        double loss = new SoftmaxCrossEntropy(0.0, convention).Compute(logits, [0], gradient);
        double expected = Math.Log(Math.Exp(2.0) + Math.Exp(0.5)) - 2.0;
        Assert.Equal(expected, loss, 1e-15);
        Assert.Equal(0.0, gradient[0, 1]);
        Assert.Equal(Math.Exp(0.5) / (Math.Exp(2.0) + Math.Exp(0.5)), gradient[0, 2], 1e-15);
    }

    [Fact]
    public void A_minus_infinity_logit_with_smoothing_gives_an_infinite_loss_as_in_pytorch()
    {
        // With ε > 0 the masked class has target ε/K > 0, so −(ε/K)·log 0 = +∞: a real infinity, not NaN.
        var logits = Matrix.FromRows([[2.0, double.NegativeInfinity, 0.5]]);
        Assert.Equal(double.PositiveInfinity, new SoftmaxCrossEntropy(0.1, LabelSmoothing.SpreadOverAllClasses).Compute(logits, [0]));
    }

    [Fact]
    public void A_minus_infinity_logit_with_a_zero_target_entry_gives_a_finite_loss_against_a_distribution()
    {
        var logits = Matrix.FromRows([[2.0, double.NegativeInfinity, 0.5]]);
        var targets = Matrix.FromRows([[0.75, 0.0, 0.25]]);
        double lse = Math.Log(Math.Exp(2.0) + Math.Exp(0.5));
        Assert.Equal(lse - 0.75 * 2.0 - 0.25 * 0.5, new SoftmaxCrossEntropy().Compute(logits, targets), 1e-15);
    }

    [Fact]
    public void NaN_logits_still_give_a_NaN_loss()
    {
        var logits = Matrix.FromRows([[double.NaN, 1.0]]);
        Assert.True(double.IsNaN(new SoftmaxCrossEntropy().Compute(logits, [1])));
    }

    // ---- target distributions ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(double.NaN, 0.5, "NaN")]
    [InlineData(-0.25, 1.25, "-0.25")]
    [InlineData(double.PositiveInfinity, 0.0, "Infinity")]
    [InlineData(0.5, 0.25, "sums to 0.75")]
    public void A_target_distribution_must_be_a_probability_distribution(double first, double second, string shown)
    {
        var logits = Matrix.FromRows([[0.0, 1.0], [1.0, 0.0]]);
        var targets = Matrix.FromRows([[0.5, 0.5], [first, second]]);
        var e = Assert.ThrowsAny<ArgumentException>(() => new SoftmaxCrossEntropy().Compute(logits, targets));
        AssertNamesArgument(e, "targetDistribution", shown);
    }

    [Fact]
    public void A_target_distribution_off_by_rounding_only_is_accepted()
    {
        var logits = Matrix.FromRows([[0.0, 1.0, 2.0]]);
        var targets = Matrix.FromRows([[0.1, 0.2, 0.7 + 1e-12]]);
        Assert.True(double.IsFinite(new SoftmaxCrossEntropy().Compute(logits, targets)));
    }

    // ---- NaN weights stay visible ---------------------------------------------------------------------------------

    [Fact]
    public void L1_gradient_of_a_NaN_weight_is_NaN_instead_of_an_ArithmeticException()
    {
        double[] gradient = [0.0, 0.0, 0.0, 0.0];
        new L1Penalty(0.5).AddGradient([2.0, double.NaN, -3.0, 0.0], gradient);
        Assert.Equal(0.5, gradient[0]);
        Assert.True(double.IsNaN(gradient[1]));
        Assert.Equal(-0.5, gradient[2]);
        Assert.Equal(0.0, gradient[3]);                                 // sign(0) = 0
    }

    [Fact]
    public void Elastic_net_gradient_of_a_NaN_weight_is_NaN()
    {
        double[] gradient = [0.0, 0.0];
        new ElasticNetPenalty(0.1, 0.2).AddGradient([1.0, double.NaN], gradient);
        Assert.Equal(0.1 + 2 * 0.2 * 1.0, gradient[0], 1e-15);
        Assert.True(double.IsNaN(gradient[1]));
    }

    [Fact]
    public void SGD_with_an_L1_penalty_keeps_a_NaN_weight_NaN_and_steps_the_others()
    {
        var p = Weight(1.0, double.NaN);
        p.Gradient.Data[0] = 0.5;
        new Sgd(0.1, penalty: new L1Penalty(0.2)).Step([p]);
        Assert.Equal(1.0 - 0.1 * (0.5 + 0.2), p.Value.Data[0], 1e-15);
        Assert.True(double.IsNaN(p.Value.Data[1]));
    }

    [Fact]
    public void Soft_thresholding_keeps_NaN_as_NaN_so_a_diverged_weight_is_not_counted_as_sparse()
    {
        Assert.True(double.IsNaN(SoftThresholding.Apply(double.NaN, 0.5)));
        double[] values = [double.NaN, 0.2, -2.0];
        SoftThresholding.ApplyInPlace(values, 0.5);
        Assert.True(double.IsNaN(values[0]));
        Assert.Equal([0.0, -1.5], values[1..]);
    }

    [Fact]
    public void Proximal_SGD_keeps_a_NaN_weight_NaN()
    {
        var p = Weight(double.NaN, 0.01);
        new ProximalSgd(0.1, 1.0).Step([p]);
        Assert.True(double.IsNaN(p.Value.Data[0]));
        Assert.Equal(0.0, p.Value.Data[1]);
    }

    // ---- enums, decays and schedules --------------------------------------------------------------------------------

    [Fact]
    public void An_undefined_WeightDecayScale_is_rejected_by_name()
    {
        var bad = (WeightDecayScale)7;
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => new AdamW(0.01, 0.01, scale: bad)), "scale", "7");
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => new SgdWithWeightDecay(0.01, 0.01, scale: bad)), "scale", "7");
    }

    [Fact]
    public void A_decoupled_decay_above_one_per_step_is_rejected_because_it_flips_signs()
    {
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => new SgdWithWeightDecay(0.1, 1.5)), "decay", "1.5", "at most 1");
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => new AdamW(0.1, 2.0, scale: WeightDecayScale.ScheduleMultiplier)),
            "weightDecay", "2", "at most 1"); // the paper's scale: d = λ = 2 per step
        // PyTorch's scale: d = α·λ = 0.5·3 = 1.5 per step.
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => new AdamW(0.5, 3.0, scale: WeightDecayScale.LearningRate)),
            "weightDecay", "learning rate 0.5");
        // A decay of exactly 1 per step (every weight set to 0) and anything below are allowed.
        _ = new SgdWithWeightDecay(0.1, 1.0);
        _ = new AdamW(0.5, 1.9, scale: WeightDecayScale.LearningRate);
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(-1)]
    public void Schedules_reject_a_negative_step(int step)
    {
        var power = new PowerLawSchedule(0.1, 1, 10);
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => power.Rate(step)), "step", step.ToString());
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => power.Multiplier(step)), "step");
        AssertNamesArgument(Assert.ThrowsAny<ArgumentException>(() => new ConstantSchedule(0.1).Rate(step)), "step");
        Assert.Equal(0.1, power.Rate(0));                              // t = 0, the starting rate, is fine
    }

    // ---- messages in the caller's terms -------------------------------------------------------------------------

    [Fact]
    public void L2_gradient_length_mismatch_names_weights_and_gradient()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            new L2Penalty(0.1, L2Convention.LambdaSumOfSquares).AddGradient([1.0, 2.0, 3.0], new double[2]));
        AssertNamesArgument(e, "gradient", "gradient has 2 entries", "weights has 3");
        Assert.DoesNotContain("span", e.Message);
    }

    [Fact]
    public void Restoring_a_snapshot_of_another_architecture_names_the_parameter_and_both_shapes()
    {
        var small = Mlp.Create([3, 4, 2], Activation.Tanh, seed: 1);
        var other = Mlp.Create([3, 5, 2], Activation.Tanh, seed: 1);
        var e = Assert.ThrowsAny<ArgumentException>(() => small.Restore(other.Snapshot()));
        AssertNamesArgument(e, "snapshot", "3 × 5", "3 × 4", "same architecture", small.Parameters[0].Name);
        Assert.DoesNotContain("source", e.Message);
    }

    [Fact]
    public void A_matrix_too_large_for_one_array_is_reported_by_its_shape()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Matrix(50_000, 50_000));
        AssertNamesArgument(e, "rows", "50000 × 50000", "2,500,000,000", Array.MaxLength.ToString("N0"));
        Assert.ThrowsAny<ArgumentException>(() => new Matrix(50_000, 50_000, new double[1]));
    }

    [Fact]
    public void A_wrongly_shaped_fixed_mask_is_rejected_by_FixMask()
    {
        var net = Mlp.Create([2, 4, 4, 2], Activation.Relu, dropout: 0.5, seed: 3);
        var dropout = net.DropoutLayers[0];
        Assert.Equal(4, dropout.Width);
        var e = Assert.ThrowsAny<ArgumentException>(() => dropout.FixMask(Matrix.FromRows([[1.0, 0, 1]])));
        AssertNamesArgument(e, "keep", "1 × 3", "4 units", "4 columns");
        dropout.FixMask(Matrix.FromRows([[1.0, 0, 1, 1]]));            // the right width is accepted
    }
}
