using RegularizationLab.Ensembles;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Analysis.Tests;

public class DropoutEnsembleTests
{
    private const double P = 0.4;
    private const int Hidden = 4;

    // Linear(2→4) → Dropout(p) → Linear(4→2): the logits are linear in the keep pattern, so every member can be written
    // down by hand and the whole ensemble (2⁴ members) enumerated exactly.
    private static (Sequential Network, Linear First, Linear Second) LinearNetwork(int seed = 3)
    {
        var rng = new Random(seed);
        var first = new Linear(2, Hidden, rng);
        var second = new Linear(Hidden, 2, rng);
        for (int k = 0; k < Hidden; k++) first.Bias.Value[0, k] = 0.1 * (k - 1.5);
        second.Bias.Value[0, 1] = 0.2;
        return (new Sequential(first, new Dropout(P, new Random(seed + 100)), second), first, second);
    }

    private static readonly Matrix Inputs = Matrix.FromRows([[0.5, -1.0], [1.5, 0.3], [-0.7, 0.9]]);

    private static double ByHand(Linear first, Linear second, double[] keep, double x0, double x1)
    {
        double z0 = second.Bias.Value[0, 0], z1 = second.Bias.Value[0, 1];
        for (int k = 0; k < Hidden; k++)
        {
            double h = first.Bias.Value[0, k] + x0 * first.Weight.Value[0, k] + x1 * first.Weight.Value[1, k];
            h *= keep[k] / (1 - P);
            z0 += h * second.Weight.Value[k, 0];
            z1 += h * second.Weight.Value[k, 1];
        }
        return 1 / (1 + Math.Exp(z0 - z1));
    }

    private static IEnumerable<(double[] Keep, double Probability)> AllMembers()
    {
        for (int mask = 0; mask < 1 << Hidden; mask++)
        {
            var keep = Enumerable.Range(0, Hidden).Select(k => (double)((mask >> k) & 1)).ToArray();
            int kept = (int)keep.Sum();
            yield return (keep, Math.Pow(1 - P, kept) * Math.Pow(P, Hidden - kept));
        }
    }

    [Fact]
    public void Member_probabilities_match_the_hand_written_sub_network()
    {
        var (network, first, second) = LinearNetwork();
        var before = Inputs.Clone();
        foreach (var (keep, _) in AllMembers())
        {
            double[] p = DropoutEnsemble.MemberProbabilities(network, [keep], Inputs);
            for (int r = 0; r < Inputs.Rows; r++)
                Assert.Equal(ByHand(first, second, keep, Inputs[r, 0], Inputs[r, 1]), p[r], 12);
        }
        Assert.Equal(before.Data, Inputs.Data);
    }

    [Fact]
    public void Monte_carlo_mean_converges_to_the_exact_ensemble_average()
    {
        var (network, _, _) = LinearNetwork();
        var exact = new double[Inputs.Rows];
        foreach (var (keep, weight) in AllMembers())
        {
            double[] p = DropoutEnsemble.MemberProbabilities(network, [keep], Inputs);
            for (int r = 0; r < exact.Length; r++) exact[r] += weight * p[r];
        }
        const int passes = 40000;
        var mc = DropoutEnsemble.MonteCarlo(network, Inputs, passes);
        double[] mean = mc.Mean(), sd = mc.StandardDeviation();
        for (int r = 0; r < exact.Length; r++)
        {
            double standardError = sd[r] / Math.Sqrt(passes);
            Assert.True(sd[r] > 0.01, "members should disagree");
            Assert.True(Math.Abs(mean[r] - exact[r]) < 4 * standardError,
                $"row {r}: MC {mean[r]:F5} vs exact {exact[r]:F5} (SE {standardError:E1})");
        }
        // The estimate from fewer passes is worse on average: the error shrinks roughly like 1/√T.
        double early = Enumerable.Range(0, exact.Length).Sum(r => Math.Abs(mc.Mean(100)[r] - exact[r]));
        double late = Enumerable.Range(0, exact.Length).Sum(r => Math.Abs(mean[r] - exact[r]));
        Assert.True(late < early);
    }

    [Fact]
    public void Member_of_a_relu_network_with_two_dropout_layers_matches_a_manual_forward_pass()
    {
        var network = Mlp.Create([2, 5, 3, 2], Activation.Relu, dropout: 0.25, seed: 8);
        var member = DropoutEnsemble.SampleMember(network, new Random(4));
        var linears = network.LinearLayers;
        double[] p = DropoutEnsemble.MemberProbabilities(network, member, Inputs);
        for (int r = 0; r < Inputs.Rows; r++)
        {
            double[] a = [Inputs[r, 0], Inputs[r, 1]];
            for (int l = 0; l < linears.Count; l++)
            {
                var w = linears[l].Weight.Value;
                var next = new double[linears[l].Outputs];
                for (int o = 0; o < next.Length; o++)
                {
                    next[o] = linears[l].Bias.Value[0, o];
                    for (int i = 0; i < a.Length; i++) next[o] += a[i] * w[i, o];
                    if (l < linears.Count - 1) next[o] = Math.Max(0, next[o]) * member[l][o] / 0.75;
                }
                a = next;
            }
            Assert.Equal(1 / (1 + Math.Exp(a[0] - a[1])), p[r], 12);
        }
    }

