using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Turns the kernel's events for one cell into nbformat outputs, in the order they happen, keeping each displayed
/// value's final state (as a saved notebook does): console text merges into the current stream output until a display
/// or the other stream interrupts it; <c>DisplayedValueUpdated</c> replaces the display it names.
/// </summary>
public sealed class CellOutputCollector
{
    private readonly Lock _gate = new();
    private readonly List<InteractiveDocumentOutputElement> _outputs = [];
    private readonly Dictionary<string, DisplayElement> _displays = [];
    private readonly HashSet<DisplayElement> _unclaimed = [];

    public void Add(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced output:
                AddText("stdout", PlainText(output));
                break;
            case StandardErrorValueProduced error:
                AddText("stderr", PlainText(error));
                break;
            case ReturnValueProduced value:
                var result = new ReturnValueElement();
                foreach (var (mime, text) in Bundle(value))
                    result.Data[mime] = text;
                lock (_gate) _outputs.Add(result);
                break;
            case DisplayedValueUpdated update:
                lock (_gate)
                {
                    if (Target(update.ValueId) is { } shown)
                    {
                        shown.Data.Clear();
                        foreach (var (mime, text) in Bundle(update))
                            shown.Data[mime] = text;
                    }
                }
                break;
            case DisplayedValueProduced display:
                lock (_gate)
                {
                    var element = new DisplayElement(Bundle(display));
                    _outputs.Add(element);
                    if (display.ValueId is { } id)
                        _displays[id] = element;
                    _unclaimed.Add(element);
                }
                break;
        }
    }

    /// <summary>
    /// The display an update refers to. The kernel's <c>display(x)</c> helper hands back a handle whose id differs
    /// from the id of the display it published, so an update with an id never seen goes to the oldest display of the
    /// cell that no update has claimed yet (for progress bars, the one display the cell made).
    /// </summary>
    private DisplayElement? Target(string? id)
    {
        if (id is null)
            return null;
        if (_displays.TryGetValue(id, out var known))
        {
            _unclaimed.Remove(known); // updated under its own id (e.g. the kernel's package-install message)
            return known;
        }
        var unclaimed = _outputs.OfType<DisplayElement>().FirstOrDefault(d => _unclaimed.Contains(d));
        if (unclaimed is null)
            return null;
        _unclaimed.Remove(unclaimed);
        _displays[id] = unclaimed;
        return unclaimed;
    }

    public void AddText(string streamName, string text)
    {
        if (text.Length == 0)
            return;
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is TextElement last && last.Name == streamName)
                _outputs[^1] = new TextElement(last.Text + text, streamName);
            else
                _outputs.Add(new TextElement(text, streamName));
        }
    }

    public void AddError(string name, string message, string[] trace)
    {
        lock (_gate) _outputs.Add(new ErrorElement(message, name, trace));
    }

    public IReadOnlyList<InteractiveDocumentOutputElement> Snapshot()
    {
        lock (_gate) return _outputs.Where(o => o is not DisplayElement d || d.Data.Count > 0).ToList();
    }

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? "";

    /// <summary>The kernel's MIME bundle for the value, exactly as the kernel formatted it.</summary>
    private static Dictionary<string, object> Bundle(DisplayEvent e) =>
        e.FormattedValues.Where(v => !v.SuppressDisplay).ToDictionary(v => v.MimeType, v => (object)v.Value);
}
