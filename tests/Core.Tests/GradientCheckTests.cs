using RegularizationLab.Layers;
using RegularizationLab.Losses;
using RegularizationLab.Numerics;
using RegularizationLab.Regularizers;
using static RegularizationLab.Tests.Core.TestSupport;

namespace RegularizationLab.Tests.Core;

/// <summary>
/// Every backward pass against central finite differences of its own forward pass. A layer is checked through
/// L = Σ C ⊙ layer(X) with a random C, so ∂L/∂output = C is fed to Backward.
/// </summary>
public class GradientCheckTests
{
    private const double Tolerance = 1e-7;

    private static void AssertGradient(double[] analytic, double[] numeric, string what)
    {
        double error = RelativeError(analytic, numeric);
        Assert.True(error <= Tolerance, $"{what}: relative error {error:E2} > {Tolerance:E0}");
    }

    [Fact]
    public void Linear_layer_gradients_for_weights_bias_and_input()
    {
        var rng = new Random(1);
        var layer = new Linear(3, 4, rng, Initialization.XavierNormal);
        RandomMatrix(1, 4, rng).Data.CopyTo(layer.Bias.Value.Data, 0);
        var x = RandomMatrix(5, 3, rng);
        var c = RandomMatrix(5, 4, rng);
        double Loss() => Weighted(layer.Forward(x, training: true), c);

        Loss();
        var dx = layer.Backward(c).Clone();
        var dw = (double[])layer.Weight.Gradient.Data.Clone();
        var db = (double[])layer.Bias.Gradient.Data.Clone();

        AssertGradient(dw, NumericalGradient(layer.Weight.Value.Data, Loss), "∂L/∂W");
        AssertGradient(db, NumericalGradient(layer.Bias.Value.Data, Loss), "∂L/∂b");
        AssertGradient(dx.Data, NumericalGradient(x.Data, Loss), "∂L/∂X");
    }

    [Fact]
    public void Linear_backward_parameters_only_gives_the_same_parameter_gradients()
    {
        var rng = new Random(2);
        var layer = new Linear(7, 10, rng);
        var x = RandomMatrix(9, 7, rng);
        var c = RandomMatrix(9, 10, rng);
        layer.Forward(x, true);
        layer.Backward(c);
        var dw = (double[])layer.Weight.Gradient.Data.Clone();
        var db = (double[])layer.Bias.Gradient.Data.Clone();
        layer.Weight.Gradient.Fill(123);
        layer.BackwardParametersOnly(c);
        Assert.Equal(dw, layer.Weight.Gradient.Data);
        Assert.Equal(db, layer.Bias.Gradient.Data);
    }

    [Fact]
    public void Tanh_layer_gradient()
    {
        var rng = new Random(3);
        var layer = new Tanh();
        var x = RandomMatrix(6, 11, rng, scale: 3);   // 66 entries: vector body and scalar tail
        var c = RandomMatrix(6, 11, rng);
        double Loss() => Weighted(layer.Forward(x, true), c);
        Loss();
        var dx = layer.Backward(c).Clone();
        AssertGradient(dx.Data, NumericalGradient(x.Data, Loss), "∂L/∂z through tanh");
    }

    [Fact]
    public void Relu_layer_gradient_away_from_the_kink()
    {
        var rng = new Random(4);
        var layer = new Relu();
        var x = RandomMatrix(6, 11, rng, scale: 2);
        for (int i = 0; i < x.Length; i++)   // keep every entry at least 0.1 from the kink at 0 (h = 1e-5)
            if (Math.Abs(x.Data[i]) < 0.1) x.Data[i] = 0.1 * (i % 2 == 0 ? 1 : -1);
        var c = RandomMatrix(6, 11, rng);
        double Loss() => Weighted(layer.Forward(x, true), c);
        Loss();
        var dx = layer.Backward(c).Clone();
        AssertGradient(dx.Data, NumericalGradient(x.Data, Loss), "∂L/∂z through ReLU");
    }

    [Fact]
    public void Dropout_gradient_with_a_fixed_mask()
    {
        var rng = new Random(5);
        var layer = new Dropout(0.3, rng);
        var keep = new Matrix(4, 9);
        for (int i = 0; i < keep.Length; i++) keep.Data[i] = rng.NextDouble() < 0.7 ? 1 : 0;
        layer.FixMask(keep);
        var x = RandomMatrix(4, 9, rng);
        var c = RandomMatrix(4, 9, rng);
        double Loss() => Weighted(layer.Forward(x, training: true), c);
        Loss();
        var dx = layer.Backward(c).Clone();
        AssertGradient(dx.Data, NumericalGradient(x.Data, Loss), "∂L/∂a through dropout");
        for (int i = 0; i < dx.Length; i++) Assert.Equal(c.Data[i] * keep.Data[i] / 0.7, dx.Data[i], tolerance: 1e-15);
    }

    [Fact]
    public void Mean_squared_error_gradient()
    {
        var rng = new Random(6);
        var predictions = RandomMatrix(7, 3, rng);
        var targets = RandomMatrix(7, 3, rng);
        var loss = new MeanSquaredError();
        var gradient = new Matrix(7, 3);
        loss.Compute(predictions, targets, gradient);
        AssertGradient(gradient.Data, NumericalGradient(predictions.Data, () => loss.Compute(predictions, targets)), "∂MSE/∂ŷ");
    }

