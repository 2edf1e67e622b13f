using System.Reactive.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace RegularizationLab.Lab.Execution;

/// <summary>A cell as a script submission: its number in the editor and the cell lines before its C# code.</summary>
public sealed record SubmittedCell(int Number, int LineOffset);

/// <summary>How one submitted cell ended.</summary>
public sealed record CellOutcome(CellStatus Status, string? Error, IReadOnlyList<InteractiveDocumentOutputElement> Outputs);

/// <summary>
/// One notebook's session in the genuine .NET Interactive C# kernel, set up as the released kernel sets up its C#
/// kernel: NuGet directives (<c>#r "nuget:"</c>, <c>#i</c>) whose packages become references, the kernel helpers
/// (<c>display</c>, <c>HTML</c>, …), <c>#!import</c>, <c>#!time</c>, and kernel extensions shipped in packages.
/// A cell is sent as <see cref="SubmitCode"/>; its outputs are the kernel's events, as nbformat outputs.
/// </summary>
public sealed class KernelSession : IDisposable
{
    private readonly CompositeKernel _kernel;
    private readonly CSharpKernel _csharp;
    private readonly PackageExtensionLoader _extensions;
    private readonly Action<string> _log;
    private readonly Dictionary<int, SubmittedCell> _submissions = [];
    private bool _timeRequested;

    public KernelSession(Action<string> log)
    {
        _log = log;
        _csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers();
        EmitLineNumbers(_csharp);
        _kernel = new CompositeKernel { _csharp };
        _kernel.DefaultKernelName = _csharp.Name;
        _kernel.UseImportMagicCommand();
        _kernel.AddDirective(new KernelActionDirective("#!time") { Description = "Time the execution of the cell" },
            (_, _) =>
            {
                _timeRequested = true;
                return Task.CompletedTask;
            });
        _extensions = new PackageExtensionLoader(_kernel);
    }

    /// <summary>
    /// Starts the kernel's compiler and workspace with an empty submission, so that start-up (seconds on a busy
    /// machine) is not charged to the first cell's time limit.
    /// </summary>
    public async Task StartAsync() => await _kernel.SendAsync(new SubmitCode("// lab: kernel start", _csharp.Name)).ConfigureAwait(false);

    /// <summary>Runs one cell to its end (or until <paramref name="limit"/>); outputs hold their final state.</summary>
    public async Task<CellOutcome> SubmitAsync(string code, int cellNumber, TimeSpan limit)
    {
        var outputs = new CellOutputCollector();
        var mapped = PackageRequests.MapVersions(code, _log);
        _timeRequested = false;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var cancel = new CancellationTokenSource();
        using var subscription = _kernel.KernelEvents.Subscribe(outputs.Add);
        var run = _kernel.SendAsync(new SubmitCode(mapped, _csharp.Name), cancel.Token);
        if (await Task.WhenAny(run, Task.Delay(limit)).ConfigureAwait(false) != run)
        {
            await cancel.CancelAsync().ConfigureAwait(false); // A loop that never checks the token keeps running; the caller ends the process.
            return new CellOutcome(CellStatus.TimedOut, null, outputs.Snapshot());
        }

        var result = await run.ConfigureAwait(false);
        RememberSubmission(code, result.Events.OfType<CodeSubmissionReceived>().LastOrDefault()?.Code, cellNumber);
        await _extensions.LoadFromAsync(result.Events.OfType<PackageAdded>()).ConfigureAwait(false);
        if (_timeRequested)
            outputs.AddText("stdout", $"Wall time: {watch.Elapsed.TotalMilliseconds:F1}ms\n");

        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is not { } failed)
            return new CellOutcome(CellStatus.Ok, null, outputs.Snapshot());
        var diagnostics = result.Events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics).ToList();
        var error = FailureMessages.Describe(failed, diagnostics, cellNumber, CellOf);
        outputs.AddError(error.Name, error.Message, error.Trace);
        return new CellOutcome(CellStatus.Failed, error.Report, outputs.Snapshot());
    }

    /// <summary>
    /// Notes which script submission (<c>Submission#N</c> in stack traces) a cell became, and how many lines of the cell
    /// precede the C# code the kernel compiled (directive lines it handled itself), so a trace can name cell and line.
    /// </summary>
    private void RememberSubmission(string cell, string? submitted, int cellNumber)
    {
        var index = -1;
        for (var script = _csharp.ScriptState?.Script; script is not null; script = script.Previous)
            index++;
        if (index < 0 || _submissions.ContainsKey(index))
            return;
        var code = submitted?.Trim().Replace("\r\n", "\n");
        var at = string.IsNullOrEmpty(code) ? -1 : cell.Replace("\r\n", "\n").IndexOf(code, StringComparison.Ordinal);
        _submissions[index] = new SubmittedCell(cellNumber, at < 0 ? 0 : cell[..at].Count(c => c == '\n'));
    }

    private SubmittedCell? CellOf(int submission) => _submissions.TryGetValue(submission, out var cell) ? cell : null;

    /// <summary>
    /// Compiles cells with debug information, so an exception names the line of the cell it came from. The released
    /// kernel compiles without it (its stack traces show no line numbers); this is the one setting lab changes.
    /// </summary>
    private static void EmitLineNumbers(CSharpKernel kernel)
    {
        var field = typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.Instance | BindingFlags.NonPublic);
        if (field?.GetValue(kernel) is ScriptOptions options)
            field.SetValue(kernel, options.WithEmitDebugInformation(true));
    }

    public void Dispose() => _kernel.Dispose();
}
