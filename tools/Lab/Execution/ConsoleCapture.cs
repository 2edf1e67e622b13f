using System.Text;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> to the cell that is running. The target is held in
/// an <see cref="AsyncLocal{T}"/>, so notebooks run side by side in one process (as tests do) never mix their output,
/// and threads or tasks started by a cell still write into that cell.
/// </summary>
public static class ConsoleCapture
{
    private static readonly AsyncLocal<OutputSink?> Current = new();
    private static readonly Lock Gate = new();
    private static TextWriter? _originalOut;
    private static TextWriter? _originalError;

    /// <summary>The process's real standard output, for the tool's own messages.</summary>
    public static TextWriter OriginalOut => _originalOut ?? Console.Out;

    public static TextWriter OriginalError => _originalError ?? Console.Error;

    public static void Install()
    {
        lock (Gate)
        {
            if (_originalOut is not null)
                return;
            _originalOut = Console.Out;
            _originalError = Console.Error;
            Console.SetOut(new RoutingWriter("stdout", _originalOut));
            Console.SetError(new RoutingWriter("stderr", _originalError));
        }
    }

    /// <summary>Sends console output of the current async flow to <paramref name="sink"/> until disposed.</summary>
    public static IDisposable RedirectTo(OutputSink sink)
    {
        Install();
        var previous = Current.Value;
        Current.Value = sink;
        return new Restore(previous);
    }

    private sealed class Restore(OutputSink? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    private sealed class RoutingWriter(string streamName, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (value is null)
                return;
            if (Current.Value is { } sink)
                sink.Write(streamName, value);
            else
                fallback.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (Current.Value is null)
                fallback.Flush();
        }
    }
}
