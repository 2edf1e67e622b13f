namespace RegularizationLab.Lab.Cli;

/// <summary>
/// One verb of the tool (<c>lab run</c>, <c>lab render</c>, …). Each verb lives in its own file under Verbs/;
/// the tool finds every public implementation with a parameterless constructor, so adding a verb touches no other file.
/// </summary>
public interface IVerb
{
    /// <summary>The word typed after <c>lab</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>lab help</c>.</summary>
    string Summary { get; }

    /// <summary>Usage text: arguments and options.</summary>
    string Usage { get; }

    /// <summary>Hidden verbs (internal protocol) are not listed by <c>lab help</c>.</summary>
    bool Hidden => false;

    Task<int> RunAsync(IReadOnlyList<string> args);
}
