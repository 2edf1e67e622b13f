using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RegularizationLab.Lab.Homework.Analysis;

/// <summary>One cell of the notebook in run order, and whether (and against which extra rules) to check it.</summary>
public sealed record AnalyzedCell(string Source, bool WrittenByStudent, IReadOnlyList<(string Prefix, string Why)> PartRules);

/// <summary>The first forbidden use found in a cell: what was used, on which line of the cell, and why it is not allowed.</summary>
public sealed record ForbiddenUse(string What, int Line, string Why)
{
    public override string ToString() => $"line {Line} uses {What}: {Why}";
}

/// <summary>
/// Checks the student's cells on the compiled code, with Roslyn's semantic model: every name is resolved to the symbol it
/// denotes (so aliases, <c>using static</c>, <c>var</c> and fully qualified names are all seen for what they are), and
/// every expression's type is checked too (a reflection object obtained any way at all is flagged). The cells are
/// compiled as one chain of script submissions, as the kernel runs them, against the .NET libraries and the course
/// library; kernel directives (<c>#r</c>, <c>#load</c>, <c>#!import</c>) in a student's cell are flagged themselves.
/// </summary>
public sealed class AnswerCodeAnalyzer(string courseLibrary)
{
    private static readonly string[] KernelImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
        [.. ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))]);

    /// <summary>The first forbidden use in each cell (null where there is none, and for the instructor's cells).</summary>
    public IReadOnlyList<ForbiddenUse?> Analyze(IReadOnlyList<AnalyzedCell> cells)
    {
        var references = File.Exists(courseLibrary) ? Framework.Value.Add(MetadataReference.CreateFromFile(courseLibrary)) : Framework.Value;
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelImports, allowUnsafe: true);
        var parse = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);
        var findings = new ForbiddenUse?[cells.Count];

        // The kernel runs each cell as its own submission; Roslyn can chain submissions only while they compile, so the
        // cells are analysed as one script instead: every cell's using directives first, then the cells' code in order.
        var usings = new List<string>();
        var bodies = new List<(int Cell, string Code)>();
        for (int i = 0; i < cells.Count; i++)
        {
            var (code, directive) = WithoutDirectives(cells[i].Source);
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, parse).GetRoot();
            var rules = ForbiddenApis.Everywhere.Concat(cells[i].PartRules).ToList();
            foreach (var directiveNode in root.Usings)
            {
                usings.Add(directiveNode.ToString());
                if (cells[i].WrittenByStudent && findings[i] is null && ForbiddenApis.Breaks(directiveNode.NamespaceOrType.ToString().Replace("global::", ""), rules) is { } why)
                    findings[i] = new ForbiddenUse(directiveNode.ToString(), directiveNode.GetLocation().GetLineSpan().StartLinePosition.Line + 1, why);
            }
            if (cells[i].WrittenByStudent) findings[i] ??= directive;
            // Blank the using lines so that line numbers within the cell stay as the student sees them.
            var body = code.Split('\n');
            foreach (var directiveNode in root.Usings)
            {
                var span = directiveNode.GetLocation().GetLineSpan();
                for (int line = span.StartLinePosition.Line; line <= span.EndLinePosition.Line; line++) body[line] = "";
            }
            bodies.Add((i, string.Join("\n", body)));
        }
        var text = new System.Text.StringBuilder();
        foreach (var directive in usings.Distinct(StringComparer.Ordinal)) text.Append(directive).Append('\n');
        var starts = new int[cells.Count];
        var lineOffsets = new int[cells.Count];
        int lineCount = usings.Distinct(StringComparer.Ordinal).Count();
        foreach (var (cell, code) in bodies)
        {
            starts[cell] = text.Length;
            lineOffsets[cell] = lineCount;
            text.Append(code).Append("\n;\n"); // the extra line closes an unfinished statement, as a cell boundary does
            lineCount += code.Split('\n').Length + 1;
        }
        var tree = CSharpSyntaxTree.ParseText(text.ToString(), parse);
        var compilation = CSharpCompilation.CreateScriptCompilation("Notebook", tree, references, options);
        var model = compilation.GetSemanticModel(tree);
        for (int i = 0; i < cells.Count; i++)
        {
            if (!cells[i].WrittenByStudent || findings[i] is not null) continue;
            var span = new Microsoft.CodeAnalysis.Text.TextSpan(starts[i], bodies[i].Code.Length);
            var rules = ForbiddenApis.Everywhere.Concat(cells[i].PartRules).ToList();
            if (FirstForbidden(model, tree, span, rules) is { } use)
                findings[i] = use with { Line = use.Line - lineOffsets[i] };
        }
        return findings;
    }

    /// <summary>The code with kernel directive lines blanked (line numbers kept), and the first directive a student may not use.</summary>
    private static (string Code, ForbiddenUse? Directive) WithoutDirectives(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        ForbiddenUse? directive = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var text = lines[i].TrimStart();
            if (!(text.StartsWith("#r", StringComparison.Ordinal) || text.StartsWith("#load", StringComparison.Ordinal)
                  || text.StartsWith("#!", StringComparison.Ordinal) || text.StartsWith("#i ", StringComparison.Ordinal)))
                continue;
            bool harmless = text is "#!csharp" or "#!c#" or "#!time" || text.StartsWith("#!time ", StringComparison.Ordinal);
            directive ??= harmless ? null : new ForbiddenUse($"the directive '{text.Split(' ')[0]}'", i + 1,
                "answer cells may not load files, packages or other notebooks; everything you need is loaded by the setup cell");
            lines[i] = "";
        }
        return (string.Join("\n", lines), directive);
    }

    private static ForbiddenUse? FirstForbidden(SemanticModel model, SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span,
        IReadOnlyList<(string Prefix, string Why)> rules)
    {
        foreach (var node in tree.GetRoot().DescendantNodesAndSelf(span).Where(n => span.Contains(n.Span)))
        {
            int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            switch (node)
            {
                case UnsafeStatementSyntax or FixedStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax:
                    return new("unsafe code", line, "pointers and unsafe blocks are not allowed in homework code");
                case MemberDeclarationSyntax member when member.Modifiers.Any(m => m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.ExternKeyword)):
                    return new("unsafe or extern code", line, "pointers, unsafe and extern methods are not allowed in homework code");
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(m => m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.ExternKeyword)):
                    return new("unsafe or extern code", line, "pointers, unsafe and extern methods are not allowed in homework code");
                case MakeRefExpressionSyntax or RefValueExpressionSyntax or RefTypeExpressionSyntax:
                    return new("__makeref", line, "undocumented runtime features are not allowed in homework code");
            }
            if (node is not (ExpressionSyntax or TypeSyntax)) continue;
            var symbolInfo = model.GetSymbolInfo(node);
            var symbol = symbolInfo.Symbol ?? symbolInfo.CandidateSymbols.FirstOrDefault();
            if (symbol is not null && Check(symbol, rules) is { } bySymbol)
                return new(bySymbol.Name, line, bySymbol.Why);
            if (node is ExpressionSyntax expression && model.GetTypeInfo(expression).Type is { } type)
            {
                if (type.TypeKind == TypeKind.Dynamic)
                    return new("dynamic", line, "late binding is not allowed in homework code; give the variable its type");
                if (Check(type, rules) is { } byType)
                    return new($"a value of type {byType.Name}", line, byType.Why);
            }
        }
        return null;
    }

    private static (string Name, string Why)? Check(ISymbol symbol, IReadOnlyList<(string Prefix, string Why)> rules)
    {
        if (symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic }) return ("dynamic", "late binding is not allowed in homework code; give the variable its type");
        if (symbol is IArrayTypeSymbol array) return Check(array.ElementType, rules);
        if (symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol) return null;
        var name = QualifiedName(symbol);
        if (name is null) return null;
        return ForbiddenApis.Breaks(name, rules) is { } why ? (name, why) : null;
    }

    /// <summary>"System.IO.File.ReadAllText", "RegularizationLab.Regularizers.SoftThresholding", … (null for script-local symbols).</summary>
    private static string? QualifiedName(ISymbol symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null) return null;
        if (type.IsScriptClass || type.ContainingAssembly?.IsInteractive == true) return null; // the notebook's own code
        var typeName = type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat
            .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
            .WithGenericsOptions(SymbolDisplayGenericsOptions.None));
        return ReferenceEquals(symbol, type) || symbol is INamedTypeSymbol ? typeName : $"{typeName}.{symbol.Name}";
    }
}
