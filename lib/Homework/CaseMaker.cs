using RegularizationLab.Numerics;

namespace RegularizationLab.Homework;

/// <summary>Seeded random inputs for checks: vectors whose entries span several orders of magnitude.</summary>
internal static class CaseMaker
{
    /// <summary>A vector of the given length, entries N(0, scale²) with scale drawn from {1e-3, 1, 10, 1e3}.</summary>
    public static double[] Vector(Random rng, int length)
    {
        double scale = Scales[rng.Next(Scales.Length)];
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = scale * rng.NextGaussian();
        return values;
    }

    private static readonly double[] Scales = [1e-3, 1, 10, 1e3];

    /// <summary>
    /// The size used to pick the smallest failing input: how many numbers it holds. Ties go to the earlier case,
    /// and the hand-picked edge cases (round numbers) come first.
    /// </summary>
    public static double Size(double[] values, params double[] scalars) => values.Length + scalars.Length;

    public static double[] Copy(double[] values) => (double[])values.Clone();

    public static Matrix Copy(Matrix values) => values.Clone();
}
