using RegularizationLab.Errors;
using RegularizationLab.Numerics;
using RegularizationLab.Regularizers;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// Binary logistic regression with an elastic-net penalty, solved to high accuracy by accelerated proximal gradient
/// descent (FISTA with backtracking). The objective, in the course's "mean loss + penalty" convention, is
///     F(w, b) = (1/N) Σᵢ log(1 + exp(−sᵢ (wᵀxᵢ + b)))  +  (λ₂/2) ‖w‖²  +  λ₁ ‖w‖₁,      sᵢ = ±1,
/// with the bias b not penalized. The smooth part g (mean log-loss + L2 term) takes a gradient step; the L1 term is
/// handled exactly by its proximal operator, soft thresholding, which is why the solution contains exact zeros:
///     w ← S_{ηλ₁}(w − η∇g(w)),   S_t(v) = sign(v)·max(|v| − t, 0).
/// It is the course's reference solution against which a library such as ML.NET is cross-checked.
/// </summary>
public static class SparseLogisticRegression
{
    /// <summary>
    /// Fits w and b. <paramref name="features"/> is N × d (one example per row), <paramref name="labels"/> are 0/1.
    /// Iterates until the proximal-gradient step moves the parameters by less than <paramref name="tolerance"/>
    /// (max-norm, scaled by the step) or <paramref name="maxIterations"/> is reached.
    /// </summary>
    public static SparseLogisticFit Fit(Matrix features, int[] labels, double l1, double l2,
        double tolerance = 1e-10, int maxIterations = 20000)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.Equal(labels.Length, features.Rows, nameof(labels), "labels (one per row of features)");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] is not (0 or 1))
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    $"labels[{i}] = {labels[i]}; binary logistic regression needs labels 0 or 1.");
        Guard.AllFinite(features.Data, nameof(features));
        Guard.NonNegative(l1, nameof(l1));
        Guard.NonNegative(l2, nameof(l2));
        Guard.Positive(tolerance, nameof(tolerance));
        Guard.Positive(maxIterations, nameof(maxIterations));

        int d = features.Cols;
        // θ = (w₁ … w_d, b): the bias is the last entry and is never thresholded or decayed.
        var theta = new double[d + 1];
        var previous = new double[d + 1];
        var y = new double[d + 1];          // FISTA's extrapolated point
        var gradient = new double[d + 1];
        var candidate = new double[d + 1];
        double step = 1.0, momentum = 1.0;
        int iteration = 0;
        bool converged = false;
        while (iteration < maxIterations)
        {
            iteration++;
            double gy = SmoothValueAndGradient(features, labels, y, l2, gradient);
            // Backtracking: shrink η until g(θ⁺) ≤ g(y) + ∇g·(θ⁺ − y) + ‖θ⁺ − y‖²/(2η) (the quadratic upper bound).
            while (true)
            {
                for (int j = 0; j < d; j++) candidate[j] = SoftThresholding.Apply(y[j] - step * gradient[j], step * l1);
                candidate[d] = y[d] - step * gradient[d];
                double linear = 0, squared = 0;
                for (int j = 0; j <= d; j++)
                {
                    double delta = candidate[j] - y[j];
                    linear += gradient[j] * delta;
                    squared += delta * delta;
                }
                double gCandidate = SmoothValue(features, labels, candidate, l2);
                if (gCandidate <= gy + linear + squared / (2 * step) + 1e-15 * Math.Abs(gy)) break;
                step *= 0.5;
            }
            double move = 0;
            for (int j = 0; j <= d; j++) move = Math.Max(move, Math.Abs(candidate[j] - theta[j]));
            Array.Copy(theta, previous, d + 1);
            Array.Copy(candidate, theta, d + 1);
            // Nesterov momentum: t⁺ = (1 + √(1 + 4t²))/2, y = θ + ((t − 1)/t⁺)(θ − θ_prev).
            double nextMomentum = (1 + Math.Sqrt(1 + 4 * momentum * momentum)) / 2;
            double beta = (momentum - 1) / nextMomentum;
            // Restart the momentum when the objective goes up (adaptive restart keeps FISTA monotone enough).
            if (Objective(features, labels, theta, l1, l2) > Objective(features, labels, previous, l1, l2))
            {
                nextMomentum = 1;
                beta = 0;
            }
            for (int j = 0; j <= d; j++) y[j] = theta[j] + beta * (theta[j] - previous[j]);
            momentum = nextMomentum;
            if (move / step < tolerance && iteration > 1) { converged = true; break; }
            step *= 1.25;   // let the step grow again: the local curvature shrinks near the optimum
        }
        var weights = theta[..d];
        return new SparseLogisticFit(weights, theta[d], l1, l2, iteration, converged,
            Objective(features, labels, theta, l1, l2), MaxOptimalityViolation(features, labels, theta, l1, l2));
    }

    /// <summary>F(w, b) for θ = (w, b), as in the class summary.</summary>
    public static double Objective(Matrix features, int[] labels, double[] theta, double l1, double l2)
    {
        CheckParameters(features, labels, theta);
        double value = SmoothValue(features, labels, theta, l2);
        for (int j = 0; j < features.Cols; j++) value += l1 * Math.Abs(theta[j]);
        return value;
    }

    /// <summary>
    /// The largest violation of the optimality (KKT) conditions of F at θ = (w, b): with G = ∇g,
    ///   w_j ≠ 0:  G_j + λ₁ sign(w_j) = 0;     w_j = 0:  |G_j| ≤ λ₁;     bias: G_b = 0.
    /// Zero means θ is the exact minimizer (F is convex).
    /// </summary>
    public static double MaxOptimalityViolation(Matrix features, int[] labels, double[] theta, double l1, double l2)
    {
        CheckParameters(features, labels, theta);
        Guard.NonNegative(l1, nameof(l1));   // a negative λ₁ is no penalty (and the soft threshold below needs λ₁ ≥ 0)
        int d = features.Cols;
        var gradient = new double[d + 1];
        SmoothValueAndGradient(features, labels, theta, l2, gradient);
        double worst = Math.Abs(gradient[d]);
        for (int j = 0; j < d; j++)
        {
            double violation = theta[j] != 0
                ? Math.Abs(gradient[j] + l1 * Math.Sign(theta[j]))
                : Math.Abs(SoftThresholding.Apply(gradient[j], l1));   // distance of 0 from G_j + λ₁[−1, 1]: max(|G_j| − λ₁, 0)
            worst = Math.Max(worst, violation);
        }
        return worst;
    }

    // θ = (w₁ … w_d, b): one weight per feature column, then the bias.
    private static void CheckParameters(Matrix features, int[] labels, double[] theta)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(theta);
        Guard.Equal(labels.Length, features.Rows, nameof(labels), "labels (one per row of features)");
        Guard.Equal(theta.Length, features.Cols + 1, nameof(theta), "entries (one weight per feature, then the bias)");
    }

    // g(θ) = (1/N) Σ log(1 + e^{−s z}) + (λ₂/2)‖w‖², z = wᵀx + b. The gradient pass computes the same sums in the
    // same order, so its value is bit-identical; the discarded gradient is d + 1 numbers.
    private static double SmoothValue(Matrix x, int[] labels, double[] theta, double l2) =>
        SmoothValueAndGradient(x, labels, theta, l2, new double[x.Cols + 1]);

    // ∇g: ∂/∂w = (1/N) Σ (σ(z) − y) x + λ₂ w, ∂/∂b = (1/N) Σ (σ(z) − y).
    private static double SmoothValueAndGradient(Matrix x, int[] labels, double[] theta, double l2, double[] gradient)
    {
        int n = x.Rows, d = x.Cols;
        Array.Clear(gradient);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            double z = theta[d];
            for (int j = 0; j < d; j++) z += theta[j] * row[j];
            sum += LogOnePlusExp(labels[i] == 1 ? -z : z);
            double residual = Sigmoid(z) - labels[i];
            for (int j = 0; j < d; j++) gradient[j] += residual * row[j];
            gradient[d] += residual;
        }
        double norm = 0;
        for (int j = 0; j <= d; j++) gradient[j] /= n;
        for (int j = 0; j < d; j++)
        {
            gradient[j] += l2 * theta[j];
            norm += theta[j] * theta[j];
        }
        return sum / n + 0.5 * l2 * norm;
    }

    // log(1 + e^u) without overflow.
    private static double LogOnePlusExp(double u) => u > 0 ? u + Math.Log(1 + Math.Exp(-u)) : Math.Log(1 + Math.Exp(u));

    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}

/// <summary>The result of <see cref="SparseLogisticRegression.Fit"/>: weights, bias, the penalties used, how the solver
/// finished, the objective value, and the largest violation of the optimality conditions (≈ 0 at the exact minimum).</summary>
public sealed record SparseLogisticFit(double[] Weights, double Bias, double L1, double L2, int Iterations,
    bool Converged, double Objective, double OptimalityViolation)
{
    /// <summary>How many weights are exactly zero.</summary>
    public int ZeroCount => Weights.Count(w => w == 0);

    /// <summary>The predicted probability σ(wᵀx + b) of class 1 for one example.</summary>
    public double Probability(ReadOnlySpan<double> x)
    {
        Guard.Equal(x.Length, Weights.Length, nameof(x), "features");
        double z = Bias;
        for (int j = 0; j < x.Length; j++) z += Weights[j] * x[j];
        return SparseLogisticRegression.Sigmoid(z);
    }
}
