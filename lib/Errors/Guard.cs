namespace RegularizationLab.Errors;

/// <summary>
/// Argument checks shared by the whole library. Every message names the argument, the value it got,
/// and what is allowed, so a student reading the exception in a notebook knows what to change.
/// </summary>
public static partial class Guard
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive integer; got {value}.");
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number; got {value}.");
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0; got {value}.");
    }

    public static void NonNegative(int value, string name)
    {
        if (value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 0; got {value}.");
    }

    /// <summary>Checks lower ≤ value &lt; upper (half-open), the range of a dropout probability.</summary>
    public static void InHalfOpenRange(double value, double lower, double upper, string name)
    {
        if (!(value >= lower && value < upper))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{lower}, {upper}); got {value}.");
    }

    /// <summary>Checks lower ≤ value ≤ upper.</summary>
    public static void InRange(double value, double lower, double upper, string name)
    {
        if (!(value >= lower && value <= upper))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{lower}, {upper}]; got {value}.");
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{name} must be a finite number; got {value}.", name);
    }

    /// <summary>Rejects NaN or ±∞ anywhere in <paramref name="values"/>, naming the first bad index.</summary>
    public static void AllFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(
                    $"{name} must contain only finite numbers; element {i} is {values[i]}. " +
                    "Check the data for missing values or a division by zero.", name);
        }
    }

    public static void NotEmpty<T>(IReadOnlyCollection<T> values, string name)
    {
        if (values.Count == 0)
            throw new ArgumentException($"{name} must not be empty; got 0 elements.", name);
    }

    public static void Equal(int actual, int expected, string name, string what)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has {actual} {what}, but {expected} are required.", name);
    }
}
