namespace RegularizationLab.Lab.Homework.Analysis;

/// <summary>
/// What code written by a student may not use, whatever the part: the APIs that would let it reach outside its own
/// computation (reflection, files, processes, native code, the raw console streams, the runtime's configuration) and the
/// homework module itself (the checks, their reference answers, the grader's evaluation). Each rule says why, in words
/// a student can act on. Parts add their own rules (the library code that implements the part) in the solution
/// notebook's cell metadata, <c>lab_homework.forbidden</c>.
/// </summary>
public static class ForbiddenApis
{
    private const string Internals = "reading or changing the program's internals (reflection) is not allowed in homework code";
    private const string Outside = "homework code may not reach outside its own computation (files, processes, the network, native code)";

    /// <summary>Namespace or type prefixes (fully qualified, no "global::"), with the reason.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Why)> Everywhere =
    [
        ("System.Reflection", Internals),
        ("System.Runtime.CompilerServices.Unsafe", Internals),
        ("System.Runtime.CompilerServices.RuntimeHelpers", Internals),
        ("System.Runtime.Loader", Internals),
        ("System.Runtime.InteropServices", Outside),
        ("System.Linq.Expressions", Internals),
        ("System.Type.", Internals), // members of System.Type (typeof(T) itself is fine)
        ("System.Delegate.Method", Internals),
        ("System.Delegate.Target", Internals),
        ("System.Delegate.DynamicInvoke", Internals),
        ("System.Delegate.CreateDelegate", Internals),
        ("System.Activator", Internals),
        ("System.AppDomain", Internals),
        ("System.AppContext", Internals),
        ("System.GC", Internals),
        ("System.IO", Outside),
        ("System.Net", Outside),
        ("System.Diagnostics.Process", Outside),
        ("System.Diagnostics.Debugger", Internals),
        ("System.Threading.Thread", "starting threads is not needed in homework code and could outlive your cell"),
        ("System.Threading.ThreadPool", "starting background work is not needed in homework code and could outlive your cell"),
        ("System.Threading.Timer", "starting background work is not needed in homework code and could outlive your cell"),
        ("System.Environment.Exit", "ending the process is not allowed (the grader reports it as a crash)"),
        ("System.Environment.FailFast", "ending the process is not allowed (the grader reports it as a crash)"),
        ("System.Environment.SetEnvironmentVariable", Internals),
        ("System.Console.OpenStandard", "write with Console.WriteLine; the raw console streams belong to the grader"),
        ("System.Console.SetOut", "write with Console.WriteLine; the console streams belong to the grader"),
        ("System.Console.SetError", "write with Console.WriteLine; the console streams belong to the grader"),
        ("System.Console.SetIn", "the console streams belong to the grader"),
        ("System.Console.In", "homework code reads no input"),
        ("System.Console.Read", "homework code reads no input"),
        ("Microsoft.CodeAnalysis", Internals),
        ("Microsoft.DotNet.Interactive", Internals),
        ("Microsoft.Win32", Outside),
        ("RegularizationLab.Homework", "the homework module holds the checks and their reference answers; answer cells must not call it"),
    ];

    /// <summary>
    /// The homework module's types an answer is handed to work on (they hold no answer): allowed despite the rule on
    /// <c>RegularizationLab.Homework</c>. hw2's gradient check receives a <c>DropoutNetwork</c> to check.
    /// </summary>
    public static readonly IReadOnlyList<string> GivenToAnswers = ["RegularizationLab.Homework.DropoutNetwork"];

    /// <summary>The rule a fully qualified name breaks, or null. A prefix matches whole name segments only.</summary>
    public static string? Breaks(string name, IEnumerable<(string Prefix, string Why)> rules)
    {
        if (GivenToAnswers.Any(given => Matches(name, given))) return null;
        foreach (var (prefix, why) in rules)
            if (Matches(name, prefix) || (prefix is "System.Console.OpenStandard" or "System.Console.Read" && name.StartsWith(prefix, StringComparison.Ordinal)))
                return why;
        return null;
    }

    private static bool Matches(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal)
        && (prefix.EndsWith('.') || name.Length == prefix.Length || name[prefix.Length] is '.' or '<' or '`');
}
