using RegularizationLab.Ensembles;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Analysis.Tests;

/// <summary>The analysis helpers lecture 4 added: weight-scaling trajectories, MC log-odds, entropy and BALD.</summary>
public class LectureFourAnalysisTests
{
    [Fact]
    public void Per_parameter_rates_make_standard_and_inverted_dropout_train_identically()
    {
        const double p = 0.3, q = 1 - p, rate = 0.05;
        var sgd = DropoutParametrizations.Compare(PlainOptimizer.Sgd, p, rate, q * q * rate, rate, 200, seed: 1);
        Assert.True(sgd.OutputWeightGap < 1e-12 && sgd.OtherParameterGap < 1e-12, sgd.ToString());
        var adam = DropoutParametrizations.Compare(PlainOptimizer.Adam, p, rate, q * rate, rate, 200, seed: 1);
        Assert.True(adam.OutputWeightGap < 1e-10 && adam.OtherParameterGap < 1e-10, adam.ToString());
    }

    [Fact]
    public void One_global_rate_or_the_sgd_factor_under_adam_drifts_apart()
    {
        const double p = 0.3, q = 1 - p, rate = 0.05;
        var global = DropoutParametrizations.Compare(PlainOptimizer.Sgd, p, rate, q * q * rate, q * q * rate, 200, seed: 1);
        Assert.True(global.OtherParameterGap > 1e-3, global.ToString());
        var adamWrong = DropoutParametrizations.Compare(PlainOptimizer.Adam, p, rate, q * q * rate, rate, 200, seed: 1);
        Assert.True(adamWrong.OutputWeightGap > 1e-3, adamWrong.ToString());
    }

    [Fact]
    public void Compare_rejects_a_drop_probability_of_one_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            DropoutParametrizations.Compare(PlainOptimizer.Sgd, 1.0, 0.1, 0.1, 0.1, 10, 1));
        Assert.Equal("dropProbability", e.ParamName);
    }

    [Fact]
    public void Entropy_and_mutual_information_match_their_definitions()
    {
        // Two passes that disagree completely (0.1 vs 0.9) and two that agree (0.5, 0.5).
        var mc = new MonteCarloPrediction([[0.1, 0.5], [0.9, 0.5]]);
        double H(double x) => -x * Math.Log(x) - (1 - x) * Math.Log(1 - x);
        Assert.Equal(H(0.5), mc.PredictiveEntropy()[0], 12);
        Assert.Equal(H(0.5) - H(0.1), mc.MutualInformation()[0], 12);
        Assert.Equal(0.0, mc.MutualInformation()[1], 12);   // members agree: no disagreement, however uncertain
        Assert.Equal(H(0.5), mc.PredictiveEntropy()[1], 12);
    }

    [Fact]
    public void Monte_Carlo_log_odds_are_the_log_of_the_probability_ratio()
    {
        var rng = new Random(4);
        var net = new Sequential(new Linear(2, 6, rng), new Tanh(), new Dropout(0.4, new Random(5)), new Linear(6, 2, rng));
        var inputs = Matrix.FromRows([[0.5, -1.0], [1.5, 0.3]]);
        var logOdds = DropoutEnsemble.MonteCarloLogOdds(net, inputs, 3);
        // Same seeds again: the dropout layer draws the same masks, so probabilities and log-odds describe the same passes.
        var rng2 = new Random(4);
        var twin = new Sequential(new Linear(2, 6, rng2), new Tanh(), new Dropout(0.4, new Random(5)), new Linear(6, 2, rng2));
        var probabilities = DropoutEnsemble.MonteCarlo(twin, inputs, 3);
        for (int t = 0; t < 3; t++)
            for (int i = 0; i < 2; i++)
            {
                double p1 = probabilities.Samples[t][i];
                Assert.Equal(Math.Log(p1 / (1 - p1)), logOdds.Samples[t][i], 9);
            }
    }
}
