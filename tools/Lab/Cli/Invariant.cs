using System.Globalization;

namespace RegularizationLab.Lab.Cli;

/// <summary>Culture-independent formatting for console messages (a decimal point, whatever the machine's locale).</summary>
internal static class Invariant
{
    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
