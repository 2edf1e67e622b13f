using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.Data;

/// <summary>
/// The textbook's "simplified" shallow network (figures 8.4 and 9.2): the first layer is frozen so that hidden unit k
/// is a ReLU with its joint at c_k = k/H, h_k(x) = max(0, x − c_k), k = 0 … H−1, which cuts [0, 1] into H linear
/// regions (H = 14 in the figures); only the output layer f(x) = β₀ + Σ_{k=0}^{H−1} β_{k+1} h_k(x) is learned
/// (β₀ the bias, β_{k+1} the outgoing weight of unit k: the code's Coefficients[1 + k], as in the notebooks).
/// Because f is linear in β, L2-regularized least squares has a closed form, the ridge normal equations
///     (HᵀH + λD) β = Hᵀy,  D = diag(0, 1, …, 1)  (the output bias β₀ is not penalized),
/// which minimize Σ_i (f(x_i) − y_i)² + λ Σ_{k=0}^{H−1} β_{k+1}². So figure 9.2's λ sweep is exact, with no optimizer in
/// the way.
/// </summary>
public sealed class FixedJointNetwork
{
    private FixedJointNetwork(int hiddenUnits, double[] coefficients)
    {
        HiddenUnits = hiddenUnits;
        Coefficients = coefficients;
    }

    public int HiddenUnits { get; }

    /// <summary>β₀ (output bias) followed by the H output weights β₁ … β_H (β_{k+1} belongs to unit k).</summary>
    public double[] Coefficients { get; }

    /// <summary>Hidden activations [1, h_0(x), …, h_{H−1}(x)] (the leading 1 multiplies the bias).</summary>
    public static double[] Features(double x, int hiddenUnits)
    {
        var h = new double[hiddenUnits + 1];
        h[0] = 1;
        for (int k = 0; k < hiddenUnits; k++) h[k + 1] = Math.Max(0, x - (double)k / hiddenUnits);
        return h;
    }

    /// <summary>Fits the output layer by L2-regularized least squares (λ ≥ 0; λ = 0 is plain least squares).</summary>
    public static FixedJointNetwork Fit(RegressionSample data, double lambda, int hiddenUnits = 14)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.NotEmpty(data.X, "data.X");
        Guard.Equal(data.Y.Length, data.X.Length, "data.Y", "entries (one per input)");
        Guard.AllFinite(data.X, "data.X");
        Guard.AllFinite(data.Y, "data.Y");
        Guard.NonNegative(lambda, nameof(lambda));
        Guard.Positive(hiddenUnits, nameof(hiddenUnits));
        int p = hiddenUnits + 1;
        var normal = new double[p, p];
        var rhs = new double[p];
        for (int i = 0; i < data.Count; i++)
        {
            double[] h = Features(data.X[i], hiddenUnits);
            for (int a = 0; a < p; a++)
            {
                rhs[a] += h[a] * data.Y[i];
                for (int b = 0; b < p; b++) normal[a, b] += h[a] * h[b];
            }
        }
        for (int k = 1; k < p; k++) normal[k, k] += lambda;
        return new FixedJointNetwork(hiddenUnits, LinearSolve.SymmetricPositiveDefinite(normal, rhs));
    }

    /// <summary>f(x) = β₀ + Σ_{k=0}^{H−1} β_{k+1} max(0, x − k/H).</summary>
    public double Predict(double x)
    {
        double[] h = Features(x, HiddenUnits);
        double f = 0;
        for (int k = 0; k < h.Length; k++) f += Coefficients[k] * h[k];
        return f;
    }

    public double[] Predict(IEnumerable<double> xs) => xs.Select(Predict).ToArray();

    /// <summary>Sum of squared errors Σ_i (f(x_i) − y_i)² on <paramref name="data"/>.</summary>
    public double SumSquaredError(RegressionSample data)
    {
        double sum = 0;
        for (int i = 0; i < data.Count; i++) { double r = Predict(data.X[i]) - data.Y[i]; sum += r * r; }
        return sum;
    }
}
