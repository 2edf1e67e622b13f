using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// Where a first-layer weight change lies in the data's principal directions (Praturu's blog post, §5, fig. 10).
/// With ΔW = W(t) − W(0) stored as the library stores weights (inputs × units, d × n₁) and v_k the k-th principal
/// direction of the training inputs, the energy in direction k is
///     E_k = ‖ΔWᵀ v_k‖² = Σ_i (ΔW_{·i} · v_k)²        (the sum over the n₁ hidden units),
/// and the cumulative energy E_{≤k} = Σ_{l≤k} E_l / Σ_m E_m. The v_k are an orthonormal basis, so Σ_k E_k = ‖ΔW‖²_F.
/// An isotropic change (no preferred direction) has E_{≤k} ≈ k/K.
/// </summary>
public static class WeightChangeSpectrum
{
    /// <summary>E_k for every principal direction k = 1 … K (array index k − 1).</summary>
    /// <param name="components">K × d matrix whose rows are the orthonormal directions v_k (e.g. PcaResult.Components).</param>
    /// <param name="deltaW">d × n₁ weight change (the library's Linear.Weight layout: inputs × units).</param>
    public static double[] Energies(Matrix components, Matrix deltaW)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(deltaW);
        Guard.Equal(deltaW.Rows, components.Cols, nameof(deltaW), "rows (one per input feature, as the directions' length)");
        Guard.AllFinite(deltaW.Data, nameof(deltaW));
        // Row k of P = V ΔW is v_kᵀ ΔW, the projections of all n₁ units' changes on v_k.
        var projections = new Matrix(components.Rows, deltaW.Cols);
        MatrixProducts.Multiply(components, deltaW, projections);
        var energies = new double[components.Rows];
        for (int k = 0; k < energies.Length; k++)
        {
            ReadOnlySpan<double> row = projections.Row(k);
            double sum = 0;
            foreach (double p in row) sum += p * p;
            energies[k] = sum;
        }
        return energies;
    }

    /// <summary>E_{≤k} = Σ_{l≤k} E_l / Σ_m E_m for k = 1 … K (array index k − 1); the last entry is 1.</summary>
    public static double[] Cumulative(double[] energies)
    {
        ArgumentNullException.ThrowIfNull(energies);
        Guard.NotEmpty(energies, nameof(energies));
        Guard.AllFinite(energies, nameof(energies));
        double total = energies.Sum();
        if (!(total > 0))
            throw new ArgumentException(
                $"energies must have a positive sum (a weight change that is not zero); got {total}.", nameof(energies));
        double running = 0;
        return energies.Select(e => (running += e) / total).ToArray();
    }

    /// <summary>The isotropic baseline k/K for k = 1 … K.</summary>
    public static double[] IsotropicBaseline(int directions)
    {
        Guard.Positive(directions, nameof(directions));
        return Enumerable.Range(1, directions).Select(k => (double)k / directions).ToArray();
    }
}
