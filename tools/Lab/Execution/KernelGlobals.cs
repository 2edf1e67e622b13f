using Microsoft.AspNetCore.Html;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// The members a notebook can call unqualified, as the kernel's <c>using static Microsoft.DotNet.Interactive.Kernel</c>
/// provides them. An instance is the globals object of one notebook session. The lower-case names are the kernel's.
/// </summary>
public class KernelGlobals
{
    private OutputSink _sink = new();

    internal void AttachTo(OutputSink sink) => _sink = sink;

    /// <summary>Shows a value below the cell now; the returned handle can replace it later.</summary>
    public DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var output = _sink.Add(CellOutput.Display(ValueFormatter.Format(value, mimeTypes)));
        return new DisplayedValue(output, mimeTypes);
    }

    /// <summary>Marks a string as HTML to be shown as is.</summary>
    public IHtmlContent HTML(string content) => new HtmlString(content);
}
