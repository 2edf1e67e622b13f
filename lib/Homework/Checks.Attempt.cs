namespace RegularizationLab.Homework;

public static partial class Checks
{
    /// <summary>
    /// Calls the student's code for a demonstration cell and returns its value, or the default (null) with one friendly
    /// line when it is not implemented yet or throws — so an unfinished exercise still runs top to bottom.
    /// </summary>
    /// <remarks>
    /// The code runs on its own thread with a time limit (default 20 s), like a check, so an infinite loop in the
    /// student's function is reported instead of hanging the notebook (the runaway thread spins until the kernel restarts).
    /// </remarks>
    public static T? Attempt<T>(string what, Func<T> studentCode, TimeSpan? timeLimit = null)
    {
        ArgumentNullException.ThrowIfNull(studentCode);
        var limit = timeLimit ?? TimeSpan.FromSeconds(20);
        T? value = default;
        Exception? error = null;
        var worker = new Thread(() =>
        {
            try { value = studentCode(); }
            catch (Exception e) { error = e; }
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = "attempt " + what };
        worker.Start();
        var output = Output ?? Console.Out;
        if (!worker.Join(limit))
        {
            output.WriteLine($"✗ {what} did not finish within {limit.TotalSeconds:0.#} s: look for a loop that never ends " +
                             "(it keeps running in the background until you restart the kernel).");
            return default;
        }
        switch (error)
        {
            case null:
                return value;
            case NotImplementedException:
                output.WriteLine($"… {what}: not implemented yet — this cell shows its results once your code above works.");
                break;
            default:
                string where = StudentCode.Locate(error) is { } line ? " at " + line : "";
                output.WriteLine($"✗ {what} threw {error.GetType().Name} “{error.Message}”{where}.");
                break;
        }
        return default;
    }
}
