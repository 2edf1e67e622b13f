using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>Checks for homework 2: the variance of a dropout unit, its Monte Carlo confirmation, and MC-dropout averaging.</summary>
public static partial class Checks
{
    private sealed record VarianceInput(double Mean, double Variance, double P);

    /// <summary>
    /// The variance of d = a·m/(1 − p) with a independent of m ~ Bernoulli(1 − p), E[a] = μ, Var[a] = σ²:
    /// E[d] = μ and E[d²] = (μ² + σ²)(1 − p)/(1 − p)², so Var[d] = (μ² + σ²)/(1 − p) − μ² = (σ² + p·μ²)/(1 − p).
    /// </summary>
    internal static double DropoutOutputVariance(double mean, double variance, double p)
    {
        Errors.Guard.NonNegative(variance, nameof(variance));
        Errors.Guard.InHalfOpenRange(p, 0, 1, nameof(p));
        return (variance + p * mean * mean) / (1 - p);
    }

    /// <summary>Checks the student's <c>DropoutVariance(μ, σ², p)</c> against (σ² + p·μ²)/(1 − p).</summary>
    public static CheckResult DropoutVariance(Func<double, double, double, double> dropoutVariance, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var cases = new List<CheckCase<VarianceInput>>
        {
            Case(new VarianceInput(0, 1, 0)),       // p = 0: no dropout, the variance is σ²
            Case(new VarianceInput(0, 1, 0.5)),     // μ = 0: σ²/(1 − p)
            Case(new VarianceInput(2, 0, 0.5)),     // σ = 0: a constant input still varies, μ²·p/(1 − p)
            Case(new VarianceInput(-1, 0.25, 0.1)),
            Case(new VarianceInput(3, 2, 0.9)),
        };
        var rng = new Random(options.Seed);
        for (int i = 0; i < options.RandomCases; i++)
            cases.Add(Case(new VarianceInput(rng.NextGaussian() * 3, rng.NextDouble() * 4, rng.NextDouble() * 0.95)));

        var check = new FunctionCheck<VarianceInput, double>
        {
            Name = "dropout_variance",
            Call = input => $"DropoutVariance(μ = {Show.Number(input.Mean)}, σ² = {Show.Number(input.Variance)}, p = {Show.Number(input.P)})",
            Reference = input => DropoutOutputVariance(input.Mean, input.Variance, input.P),
            Cases = cases,
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Verified = "p = 0, μ = 0 and σ = 0",
            Hint = "compute E[d²] − (E[d])² for d = a·m/(1 − p): E[m] = E[m²] = 1 − p, and a is independent of m.",
            Diagnose = (input, expected, got) =>
                Near(got, input.Variance / (1 - input.P)) && input.Mean != 0 ? "you left out the mean's term p·μ²/(1 − p): even a constant input varies when it is dropped."
                : Near(got, input.Variance * input.P / (1 - input.P)) ? "that is only the extra variance σ²·p/(1 − p) (for μ = 0): the total adds σ²."
                : Near(got, (input.Variance + input.Mean * input.Mean) / (1 - input.P)) ? "that is E[d²]; the variance subtracts (E[d])² = μ²."
                : Near(got, (input.Variance + input.P * input.Mean * input.Mean) * (1 - input.P)) ? "divide by (1 − p), do not multiply."
                : null,
        };
        return Report(check.Run(input => dropoutVariance(input.Mean, input.Variance, input.P), options));

        static CheckCase<VarianceInput> Case(VarianceInput input) =>
            new(input, 3);
    }

    /// <summary>
    /// Monte Carlo test of a variance formula: draws a ~ N(μ, σ²), passes it through the library's Dropout layer
    /// (N samples, seeded), and accepts the formula if it lies within 4 standard errors of the sample variance.
    /// The standard error of a sample variance is √((m₄ − s⁴)/N), with m₄ the sample fourth central moment.
    /// </summary>
    public static CheckResult DropoutVarianceMonteCarlo(
        Func<double, double, double, double> dropoutVariance, double mean, double variance, double p,
        int samples = 200_000, int seed = 7, CheckOptions? options = null)
    {
        options ??= CheckOptions.Public;
        var rng = new Random(seed);
        var a = new Matrix(samples, 1);
        for (int i = 0; i < samples; i++) a.Data[i] = rng.NextGaussian(mean, Math.Sqrt(variance));
        var d = new Dropout(p, new Random(seed + 1)).Forward(a, training: true);
        double sampleMean = d.Data.Average();
        double m2 = d.Data.Average(v => (v - sampleMean) * (v - sampleMean));
        double m4 = d.Data.Average(v => Math.Pow(v - sampleMean, 4));
        double standardError = Math.Sqrt((m4 - m2 * m2) / samples);
        var tolerance = new Tolerance(0, 4 * standardError);

        var check = new FunctionCheck<int, double>
        {
            Name = "dropout_variance_monte_carlo",
            Call = _ => $"DropoutVariance(μ = {Show.Number(mean)}, σ² = {Show.Number(variance)}, p = {Show.Number(p)}) against {samples:N0} samples",
            Reference = _ => m2,
            Cases = [new CheckCase<int>(0, 0)],
            Compare = (_, sampled, got) => tolerance.Accepts(sampled, got) ? null
                : new Mismatch($"≈ {Show.Number(sampled)} (the sample variance)", Show.Number(got),
                    $"|Δ| = {Show.Number(Math.Abs(got - sampled))} > 4 standard errors = {Show.Number(4 * standardError)}"),
            Tolerance = tolerance,
            Verified = $"sample variance {Show.Number(m2)} vs your formula within 4 standard errors (4 SE = {Show.Number(4 * standardError)})",
            Hint = "the simulation disagrees with your formula: recheck E[d²] − (E[d])² term by term.",
        };
        var result = check.Run(_ => dropoutVariance(mean, variance, p), options with { RandomCases = 0 });
        // The passing line of a one-case check reads better without "1 cases incl.".
        if (result.Passed)
            result = result with { Message = $"✓ {result.Name} [{(options.Kind == CheckKind.Public ? "public check" : "hidden test")}]: {samples:N0} samples, {check.Verified}" };
        return Report(result);
    }
}
