using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Optimizers;

/// <summary>
/// Weight noise (textbook §9.3.4, "add noise to the weights"; An, 1996): every gradient is computed at perturbed
/// weights θ + δ, δ ~ N(0, σ_w² I) fresh for each step, and applied to the clean weights θ:
///     θ ← θ − α ∇L(θ + δ).
/// In expectation this descends E_δ L(θ + δ) ≈ L(θ) + ½σ_w² tr ∇²L(θ), so it prefers minima whose curvature is small
/// (wide, flat ones). It wraps any optimizer, so a <see cref="Training.Trainer"/> runs it unchanged: the Trainer calls
/// Step after each backward pass; Step takes δ away, lets the inner optimizer update θ, then draws the next δ and adds it
/// for the next forward pass. Call <see cref="RemoveNoise"/> after training to get the clean θ back (evaluations taken
/// by the Trainer during training therefore see θ + δ).
/// </summary>
public sealed class WeightNoise : IOptimizer
{
    private readonly IOptimizer _inner;
    private readonly FastRandom _random;
    private double[] _uniforms = [];
    private readonly Dictionary<Parameter, double[]> _noise = new();

    public WeightNoise(IOptimizer inner, double standardDeviation, int seed)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Guard.NonNegative(standardDeviation, nameof(standardDeviation));
        Guard.Finite(standardDeviation, nameof(standardDeviation));
        _inner = inner;
        StandardDeviation = standardDeviation;
        _random = new FastRandom(new Random(seed));
    }

    /// <summary>σ_w, the standard deviation of every weight's perturbation.</summary>
    public double StandardDeviation { get; }

    public int StepCount => _inner.StepCount;
    public double CurrentLearningRate => _inner.CurrentLearningRate;

    public void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        RemoveNoise(parameters);
        _inner.Step(parameters);
        foreach (Parameter parameter in parameters)
        {
            double[] delta = NoiseOf(parameter);
            FillGaussian(delta);
            double[] value = parameter.Value.Data;
            for (int i = 0; i < value.Length; i++) value[i] += delta[i];
        }
    }

    /// <summary>Subtracts the perturbation currently added to the weights (nothing happens if there is none).</summary>
    public void RemoveNoise(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (Parameter parameter in parameters)
        {
            if (!_noise.TryGetValue(parameter, out double[]? delta)) continue;
            double[] value = parameter.Value.Data;
            for (int i = 0; i < value.Length; i++) { value[i] -= delta[i]; delta[i] = 0; }
        }
    }

    public void Reset()
    {
        _inner.Reset();
        _noise.Clear();
    }

    // Box–Muller with both outputs of each pair of uniforms: √(−2 ln u₁)·(cos 2πu₂, sin 2πu₂), times σ_w.
    // (One Gaussian per weight per step: System.Random would dominate the step time.)
    private void FillGaussian(double[] destination)
    {
        int pairs = (destination.Length + 1) / 2;
        if (_uniforms.Length < 2 * pairs) _uniforms = new double[2 * pairs];
        _random.FillUniform(_uniforms.AsSpan(0, 2 * pairs));
        for (int p = 0; p < pairs; p++)
        {
            double radius = StandardDeviation * Math.Sqrt(-2.0 * Math.Log(1.0 - _uniforms[2 * p]));
            double angle = 2.0 * Math.PI * _uniforms[2 * p + 1];
            destination[2 * p] = radius * Math.Cos(angle);
            if (2 * p + 1 < destination.Length) destination[2 * p + 1] = radius * Math.Sin(angle);
        }
    }

    private double[] NoiseOf(Parameter parameter)
    {
        if (!_noise.TryGetValue(parameter, out double[]? delta))
        {
            delta = new double[parameter.Value.Length];
            _noise[parameter] = delta;
        }
        return delta;
    }
}
