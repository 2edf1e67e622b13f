using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Formats values the way the C# kernel does, with its own formatting library
/// (Microsoft.DotNet.Interactive.Formatting): the MIME types the library prefers for the type, plus text/plain so
/// every output also has a readable text form.
/// </summary>
public static class ValueFormatter
{
    public static IReadOnlyDictionary<string, string> Format(object? value, params string[] mimeTypes)
    {
        var data = new Dictionary<string, string>();
        if (value is IHtmlContent html)
        {
            data["text/html"] = html.ToString() ?? "";
            return data;
        }

        var wanted = mimeTypes.Length > 0
            ? mimeTypes
            : value is null ? [PlainTextFormatter.MimeType] : Formatter.GetPreferredMimeTypesFor(value.GetType()).ToArray();
        foreach (var mime in wanted.Append(PlainTextFormatter.MimeType).Distinct())
        {
            // A chart has no useful plain-text form (the kernel shows only its HTML); say what it is instead.
            if (mime == PlainTextFormatter.MimeType && mimeTypes.Length == 0 && PlotlySupport.IsChart(value))
            {
                data[mime] = "Plotly chart (open the HTML page to see it)";
                continue;
            }
            data[mime] = Formatter.ToDisplayString(value, mime);
        }
        return data;
    }
}