    [Theory]
    [InlineData(0.0, LabelSmoothing.SpreadOverOtherClasses)]
    [InlineData(0.1, LabelSmoothing.SpreadOverOtherClasses)]
    [InlineData(0.1, LabelSmoothing.SpreadOverAllClasses)]
    [InlineData(0.4, LabelSmoothing.SpreadOverAllClasses)]
    public void Softmax_cross_entropy_gradient_in_both_smoothing_conventions(double epsilon, LabelSmoothing convention)
    {
        var rng = new Random(7);
        var logits = RandomMatrix(6, 4, rng, scale: 3);
        int[] labels = { 0, 3, 1, 2, 2, 0 };
        var loss = new SoftmaxCrossEntropy(epsilon, convention);
        var gradient = new Matrix(6, 4);
        loss.Compute(logits, labels, gradient);
        AssertGradient(gradient.Data, NumericalGradient(logits.Data, () => loss.Compute(logits, labels)), $"∂CE/∂z (ε = {epsilon}, {convention})");
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_with_explicit_soft_targets()
    {
        var rng = new Random(8);
        var logits = RandomMatrix(3, 5, rng, scale: 2);
        var targets = new Matrix(3, 5);
        for (int r = 0; r < 3; r++)
        {
            double sum = 0;
            for (int k = 0; k < 5; k++) sum += targets[r, k] = rng.NextDouble();
            for (int k = 0; k < 5; k++) targets[r, k] /= sum;
        }
        var loss = new SoftmaxCrossEntropy();
        var gradient = new Matrix(3, 5);
        loss.Compute(logits, targets, gradient);
        AssertGradient(gradient.Data, NumericalGradient(logits.Data, () => loss.Compute(logits, targets)), "∂CE/∂z (soft targets)");
    }

    public static TheoryData<string> Penalties => new() { "L2 λΣw²", "L2 (λ/2)Σw²", "L1", "elastic net" };

    private static IPenalty MakePenalty(string name) => name switch
    {
        "L2 λΣw²" => new L2Penalty(0.3, L2Convention.LambdaSumOfSquares),
        "L2 (λ/2)Σw²" => new L2Penalty(0.3, L2Convention.HalfLambdaSumOfSquares),
        "L1" => new L1Penalty(0.2),
        _ => new ElasticNetPenalty(0.2, 0.3),
    };

    [Theory, MemberData(nameof(Penalties))]
    public void Penalty_gradients_away_from_zero(string name)
    {
        var penalty = MakePenalty(name);
        var rng = new Random(9);
        var w = new double[23];
        for (int i = 0; i < w.Length; i++) w[i] = (0.1 + rng.NextDouble()) * (i % 3 == 0 ? -1 : 1);   // |w| ≥ 0.1
        var gradient = new double[w.Length];
        penalty.AddGradient(w, gradient);
        AssertGradient(gradient, NumericalGradient(w, () => penalty.Value(w)), $"∂R/∂w for {penalty.Name}");
    }

    [Theory]
    [InlineData(Activation.Tanh, 0.0, 0.0)]
    [InlineData(Activation.Tanh, 0.25, 0.1)]
    [InlineData(Activation.Relu, 0.0, 0.0)]
    public void Whole_mlp_gradient_for_every_parameter_and_the_input(Activation activation, double dropout, double smoothing)
    {
        var net = Mlp.Create(new[] { 3, 6, 5, 4 }, activation, dropout, seed: 10);
        var rng = new Random(11);
        var x = RandomMatrix(5, 3, rng, scale: 2);
        int[] labels = { 1, 0, 3, 2, 1 };
        int[] dropoutWidths = { 6, 5 };   // dropout follows each hidden layer
        for (int layer = 0; layer < net.DropoutLayers.Count; layer++)
        {
            var d = net.DropoutLayers[layer];
            var keep = new Matrix(5, dropoutWidths[layer]);
            for (int i = 0; i < keep.Length; i++) keep.Data[i] = rng.NextDouble() < 0.75 ? 1 : 0;
            d.FixMask(keep);
        }
        var loss = new SoftmaxCrossEntropy(smoothing);
        var gradient = new Matrix(5, 4);
        double Loss() => loss.Compute(net.Forward(x, training: true), labels);

        loss.Compute(net.Forward(x, training: true), labels, gradient);
        var dx = net.Backward(gradient).Clone();
        var analytic = net.Parameters.Select(p => (double[])p.Gradient.Data.Clone()).ToArray();

        if (activation == Activation.Relu)   // ReLU is smooth only if no pre-activation sits within h of its kink
            Assert.True(NoPreActivationNearZero(net, x), "choose another seed: a ReLU input is within 1e-4 of 0");
        for (int i = 0; i < net.Parameters.Count; i++)
            AssertGradient(analytic[i], NumericalGradient(net.Parameters[i].Value.Data, Loss), $"∂L/∂{net.Parameters[i].Name}");
        AssertGradient(dx.Data, NumericalGradient(x.Data, Loss), "∂L/∂input");
    }

    private static bool NoPreActivationNearZero(Sequential net, Matrix x)
    {
        var h = x;
        foreach (var layer in net.Layers)
        {
            if (layer is Relu && h.Data.Any(v => Math.Abs(v) < 1e-4)) return false;
            h = layer.Forward(h, true).Clone();
        }
        return true;
    }
}