    [Fact]
    public void Sampled_members_drop_units_with_probability_p_and_are_seeded()
    {
        var network = Mlp.Create([2, 30, 20, 2], dropout: P, seed: 1);
        var a = DropoutEnsemble.SampleMember(network, new Random(7));
        var b = DropoutEnsemble.SampleMember(network, new Random(7));
        Assert.Equal(new[] { 30, 20 }, a.Select(pattern => pattern.Length));
        Assert.Equal(a, b);
        var rng = new Random(9);
        int dropped = 0, total = 0;
        for (int t = 0; t < 400; t++)
            foreach (double[] pattern in DropoutEnsemble.SampleMember(network, rng))
            {
                Assert.All(pattern, v => Assert.True(v is 0.0 or 1.0));
                dropped += pattern.Count(v => v == 0); total += pattern.Length;
            }
        double sdOfRate = Math.Sqrt(P * (1 - P) / total);
        Assert.InRange((double)dropped / total, P - 4 * sdOfRate, P + 4 * sdOfRate);
    }

    [Fact]
    public void Monte_carlo_is_deterministic_for_equally_seeded_networks_and_inference_is_the_full_network()
    {
        var one = DropoutEnsemble.MonteCarlo(Mlp.Create([2, 16, 2], dropout: 0.3, seed: 5), Inputs, 20);
        var two = DropoutEnsemble.MonteCarlo(Mlp.Create([2, 16, 2], dropout: 0.3, seed: 5), Inputs, 20);
        Assert.Equal(one.Samples, two.Samples);

        // Inference = the member that keeps every unit, with the 1/(1 − p) scaling undone: for the linear network
        // that is the keep-all member of a network with p → 0, i.e. the hand formula with keep = 1 − p.
        var (network, first, second) = LinearNetwork();
        double[] inference = DropoutEnsemble.InferenceProbabilities(network, Inputs);
        for (int r = 0; r < Inputs.Rows; r++)
            Assert.Equal(ByHand(first, second, Enumerable.Repeat(1 - P, Hidden).ToArray(), Inputs[r, 0], Inputs[r, 1]), inference[r], 12);
    }

    [Fact]
    public void Statistics_over_a_prefix_of_passes_match_direct_computation()
    {
        var mc = new MonteCarloPrediction([[0.1, 0.5], [0.3, 0.5], [0.8, 0.2]]);
        Assert.Equal([0.2, 0.5], mc.Mean(2));
        Assert.Equal(0.4, mc.Mean()[0], 14);
        Assert.Equal(Math.Sqrt(((0.1 - 0.4) * (0.1 - 0.4) + 0.01 + 0.16) / 2), mc.StandardDeviation()[0], 14);
        Assert.Equal(0.0, mc.StandardDeviation(2)[1]);
        Assert.Equal("passes", Assert.Throws<ArgumentOutOfRangeException>(() => mc.StandardDeviation(1)).ParamName);
        Assert.Equal("passes", Assert.Throws<ArgumentOutOfRangeException>(() => mc.Mean(4)).ParamName);
        Assert.Equal("passes", Assert.Throws<ArgumentOutOfRangeException>(() => mc.Mean(0)).ParamName);
    }

    [Fact]
    public void Input_dropout_masks_a_copy_never_the_callers_matrix()
    {
        var linear = new Linear(2, 2, new Random(1));
        var network = new Sequential(new Dropout(0.5, new Random(2)), linear);
        var inputs = Inputs.Clone();
        double[] p = DropoutEnsemble.MemberProbabilities(network, [[0.0, 1.0]], inputs);
        Assert.Equal(Inputs.Data, inputs.Data);
        // Only x₁ survives, doubled.
        for (int r = 0; r < inputs.Rows; r++)
        {
            double x1 = 2 * inputs[r, 1];
            double z0 = linear.Bias.Value[0, 0] + x1 * linear.Weight.Value[1, 0];
            double z1 = linear.Bias.Value[0, 1] + x1 * linear.Weight.Value[1, 1];
            Assert.Equal(1 / (1 + Math.Exp(z0 - z1)), p[r], 12);
        }
    }

    [Fact]
    public void Grid_points_and_to_grid_round_trip()
    {
        double[] xs = [0, 1, 2], ys = [10, 20];
        var points = DropoutEnsemble.GridPoints(xs, ys);
        Assert.Equal(6, points.Rows);
        var grid = DropoutEnsemble.ToGrid(xs, ys, Enumerable.Range(0, 6).Select(r => points[r, 0] + points[r, 1]).ToArray());
        for (int j = 0; j < 2; j++) for (int i = 0; i < 3; i++) Assert.Equal(xs[i] + ys[j], grid.Values[j, i]);
        Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => DropoutEnsemble.ToGrid(xs, ys, new double[5])).ParamName);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var (network, _, _) = LinearNetwork();
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => DropoutEnsemble.MonteCarlo(Mlp.Create([2, 4, 2]), Inputs, 5)).ParamName);
        Assert.Equal("passes", Assert.ThrowsAny<ArgumentException>(() => DropoutEnsemble.MonteCarlo(network, Inputs, 0)).ParamName);
        Assert.Equal("classIndex", Assert.ThrowsAny<ArgumentException>(() => DropoutEnsemble.MonteCarlo(network, Inputs, 5, classIndex: 2)).ParamName);
        Assert.Equal("keepPatterns", Assert.ThrowsAny<ArgumentException>(() => DropoutEnsemble.MemberProbabilities(network, [[1.0, 1.0]], Inputs)).ParamName);
        Assert.Equal("keepPatterns", Assert.ThrowsAny<ArgumentException>(() => DropoutEnsemble.MemberProbabilities(network, [], Inputs)).ParamName);
    }
}
