using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace RegularizationLab.Lab.Execution;

/// <summary>The result of one submission.</summary>
public sealed record SubmissionOutcome(bool HasValue, object? Value, Exception? Exception, IReadOnlyList<string> CompileErrors);

/// <summary>
/// One C# kernel session: chained Roslyn script submissions sharing state, with <c>#r</c> and <c>#load</c> resolved
/// from the notebook's folder and the kernel's default imports and helpers.
/// </summary>
public sealed class ScriptSession
{
    // The C# kernel's default imports (CSharpKernel) plus the static helpers it adds (display, HTML).
    private static readonly string[] DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
    ];

    private const string KernelHelpers =
        "using Microsoft.DotNet.Interactive.Formatting;\nusing static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;";

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    private ScriptOptions _options;
    private ScriptState<object?>? _state;

    public ScriptSession(string baseDirectory, KernelGlobals globals)
    {
        BaseDirectory = baseDirectory;
        Globals = globals;
        _options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            .WithEmitDebugInformation(true) // portable PDB in memory: a student's exception carries its line number
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithReferences(FrameworkReferences.Value)
            .AddReferences(
                typeof(KernelGlobals).Assembly,
                typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly,
                typeof(Microsoft.AspNetCore.Html.IHtmlContent).Assembly)
            .WithImports(DefaultImports);
    }

    public string BaseDirectory { get; }

    public KernelGlobals Globals { get; }

    /// <summary>Adds assemblies (e.g. from a package) to this and every later submission.</summary>
    public void AddReferences(IEnumerable<string> assemblyPaths) =>
        _options = _options.AddReferences(assemblyPaths.Select(p => MetadataReference.CreateFromFile(p)));

    /// <summary>Runs the kernel's start-up submission.</summary>
    public Task StartAsync() => SubmitAsync(KernelHelpers);

    public async Task<SubmissionOutcome> SubmitAsync(string code, CancellationToken cancellationToken = default)
    {
        try
        {
            _state = _state is null
                ? await CSharpScript.RunAsync(code, _options, Globals, typeof(KernelGlobals), cancellationToken)
                    .ConfigureAwait(false)
                : await _state.ContinueWithAsync(code, _options, _ => true, cancellationToken).ConfigureAwait(false);
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            return new SubmissionOutcome(false, null, null, errors.Count > 0 ? errors : [e.Message]);
        }
        catch (Exception e) when (_state is null)
        {
            // The first submission has no catchException hook.
            return new SubmissionOutcome(false, null, e, []);
        }

        var hasValue = HasReturnValue(_state.Script);
        return new SubmissionOutcome(hasValue && _state.Exception is null, _state.ReturnValue, _state.Exception, []);
    }

    // The kernel asks Roslyn's internal Script.HasReturnValue(); so do we, falling back to the same test on the syntax.
    private static readonly System.Reflection.MethodInfo? HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, Type.EmptyTypes);

    private static bool HasReturnValue(Script script) =>
        HasReturnValueMethod?.Invoke(script, null) is bool value ? value : HasTrailingExpression(script.GetCompilation());

    /// <summary>
    /// True when the submission ends with an expression that has a value (no semicolon, not void): the kernel shows
    /// that value, even when it is null.
    /// </summary>
    private static bool HasTrailingExpression(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax unit
            || unit.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is null || type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>
    /// Every managed assembly of the shared framework the runner runs on, so a notebook can use any of them without
    /// <c>#r</c>, as in the kernel.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var folder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            if (IsManagedAssembly(file))
                references.Add(MetadataReference.CreateFromFile(file));
        }
        return references.ToImmutable();
    }

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
