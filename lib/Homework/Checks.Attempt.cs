namespace RegularizationLab.Homework;

public static partial class Checks
{
    /// <summary>
    /// Calls the student's code for a demonstration cell and returns its value, or the default (null) with one friendly
    /// line when it is not implemented yet or throws — so an unfinished exercise still runs top to bottom.
    /// </summary>
    public static T? Attempt<T>(string what, Func<T> studentCode)
    {
        ArgumentNullException.ThrowIfNull(studentCode);
        try
        {
            return studentCode();
        }
        catch (NotImplementedException)
        {
            (Output ?? Console.Out).WriteLine($"… {what}: not implemented yet — this cell shows its results once your code above works.");
        }
        catch (Exception error)
        {
            string where = StudentCode.Locate(error) is { } line ? " at " + line : "";
            (Output ?? Console.Out).WriteLine($"✗ {what} threw {error.GetType().Name} “{error.Message}”{where}.");
        }
        return default;
    }
}
