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
}

/// <summary>Penalties applied to a whole network: only parameters with <see cref="Parameter.Regularized"/> = true count.</summary>
public static class PenaltyExtensions
{
    /// <summary>Σ R(w) over the regularized parameters.</summary>
    public static double Value(this IPenalty penalty, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(penalty);
        ArgumentNullException.ThrowIfNull(parameters);
        double total = 0;
        foreach (var p in parameters)
            if (p.Regularized) total += penalty.Value(p.Value.Data);
        return total;
    }

    /// <summary>p.Gradient ← p.Gradient + ∂R/∂w for every regularized parameter (turns ∇L into ∇(L + R)).</summary>
    public static void AddGradient(this IPenalty penalty, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(penalty);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
            if (p.Regularized) penalty.AddGradient(p.Value.Data, p.Gradient.Data);
    }
}
