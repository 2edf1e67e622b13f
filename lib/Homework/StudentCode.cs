using System.Diagnostics;
using System.Reflection;

namespace RegularizationLab.Homework;

/// <summary>
/// Finds where in the student's own code an exception happened, so the message can say
/// "line 4 of your cell, in SoftThreshold" rather than dumping a stack trace.
/// </summary>
public static class StudentCode
{
    /// <summary>
    /// The first stack frame (innermost first) that belongs to the student's code: a script submission
    /// (assembly name starting with "ℛ*", type "Submission#N") or, outside a notebook, any assembly that is
    /// neither this library nor part of .NET itself. Null when no such frame exists.
    /// </summary>
    public static string? Locate(Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        StackFrame? fallback = null;
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            var assembly = method?.DeclaringType?.Assembly;
            if (method is null || assembly is null) continue;
            if (IsScriptSubmission(method, assembly)) return Describe(frame, method);
            if (fallback is null && !IsFrameworkOrLibrary(assembly)) fallback = frame;
        }
        return fallback is null ? null : Describe(fallback, fallback.GetMethod()!);
    }

    private static bool IsScriptSubmission(MethodBase method, Assembly assembly)
    {
        string assemblyName = assembly.GetName().Name ?? "";
        string typeName = method.DeclaringType?.FullName ?? "";
        return assemblyName.StartsWith("ℛ", StringComparison.Ordinal) || typeName.StartsWith("Submission#", StringComparison.Ordinal);
    }

    private static bool IsFrameworkOrLibrary(Assembly assembly)
    {
        if (assembly == typeof(StudentCode).Assembly) return true;
        string name = assembly.GetName().Name ?? "";
        return name.StartsWith("System", StringComparison.Ordinal)
            || name.StartsWith("Microsoft", StringComparison.Ordinal)
            || name.StartsWith("xunit", StringComparison.Ordinal)
            || name == "mscorlib" || name == "netstandard";
    }

    private static string Describe(StackFrame frame, MethodBase method)
    {
        string where = "in " + ReadableName(method);
        int line = frame.GetFileLineNumber();
        return line > 0 ? $"line {line} of your code, {where}" : where;
    }

    /// <summary>Turns compiler names such as "&lt;Main&gt;g__SoftThreshold|0_0" into "SoftThreshold".</summary>
    public static string ReadableName(MethodBase method)
    {
        string name = method.Name;
        int localStart = name.IndexOf("g__", StringComparison.Ordinal);
        if (localStart >= 0)
        {
            name = name[(localStart + 3)..];
            int bar = name.IndexOf('|');
            if (bar >= 0) name = name[..bar];
        }
        else if (name.StartsWith('<'))
        {
            name = "a lambda";
        }
        return name;
    }
}
