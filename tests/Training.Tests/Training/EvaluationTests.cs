using RegularizationLab.Layers;
using RegularizationLab.Metrics;
using RegularizationLab.Numerics;
using RegularizationLab.Training;

namespace RegularizationLab.Tests.Training.Training;

public class EvaluationTests
{
    [Fact]
    public void Monte_carlo_dropout_converges_to_the_exact_average_over_the_four_masks()
    {
        // 2 → 2 (tanh, dropout p = ½) → 2: each example has 4 equally likely masks on its 2 hidden units.
        var net = Mlp.Create(new[] { 2, 2, 2 }, Activation.Tanh, dropout: 0.5, seed: 9);
        var x = new Matrix(1, 2, new[] { 0.8, -1.3 });
        Dropout dropout = net.DropoutLayers[0];
        var exact = new double[2];
        foreach (var keep in new[] { new[] { 0.0, 0 }, new[] { 0.0, 1 }, new[] { 1.0, 0 }, new[] { 1.0, 1 } })
        {
            dropout.FixMask(new Matrix(1, 2, keep));
            Matrix p = Probabilities.Softmax(net.Forward(x, training: true));
            exact[0] += p[0, 0] / 4;
            exact[1] += p[0, 1] / 4;
        }
        dropout.ReleaseMask();
        int samples = 20_000;
        Matrix mc = Evaluation.MonteCarloClassProbabilities(net, x, samples);
        // Each sample is a probability in [0, 1], so its sd is ≤ ½ and the mean's sd ≤ ½/√20000 ≈ 0.0035; allow 4 sd.
        Assert.Equal(exact[0], mc[0, 0], 0.014);
        Assert.Equal(1.0, mc[0, 0] + mc[0, 1], 12);
        Assert.NotEqual(Evaluation.ClassProbabilities(net, x)[0, 0], mc[0, 0]);
    }

    [Fact]
    public void Ensemble_average_is_the_mean_of_the_members_outputs()
    {
        var members = new[] { Mlp.Create(new[] { 2, 4, 2 }, seed: 1), Mlp.Create(new[] { 2, 4, 2 }, seed: 2), Mlp.Create(new[] { 2, 4, 2 }, seed: 3) };
        var x = new Matrix(2, 2, new[] { 0.1, 0.2, -1.0, 0.5 });
        Matrix logits = Evaluation.EnsembleAverage(members, x);
        Matrix probabilities = Evaluation.EnsembleAverage(members, x, probabilities: true);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(members.Average(m => Evaluation.Outputs(m, x)[r, c]), logits[r, c], 12);
                Assert.Equal(members.Average(m => Evaluation.ClassProbabilities(m, x)[r, c]), probabilities[r, c], 12);
            }
        var e = Assert.Throws<ArgumentException>(() => Evaluation.EnsembleAverage(new[] { members[0], Mlp.Create(new[] { 2, 4, 3 }) }, x));
        Assert.Equal("members", e.ParamName);
    }
}
