using RegularizationLab.Errors;
using RegularizationLab.Layers;
using RegularizationLab.Numerics;

namespace RegularizationLab.Diagnostics;

/// <summary>
/// Derivatives of a one-input, one-output regression network f: ℝ → ℝ with respect to its input, for the
/// input-noise ≈ derivative-penalty argument (Bishop, 1995). f′ comes from one backward pass seeded with 1 (exact);
/// f″ is the central difference of f′ with step <c>h</c> (error O(h²)).
/// </summary>
public static class InputSlopes
{
    /// <summary>f(x) and f′(x) at each of <paramref name="xs"/>.</summary>
    public static (double[] Values, double[] Slopes) ValuesAndSlopes(Sequential network, double[] xs)
    {
        Check(network, xs);
        var input = new Matrix(xs.Length, 1, (double[])xs.Clone());
        double[] values = network.Forward(input, training: false).Data.ToArray();
        Matrix slopes = network.Backward(Matrix.Filled(xs.Length, 1, 1.0));
        return (values, slopes.Data.ToArray());
    }

    /// <summary>f″(x) ≈ (f′(x + h) − f′(x − h)) / 2h at each of <paramref name="xs"/>.</summary>
    public static double[] Curvatures(Sequential network, double[] xs, double h = 1e-4)
    {
        Check(network, xs);
        Guard.Positive(h, nameof(h));
        double[] plus = ValuesAndSlopes(network, xs.Select(x => x + h).ToArray()).Slopes;
        double[] minus = ValuesAndSlopes(network, xs.Select(x => x - h).ToArray()).Slopes;
        return plus.Select((p, i) => (p - minus[i]) / (2 * h)).ToArray();
    }

    /// <summary>The mean of f′(x)² over <paramref name="xs"/>: how steep the function is on average.</summary>
    public static double MeanSquaredSlope(Sequential network, double[] xs) =>
        ValuesAndSlopes(network, xs).Slopes.Average(s => s * s);

    private static void Check(Sequential network, double[] xs)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(xs);
        Guard.NotEmpty(xs, nameof(xs));
        Guard.AllFinite(xs, nameof(xs));
        if (network.InputWidth != 1 || network.OutputWidth != 1)
            throw new ArgumentException(
                $"network must map one input to one output; it maps {network.InputWidth} to {network.OutputWidth}.", nameof(network));
    }
}
