using System.Globalization;
using System.Text;

namespace RegularizationLab.Homework;

/// <summary>Short, culture-independent text for numbers and vectors in check messages.</summary>
public static class Show
{
    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+∞";
        if (double.IsNegativeInfinity(value)) return "−∞";
        return value.ToString("G6", CultureInfo.InvariantCulture);
    }

    /// <summary>"[0.5, −1, 2]"; long vectors show their first entries and their length.</summary>
    public static string Vector(IReadOnlyList<double>? values, int maxShown = 6)
    {
        if (values is null) return "null";
        var text = new StringBuilder("[");
        int shown = Math.Min(values.Count, maxShown);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(Number(values[i]));
        }
        if (values.Count > shown) text.Append($", … ({values.Count} values)");
        return text.Append(']').ToString();
    }

    public static string Error(double relativeError) =>
        relativeError.ToString("0.##e+0", CultureInfo.InvariantCulture);

    /// <summary>The exact bits of a vector, to tell whether a function changed it.</summary>
    public static string Fingerprint(IReadOnlyList<double> values) =>
        string.Join(",", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
