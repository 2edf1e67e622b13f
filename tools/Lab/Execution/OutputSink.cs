namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Collects the outputs of the cell that is running, in the order they happen: console text is merged into the
/// current stream output (as Jupyter does) until a display or a write to the other stream interrupts it.
/// </summary>
public sealed class OutputSink
{
    private readonly Lock _gate = new();

    public List<CellOutput> Outputs { get; } = [];

    public void Write(string streamName, string text)
    {
        if (text.Length == 0)
            return;
        lock (_gate)
        {
            var last = Outputs.Count > 0 ? Outputs[^1] : null;
            if (last is not { Kind: OutputKind.Stream } || last.StreamName != streamName)
            {
                last = CellOutput.Stream(streamName);
                Outputs.Add(last);
            }
            last.Append(text);
        }
    }

    public CellOutput Add(CellOutput output)
    {
        lock (_gate) Outputs.Add(output);
        return output;
    }

    public IReadOnlyList<CellOutput> Snapshot()
    {
        lock (_gate) return Outputs.ToList();
    }
}
