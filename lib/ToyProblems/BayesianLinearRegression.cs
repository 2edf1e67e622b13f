using RegularizationLab.Data;
using RegularizationLab.Errors;
using RegularizationLab.Numerics;

namespace RegularizationLab.ToyProblems;

/// <summary>
/// Exact Bayesian inference for a model that is linear in its parameters, f(x) = h(x)ᵀβ (textbook §9.3.5, fig. 9.11:
/// the simplified network with its joints frozen is such a model). With Gaussian noise y = f(x) + N(0, σ²) and an
/// independent normal prior β_k ~ N(0, v_k), Bayes' rule (eq. 9.11) gives a normal posterior
///     A = HᵀH/σ² + Λ,  Λ = diag(1/v_k),    Σ = A⁻¹,    μ = Σ Hᵀy/σ²,
/// and the predictive distribution (eq. 9.12) at x is normal with mean h(x)ᵀμ and variance h(x)ᵀΣh(x) (+ σ² for a new
/// noisy observation). μ minimizes Σᵢ(yᵢ − hᵢᵀβ)² + σ² Σ_k β_k²/v_k: the MAP estimate is the ridge fit with λ = σ²/v.
/// A variance of +∞ means a flat prior on that coefficient (precision 0, not shrunk), as for the output bias.
/// </summary>
public sealed class BayesianLinearRegression
{
    private readonly double[,] _choleskyOfA;   // lower-triangular L with A = LLᵀ
    private readonly double[] _priorPrecision;

    private BayesianLinearRegression(double[] mean, double[,] cholesky, double[] priorPrecision, double noiseVariance,
        double logEvidence, double fitTerm)
    {
        LogEvidenceFitTerm = fitTerm;
        PosteriorMean = mean;
        _choleskyOfA = cholesky;
        _priorPrecision = priorPrecision;
        NoiseVariance = noiseVariance;
        LogEvidence = logEvidence;
    }

    /// <summary>μ: the posterior mean, which is also the MAP estimate (the posterior is normal).</summary>
    public double[] PosteriorMean { get; }

    public int ParameterCount => PosteriorMean.Length;

    public double NoiseVariance { get; }

    /// <summary>
    /// ln p(y | prior, σ²), the marginal likelihood (the denominator of eq. 9.11):
    ///     −(n/2) ln(2πσ²) − ½ Σ_k ln v_k − ½ ln|A| − ½ (‖y − Hμ‖²/σ² + Σ_k μ_k²/v_k).
    /// Coefficients with a flat prior (v = ∞) leave out their −½ ln v_k term, so the value is then defined up to a
    /// constant that does not depend on the other variances: differences between priors are exact.
    /// </summary>
    public double LogEvidence { get; }

    /// <summary>The data-fit part of <see cref="LogEvidence"/>, −½(‖y − Hμ‖²/σ² + Σ_k μ_k²/v_k); the rest,
    /// LogEvidence − LogEvidenceFitTerm, is the Occam factor −(n/2)ln(2πσ²) − ½ Σ_k ln v_k − ½ ln|A|, which penalizes a
    /// prior that spreads its mass over many functions the data rule out.</summary>
    public double LogEvidenceFitTerm { get; }

    /// <summary>True if some coefficient has a flat prior (then <see cref="LogEvidence"/> is relative).</summary>
    public bool HasFlatPrior => _priorPrecision.Any(p => p == 0);

    /// <summary>Σ = A⁻¹, the posterior covariance (a new array).</summary>
    public double[,] PosteriorCovariance()
    {
        int p = ParameterCount;
        var sigma = new double[p, p];
        var unit = new double[p];
        for (int j = 0; j < p; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            double[] column = SolveWithA(unit);
            for (int i = 0; i < p; i++) sigma[i, j] = column[i];
        }
        return sigma;
    }

