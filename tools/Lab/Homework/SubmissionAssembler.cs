using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Homework;

/// <summary>Something about a submission's cells the instructor should know (an edited or deleted locked cell, …).</summary>
public sealed record CellIssue(string GradeId, string Kind, string Detail);

/// <summary>The notebook that is actually run for a student, and where each part's cells are in it.</summary>
/// <param name="Notebook">The notebook sent into the sandbox (its text carries the run's key: never write it to disk).</param>
/// <param name="GradeIdByCellIndex">The assignment's cells by their index in <paramref name="Notebook"/>.</param>
/// <param name="EvaluationCellIndex">For each autograded part, the index of its evaluation cell.</param>
/// <param name="ExtraCellNumberByIndex">The student's extra cells by their index, with their number in the student's notebook.</param>
public sealed record AssembledSubmission(Notebook Notebook, IReadOnlyDictionary<int, string> GradeIdByCellIndex,
    IReadOnlyDictionary<string, int> EvaluationCellIndex, IReadOnlyDictionary<int, int> ExtraCellNumberByIndex);

/// <summary>
/// Builds the notebook to grade from the solution notebook (trusted) and a matched submission (untrusted). It has the
/// exercise's structure: the student's answers (or the exercise's stub where an answer is missing or was rejected),
/// the exercise's own locked cells (public checks only: what the submission holds in their place is ignored), the
/// student's extra code cells where they were, and then, after every cell of the student's, one evaluation cell per
/// graded part: the part's public checks and hidden tests, whose results go to <see cref="RegularizationLab.Homework.Evaluation"/>
/// with the run's key. Check calls are fully qualified, so a class named Checks in a student's cell changes nothing.
/// </summary>
public static class SubmissionAssembler
{
    public static AssembledSubmission Assemble(Notebook solution, Notebook exercise, MatchedSubmission matched,
        IReadOnlySet<string> rejectedAnswers, IReadOnlySet<int> rejectedExtras, string key)
    {
        var exerciseById = exercise.Cells.ToDictionary(c => NbgraderCell.Read(c)!.GradeId, StringComparer.Ordinal);
        var assembled = solution.Clone();
        var cells = new JsonArray();
        var gradeIds = new Dictionary<int, string>();
        var extraNumbers = new Dictionary<int, int>();
        void Add(JsonObject json, string? id)
        {
            if (id is not null) gradeIds[cells.Count] = id;
            cells.Add(json);
        }
        void AddExtra(ExtraCell extra)
        {
            extraNumbers[cells.Count] = extra.CellNumber;
            Add(CodeCell(extra.Source), null);
        }
        var extras = matched.Extras.Where(e => !rejectedExtras.Contains(e.CellNumber)).ToLookup(e => e.After);

        foreach (var extra in extras[""])
            AddExtra(extra);
        foreach (var cell in assembled.Cells)
        {
            var meta = NbgraderCell.Read(cell)!;
            var json = (JsonObject)exerciseById[meta.GradeId].Json.DeepClone();
            if (meta.Solution && matched.Answers.TryGetValue(meta.GradeId, out var answer) && !rejectedAnswers.Contains(meta.GradeId)
                && answer.Source.Trim().Length > 0) // an emptied answer cell is unanswered: the stub says "not implemented yet"
                json["source"] = NbText.ToLines(answer.Source);
            if (meta.IsAutogradedTest)
                json["source"] = NbText.ToLines(QualifyCheckCalls(new NotebookCell(json, 0).Source));
            if ((string?)json["cell_type"] == "code")
            {
                json["outputs"] = new JsonArray();
                json["execution_count"] = null;
            }
            Add(json, meta.GradeId);
            foreach (var extra in extras[meta.GradeId])
                AddExtra(extra);
        }

        var evaluations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in solution.Cells)
        {
            var meta = NbgraderCell.Read(cell)!;
            if (!meta.IsAutogradedTest) continue;
            evaluations[meta.GradeId] = cells.Count;
            Add(CodeCell(EvaluationCell(meta.GradeId, HomeworkMarkers.StripMarkers(cell.Source), key)), null);
        }
        assembled.Root["cells"] = cells;
        return new AssembledSubmission(Notebook.Parse(assembled.ToJson()), gradeIds, evaluations, extraNumbers);
    }

    /// <summary>
    /// The evaluation cell of one part: every check call of the solution's test cell (hidden tests included), collected
    /// each wrapped in a lambda and handed to <c>Evaluation.ReportEach</c> with the run's key.
    /// </summary>
    public static string EvaluationCell(string gradeId, string testSource, string key)
    {
        var calls = CheckCalls(gradeId, testSource);
        // One lambda per check: each runs on its own, so every check reports its cases (partial credit).
        var body = string.Join(",\n", calls.Select(c => "    () => " + QualifyCheckCalls(c)));
        return $"// Added by `lab grade`: the checks and hidden tests of '{gradeId}', reported to the grader.\n"
               + $"global::RegularizationLab.Homework.Evaluation.ReportEach(\"{key}\", \"{gradeId}\",\n{body});";
    }

    /// <summary>The check calls of a test cell, one per statement; anything else in a test cell is an authoring error.</summary>
    public static IReadOnlyList<string> CheckCalls(string gradeId, string testSource)
    {
        var tree = CSharpSyntaxTree.ParseText(testSource, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var statements = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList();
        var calls = new List<string>();
        foreach (var statement in statements)
        {
            if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call })
                calls.Add(call.ToString());
            else
                throw new FormatException($"test cell '{gradeId}': every statement must be one check call (Checks.Name(...);), found: {statement.ToString().Split('\n')[0]}");
        }
        if (calls.Count == 0)
            throw new FormatException($"test cell '{gradeId}' has no check calls.");
        return calls;
    }

    /// <summary>
    /// Test cells call <c>Checks.…</c>; a class named Checks defined in a student's cell would take precedence over the
    /// library's, so at grading every call is spelled out in full.
    /// </summary>
    public static string QualifyCheckCalls(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"(?<![\w.:])(Checks|CheckOptions)\.", "global::RegularizationLab.Homework.$1.");

    private static JsonObject CodeCell(string source) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(),
        ["source"] = NbText.ToLines(source),
    };
}
