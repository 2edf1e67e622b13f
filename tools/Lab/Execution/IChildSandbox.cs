using System.Diagnostics;

namespace RegularizationLab.Lab.Execution;

/// <summary>
/// A hook around the child process of <see cref="IsolatedNotebookRunner"/> (used by <c>lab grade</c>): it rewrites the
/// child's start (to run it inside an isolation tool), names the one folder the child may write its result into, and
/// supplies the child's standard input (the notebook itself, so that it never lies on a disk the child can read).
/// The runner knows nothing else about it, so the notebook host inside the child can be swapped freely.
/// </summary>
public interface IChildSandbox
{
    /// <summary>A folder the child sees at the same path and may write: its result file goes there.</summary>
    string ExchangeFolder { get; }

    /// <summary>Rewrites the start information in place (e.g. prefixes the isolation tool's command line).</summary>
    void Wrap(ProcessStartInfo start);

    /// <summary>Text written to the child's standard input right after it starts (then the input is closed); null for none.</summary>
    string? StandardInput { get; }
}
