using RegularizationLab.Homework;
using RegularizationLab.Numerics;

namespace Homework.Tests;

/// <summary>
/// hw2's whole-network gradient check: a check written right (fixed masks) passes; one that forgets to fix the masks,
/// or always says "fine" or always "broken", earns no case; and the planted bugs really are visible to finite differences.
/// </summary>
[Collection("Checks")]
public class NetworkGradientCheckTests
{
    public NetworkGradientCheckTests()
    {
        Checks.Output = TextWriter.Null;
        Checks.GradingOverride = false;
    }

    /// <summary>The model answer's algorithm: central differences at fixed masks, relative error of the whole gradient.</summary>
    private static double RelativeError(DropoutNetwork net, Matrix x, bool freeze)
    {
        if (freeze) net.FreezeMasks(seed: 7);
        var analytic = net.InputGradient(x);
        double difference = 0, size = 0;
        for (int i = 0; i < x.Length; i++)
        {
            const double h = 1e-5;
            var plus = x.Clone();
            plus.Data[i] += h;
            var minus = x.Clone();
            minus.Data[i] -= h;
            double numeric = (net.Loss(plus) - net.Loss(minus)) / (2 * h);
            difference += (numeric - analytic.Data[i]) * (numeric - analytic.Data[i]);
            size += numeric * numeric + analytic.Data[i] * analytic.Data[i];
        }
        return Math.Sqrt(difference) / Math.Max(Math.Sqrt(size), 1e-12);
    }

    [Fact]
    public void A_check_at_fixed_masks_passes_public_and_hidden_cases()
    {
        Assert.True(Checks.NetworkGradientCheck((net, x) => RelativeError(net, x, freeze: true)).Passed);
        Assert.True(Checks.NetworkGradientCheck((net, x) => RelativeError(net, x, freeze: true), CheckOptions.Hidden(seed: 9)).Passed);
    }

    [Fact]
    public void A_check_that_redraws_the_masks_fails_every_case_with_the_mask_hint()
    {
        var result = Checks.NetworkGradientCheck((net, x) => RelativeError(net, x, freeze: false));
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Equal(result.Cases, result.FailedCases);
        Assert.Contains("FreezeMasks", result.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_constant_answer_earns_no_case(double constant)
    {
        var result = Checks.NetworkGradientCheck((_, _) => constant);
        Assert.Equal(result.Cases, result.FailedCases);
    }

    [Fact]
    public void Each_planted_bug_changes_the_gradient_but_not_the_loss()
    {
        var x = new Matrix(2, 2, [0.3, -0.7, 0.5, 0.1]);
        var correct = new DropoutNetwork(0.4, 11);
        correct.FreezeMasks(3);
        foreach (var bug in new[] { DropoutNetwork.PlantedBug.MissingScaleInBackward, DropoutNetwork.PlantedBug.MaskIgnoredInBackward })
        {
            var buggy = new DropoutNetwork(0.4, 11, bug);
            buggy.FreezeMasks(3);
            Assert.Equal(correct.Loss(x), buggy.Loss(x));
            Assert.True(RelativeError(buggy, x, freeze: false) > 1e-2);
        }
        Assert.True(RelativeError(correct, x, freeze: false) < 1e-8);
    }

    [Fact]
    public void Every_planted_bug_shows_whatever_seed_the_masks_are_frozen_with()
    {
        // Single examples, where a mask with no dropped (or no kept) unit would hide a bug without the mask guarantee.
        foreach (double p in new[] { 0.1, 0.5, 0.9 })
            for (int seed = 0; seed < 40; seed++)
            {
                var x = new Matrix(1, 2, [0.4, -0.3]);
                foreach (var bug in new[] { DropoutNetwork.PlantedBug.MissingScaleInBackward, DropoutNetwork.PlantedBug.MaskIgnoredInBackward })
                {
                    var buggy = new DropoutNetwork(p, 5, bug);
                    buggy.FreezeMasks(seed);
                    Assert.True(RelativeError(buggy, x, freeze: false) >= Checks.BuggyAbove, $"p = {p}, seed {seed}, {bug}");
                }
            }
    }

    [Fact]
    public void A_check_that_writes_into_x_is_caught()
    {
        var result = Checks.NetworkGradientCheck((net, x) => { double e = RelativeError(net, x, freeze: true); x.Data[0] = 0; return e; });
        Assert.Contains("wrote into its argument", result.Message);
    }
}
