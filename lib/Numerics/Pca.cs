using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Numerics;

/// <summary>
/// Principal component analysis of a data matrix X (n examples × d features):
///   centre  X̃ = X − 1μᵀ,   covariance  C = X̃ᵀX̃ / (n − 1),   eigendecomposition  C = Σ_k λ_k v_k v_kᵀ.
/// v_k is the k-th principal direction (λ₁ ≥ λ₂ ≥ …) and λ_k the variance of the data along it. The blog's
/// early-stopping analysis projects weight changes ΔW onto these v_k to see which directions a network learns first.
/// </summary>
public static class Pca
{
    /// <summary>Fits a PCA to the rows of <paramref name="data"/> (needs at least 2 rows).</summary>
    public static PcaResult Fit(Matrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows < 2)
            throw new ArgumentException(
                $"data needs at least 2 rows (examples) to estimate a covariance; got {data.Rows}.", nameof(data));
        Guard.AllFinite(data.Data, nameof(data));
        Matrix covariance = Covariance(data, out double[] mean);
        EigenDecomposition eigen = SymmetricEigen.Decompose(covariance);
        // Round-off can make the eigenvalues of a rank-deficient covariance slightly negative; variances are ≥ 0.
        double[] variances = eigen.Values.Select(v => Math.Max(v, 0)).ToArray();
        return new PcaResult(mean, eigen.Vectors, variances);
    }

    /// <summary>The sample covariance C = X̃ᵀX̃ / (n − 1) of the rows, and their mean μ.</summary>
    public static Matrix Covariance(Matrix data, out double[] mean)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Rows, d = data.Cols;
        mean = new double[d];
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<double> row = data.Row(r);
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;

        // C = X̃ᵀX̃ / (n − 1) with the SIMD matrix product, then averaged with its transpose so that it is exactly
        // symmetric (a blocked product may sum c_ij and c_ji in different orders).
        var centred = new Matrix(n, d);
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<double> row = data.Row(r);
            Span<double> target = centred.Row(r);
            for (int j = 0; j < d; j++) target[j] = row[j] - mean[j];
        }
        var covariance = new Matrix(d, d);
        MatrixProducts.MultiplyTransposedLeft(centred, centred, covariance);
        double[] c = covariance.Data;
        double scale = 1.0 / (n - 1);
        for (int i = 0; i < d; i++)
            for (int j = i; j < d; j++)
            {
                double value = 0.5 * (c[i * d + j] + c[j * d + i]) * scale;
                c[i * d + j] = value;
                c[j * d + i] = value;
            }
        return covariance;
    }
}

/// <summary>A fitted PCA: mean μ, principal directions (rows of <see cref="Components"/>, unit length, by decreasing
/// variance) and the variance λ_k along each.</summary>
public sealed record PcaResult(double[] Mean, Matrix Components, double[] Variances)
{
    public int Dimension => Mean.Length;

    /// <summary>The k-th principal direction v_k (a copy).</summary>
    public double[] Component(int k) => Components.Row(k).ToArray();

    /// <summary>λ_k / Σ_j λ_j: the fraction of the total variance along each direction.</summary>
    public double[] ExplainedVarianceRatio
    {
        get
        {
            double total = Variances.Sum();
            return Variances.Select(v => total > 0 ? v / total : 0).ToArray();
        }
    }

    /// <summary>Σ_{j≤k} λ_j / Σ_j λ_j: how much variance the first k + 1 directions capture.</summary>
    public double[] CumulativeExplainedVariance
    {
        get
        {
            double[] ratio = ExplainedVarianceRatio;
            double running = 0;
            return ratio.Select(r => running += r).ToArray();
        }
    }

    /// <summary>Coordinates of the rows of <paramref name="data"/> on the first <paramref name="components"/> directions:
    /// score_ik = (x_i − μ) · v_k.</summary>
    public Matrix Project(Matrix data, int components)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Equal(data.Cols, Dimension, nameof(data), "columns (features)");
        if (components < 1 || components > Dimension)
            throw new ArgumentOutOfRangeException(nameof(components), components,
                $"components must be in 1 … {Dimension}; got {components}.");
        var scores = new Matrix(data.Rows, components);
        var centred = new double[Dimension];
        for (int r = 0; r < data.Rows; r++)
        {
            ReadOnlySpan<double> row = data.Row(r);
            for (int j = 0; j < Dimension; j++) centred[j] = row[j] - Mean[j];
            for (int k = 0; k < components; k++)
            {
                ReadOnlySpan<double> v = Components.Row(k);
                double s = 0;
                for (int j = 0; j < Dimension; j++) s += centred[j] * v[j];
                scores[r, k] = s;
            }
        }
        return scores;
    }

    /// <summary>
    /// The blog's spectral energy of a weight change: for ΔW with one row per hidden unit... in our layout a first-layer
    /// weight is inputs × outputs, so column i of ΔW is unit i's incoming weight change and
    /// E_k = Σ_i (ΔW_{:,i} · v_k)² = ‖ΔWᵀ v_k‖². Returns E_k for every k.
    /// </summary>
    public double[] EnergyPerComponent(Matrix weightChange)
    {
        ArgumentNullException.ThrowIfNull(weightChange);
        Guard.Equal(weightChange.Rows, Dimension, nameof(weightChange), "rows (it must be inputs × hidden units)");
        var energy = new double[Dimension];
        var projection = new double[weightChange.Cols];
        for (int k = 0; k < Dimension; k++)
        {
            Array.Clear(projection);
            ReadOnlySpan<double> v = Components.Row(k);
            for (int j = 0; j < Dimension; j++)
            {
                double vj = v[j];
                if (vj == 0) continue;
                ReadOnlySpan<double> w = weightChange.Row(j);
                for (int i = 0; i < projection.Length; i++) projection[i] += vj * w[i];
            }
            double e = 0;
            foreach (double p in projection) e += p * p;
            energy[k] = e;
        }
        return energy;
    }

    /// <summary>The blog's cumulative energy E_≤k = Σ_{l≤k} E_l / Σ_m E_m for a weight change (inputs × hidden units).</summary>
    public double[] CumulativeEnergy(Matrix weightChange)
    {
        double[] energy = EnergyPerComponent(weightChange);
        double total = energy.Sum();
        double running = 0;
        return energy.Select(e => total > 0 ? (running += e) / total : 0).ToArray();
    }
}
