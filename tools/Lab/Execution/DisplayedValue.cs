namespace RegularizationLab.Lab.Execution;

/// <summary>
/// What <c>display(x)</c> returns, as in the kernel: <see cref="Update"/> replaces the shown value in place (the
/// executed notebook keeps the final state, like a saved notebook).
/// </summary>
public sealed class DisplayedValue
{
    private readonly CellOutput _output;
    private readonly string[] _mimeTypes;

    internal DisplayedValue(CellOutput output, string[] mimeTypes)
    {
        _output = output;
        _mimeTypes = mimeTypes;
        DisplayId = Guid.NewGuid().ToString("N");
    }

    public string DisplayId { get; }

    public void Update(object? updatedValue) => _output.Replace(ValueFormatter.Format(updatedValue, _mimeTypes));
}