    /// <summary>Posterior fit: features H (one row hᵢ per example), targets y, prior variances v_k (∞ = flat), noise σ².</summary>
    public static BayesianLinearRegression Fit(double[][] features, double[] targets, double[] priorVariances, double noiseVariance)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(priorVariances);
        Guard.NotEmpty(features, nameof(features));
        Guard.Equal(targets.Length, features.Length, nameof(targets), "entries (one per row of features)");
        Guard.AllFinite(targets, nameof(targets));
        Guard.Positive(noiseVariance, nameof(noiseVariance));
        Guard.Finite(noiseVariance, nameof(noiseVariance));
        int p = priorVariances.Length, n = features.Length;
        var precision = new double[p];
        for (int k = 0; k < p; k++)
        {
            double v = priorVariances[k];
            if (!(v > 0))
                throw new ArgumentOutOfRangeException(nameof(priorVariances), v,
                    $"priorVariances[{k}] must be > 0 (or +∞ for a flat prior); got {v}.");
            precision[k] = double.IsPositiveInfinity(v) ? 0 : 1 / v;
        }
        var a = new double[p, p];
        var rhs = new double[p];
        for (int i = 0; i < n; i++)
        {
            double[] h = features[i];
            if (h is null || h.Length != p)
                throw new ArgumentException($"features[{i}] must have {p} entries (one per prior variance); got {h?.Length.ToString() ?? "null"}.", nameof(features));
            Guard.AllFinite(h, $"features[{i}]");
            for (int r = 0; r < p; r++)
            {
                rhs[r] += h[r] * targets[i] / noiseVariance;
                for (int c = 0; c < p; c++) a[r, c] += h[r] * h[c] / noiseVariance;
            }
        }
        for (int k = 0; k < p; k++) a[k, k] += precision[k];
        double[,] l = Cholesky(a);
        double[] mean = LinearSolve.SolveWithCholesky(l, rhs);

        double residual = 0;
        for (int i = 0; i < n; i++) { double r = targets[i] - VectorMath.Dot(features[i], mean); residual += r * r; }
        double logDetA = 0, logPriorVariance = 0, penalty = 0;
        for (int k = 0; k < p; k++)
        {
            logDetA += 2 * Math.Log(l[k, k]);
            if (precision[k] > 0) logPriorVariance += Math.Log(1 / precision[k]);
            penalty += precision[k] * mean[k] * mean[k];
        }
        double fitTerm = -0.5 * (residual / noiseVariance + penalty);
        double logEvidence = -0.5 * n * Math.Log(2 * Math.PI * noiseVariance) - 0.5 * logPriorVariance - 0.5 * logDetA + fitTerm;
        return new BayesianLinearRegression(mean, l, precision, noiseVariance, logEvidence, fitTerm);
    }

    /// <summary>
    /// The textbook's fig. 9.11 model: the fixed-joint network's output layer (<see cref="FixedJointNetwork.Features"/>),
    /// prior N(0, σ_φ²) on each output weight and a flat prior on the output bias (which lecture 01's ridge fit does
    /// not penalize either), noise variance σ².
    /// </summary>
    public static BayesianLinearRegression FitFixedJoint(RegressionSample data, double priorVariance, double noiseVariance,
        int hiddenUnits = 14)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(hiddenUnits, nameof(hiddenUnits));
        Guard.AllFinite(data.X, "data.X");
        var features = data.X.Select(x => FixedJointNetwork.Features(x, hiddenUnits)).ToArray();
        var variances = new double[hiddenUnits + 1];
        variances[0] = double.PositiveInfinity;
        for (int k = 1; k <= hiddenUnits; k++) variances[k] = priorVariance;
        return Fit(features, data.Y, variances, noiseVariance);
    }

    /// <summary>Predictive mean h(x)ᵀμ and variance h(x)ᵀΣh(x) of f(x) (add <see cref="NoiseVariance"/> for a new y).</summary>
    public (double Mean, double Variance) Predict(double[] h)
    {
        ArgumentNullException.ThrowIfNull(h);
        Guard.Equal(h.Length, ParameterCount, nameof(h), "entries (one per parameter)");
        double[] u = LinearSolve.SolveLower(_choleskyOfA, h);            // hᵀΣh = hᵀ(LLᵀ)⁻¹h = ‖L⁻¹h‖²
        return (VectorMath.Dot(h, PosteriorMean), VectorMath.Dot(u, u));
    }

    /// <summary>One draw β = μ + L⁻ᵀz, z ~ N(0, I): its covariance is L⁻ᵀL⁻¹ = A⁻¹ = Σ.</summary>
    public double[] SampleParameters(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int p = ParameterCount;
        var z = new double[p];
        for (int k = 0; k < p; k++) z[k] = random.NextGaussian();
        double[] offset = LinearSolve.SolveUpperTransposed(_choleskyOfA, z);
        var beta = new double[p];
        for (int k = 0; k < p; k++) beta[k] = PosteriorMean[k] + offset[k];
        return beta;
    }

    private double[] SolveWithA(double[] b) => LinearSolve.SolveWithCholesky(_choleskyOfA, b);


    private static double[,] Cholesky(double[,] a)
    {
        if (!LinearSolve.TryCholesky(a, relativeTolerance: 0, out double[,] l, out _, out _))
            throw new ArgumentException(
                "The posterior precision HᵀH/σ² + Λ is not positive definite: with a flat prior on some coefficient the " +
                "data must determine it (e.g. at least one example whose feature for it is non-zero).", "priorVariances");
        return l;
    }
}
