using RegularizationLab.Layers;

namespace RegularizationLab.Regularizers;

/// <summary>A penalty R(w) added to the training loss, L̃ = L + R, and its (sub)gradient.</summary>
public interface IPenalty
{
    /// <summary>A readable description such as "L2 (λ = 0.005, λΣw²)".</summary>
    string Name { get; }

    /// <summary>R(w) for one tensor's entries.</summary>
    double Value(ReadOnlySpan<double> weights);

    /// <summary>gradient ← gradient + ∂R/∂w (a subgradient where R has a kink; sign(0) = 0).</summary>
    void AddGradient(ReadOnlySpan<double> weights, Span<double> gradient);

    /// <summary>Σ R over the parameters whose <see cref="Parameter.Regularized"/> is true.</summary>
    double Value(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double total = 0;
        foreach (var p in parameters)
            if (p.Regularized) total += Value(p.Value.Data);
        return total;
    }
}
