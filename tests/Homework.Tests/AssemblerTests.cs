using RegularizationLab.Lab.Homework;
using RegularizationLab.Lab.Homework.Analysis;
using RegularizationLab.Lab.Notebooks;

namespace Homework.Tests;

/// <summary>How a submission is read, matched and assembled into the notebook that is graded (no notebook is run here).</summary>
public class AssemblerTests
{
    private static readonly Notebook Solution = Notebook.Load(Repository.Solution("hw1-l1-l2"));
    private static readonly Notebook Exercise = ExerciseGenerator.Generate(Solution, "hw1");
    private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static Notebook Submission(Func<string, string> edit) => Notebook.Parse(edit(Exercise.ToJson()));

    private static string CellSource(Notebook notebook, string gradeId) =>
        notebook.Cells.First(c => NbgraderCell.Read(c)?.GradeId == gradeId).Source;

    private static AssembledSubmission Assemble(Notebook submission) =>
        SubmissionAssembler.Assemble(Solution, Exercise, SubmissionMatcher.Match(Exercise, submission), new HashSet<string>(), new HashSet<int>(), Key);

    [Fact]
    public void Hidden_tests_run_only_in_evaluation_cells_after_every_cell_of_the_students()
    {
        var matched = SubmissionMatcher.Match(Exercise, Exercise);
        Assert.Empty(matched.Issues);
        var assembled = Assemble(Exercise);
        Assert.DoesNotContain("Hidden(", CellSource(assembled.Notebook, "soft_threshold_tests"));
        var evaluation = assembled.Notebook.Cells[assembled.EvaluationCellIndex["soft_threshold_tests"]].Source;
        Assert.Contains($"Evaluation.ReportEach(\"{Key}\", \"soft_threshold_tests\"", evaluation);
        Assert.Contains("global::RegularizationLab.Homework.CheckOptions.Hidden(seed: 1301", evaluation);
        var lastStudentCell = assembled.GradeIdByCellIndex.Keys.Max();
        Assert.All(assembled.EvaluationCellIndex.Values, index => Assert.True(index > lastStudentCell));
        Assert.DoesNotContain(assembled.Notebook.Cells.Take(lastStudentCell + 1), c => c.Source.Contains(Key));
    }

    [Fact]
    public void A_deleted_and_an_edited_locked_cell_are_reported_and_the_originals_are_used()
    {
        var submission = Submission(json => json.Replace("Checks.WeightDecayStep(WeightDecayStep);", "// Checks.WeightDecayStep(WeightDecayStep);"));
        ((System.Text.Json.Nodes.JsonArray)submission.Root["cells"]!).RemoveAt(submission.Cells.First(c => NbgraderCell.Read(c)!.GradeId == "soft_threshold_tests").Index);
        var matched = SubmissionMatcher.Match(Exercise, Notebook.Parse(submission.ToJson()));
        Assert.Equal([("soft_threshold_tests", "deleted"), ("weight_decay_tests", "modified")],
            matched.Issues.Select(i => (i.GradeId, i.Kind)).Order());
        var assembled = Assemble(Notebook.Parse(submission.ToJson()));
        Assert.StartsWith("// Checks for part 2 (locked).\nglobal::RegularizationLab.Homework.Checks.WeightDecayStep(WeightDecayStep);",
            CellSource(assembled.Notebook, "weight_decay_tests"));
    }

    [Fact]
    public void Cells_without_metadata_are_matched_by_checksum_and_position_and_a_split_answer_is_joined()
    {
        var submission = Exercise.Clone();
        foreach (var cell in submission.Cells) cell.Metadata.Remove("nbgrader");
        var answer = submission.Cells.First(c => c.Source.Contains("// ✏️ Part 1"));
        answer.Source = "double L2Penalty(double[] w, double lambda) => 42;";
        var second = (System.Text.Json.Nodes.JsonObject)answer.Json.DeepClone();
        second["source"] = "double[] L2Gradient(double[] w, double lambda) => w;";
        ((System.Text.Json.Nodes.JsonArray)submission.Root["cells"]!).Insert(answer.Index + 1, second);

        var matched = SubmissionMatcher.Match(Exercise, Notebook.Parse(submission.ToJson()));

        Assert.DoesNotContain(matched.Issues, i => i.Kind is "missing" or "deleted" or "extra");
        var l2 = matched.Answers["l2_code"];
        Assert.Equal([4, 5], l2.CellNumbers);
        Assert.Contains("joined in order, by its position", l2.How);
        Assert.Contains("L2Gradient(double[] w, double lambda) => w;", l2.Source);
    }

    [Fact]
    public void Damaged_files_are_read_with_each_repair_named_or_refused_with_a_specific_reason()
    {
        var json = Exercise.ToJson();
        var asFloat = SubmissionReader.Parse(json.Replace("\"nbformat\": 4,", "\"nbformat\": 4.0,"));
        Assert.NotNull(asFloat.Notebook);
        Assert.Contains(asFloat.Repairs, r => r.Contains("nbformat was 4.0"));

        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        root["cells"]![0]!["source"] = 42;
        var notText = SubmissionReader.Parse(root.ToJsonString());
        Assert.Contains(notText.Repairs, r => r.Contains("cell 1's source is not text"));

        var version3 = SubmissionReader.Parse("""{"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "code", "input": ["int x = 1;"]}]}]}""");
        Assert.Equal("int x = 1;", Assert.Single(version3.Notebook!.Cells).Source);

        Assert.Contains("not valid JSON", SubmissionReader.Parse(json[..(json.Length / 2)]).Problem);
        Assert.Contains("no cells", SubmissionReader.Parse("{\"nbformat\": 4}").Problem);
    }

    [Theory]
    [InlineData("typeof(Checks).GetField(\"gradingMode\", System.Reflection.BindingFlags.NonPublic)!.SetValue(null, false);", "System.Reflection")]
    [InlineData("using System.Reflection;", "using System.Reflection;")]
    [InlineData("System.IO.File.WriteAllText(\"x.json\", \"{}\");", "System.IO.File.WriteAllText")]
    [InlineData("#!import ../solutions/hw1-l1-l2.ipynb", "the directive '#!import'")]
    [InlineData("System.Console.OpenStandardOutput().WriteByte(64);", "System.IO.Stream")]
    [InlineData("System.Diagnostics.Process.Start(\"sleep\", \"infinity\");", "System.Diagnostics.Process")]
    [InlineData("var w = SoftThresholding.Apply(1.0, 0.5);", "RegularizationLab.Regularizers.SoftThresholding.Apply")]
    [InlineData("var f = ((Func<double, double>)Math.Abs).Method;", "System.Reflection.MethodInfo")]
    [InlineData("dynamic d = 1; d.Foo();", "dynamic")]
    public void Forbidden_APIs_in_a_students_cell_are_found_on_the_compiled_code(string code, string expected)
    {
        var analyzer = new AnswerCodeAnalyzer(Path.Combine(Repository.Root, "bin", "course", "Course.dll"));
        var setup = CellSource(Solution, "setup");
        var findings = analyzer.Analyze([
            new(setup, false, []),
            new("// a student's cell\n" + code, true, [("RegularizationLab.Regularizers", "the library's implementation of this part")]),
            new("double Fine(double[] w) => w.Sum(v => Math.Abs(v));", true, []),
        ]);
        Assert.Null(findings[0]);
        Assert.NotNull(findings[1]);
        Assert.Contains(expected, findings[1]!.What);
        Assert.Equal(2, findings[1]!.Line);
        Assert.Null(findings[2]);
    }

    [Fact]
    public void The_solutions_own_answers_use_no_forbidden_API()
    {
        var analyzer = new AnswerCodeAnalyzer(Path.Combine(Repository.Root, "bin", "course", "Course.dll"));
        foreach (var assignment in Repository.Assignments)
        {
            var solution = Notebook.Load(Repository.Solution(assignment));
            var cells = solution.Cells.Where(c => c.Kind == CellKind.Code)
                .Select(c => new AnalyzedCell(HomeworkMarkers.StripMarkers(c.Source), NbgraderCell.Read(c)!.Solution, [])).ToList();
            Assert.All(analyzer.Analyze(cells), Assert.Null);
        }
    }

    [Fact]
    public void A_class_named_Checks_in_student_code_cannot_replace_the_librarys_checks()
    {
        Assert.Equal("global::RegularizationLab.Homework.Checks.A(x, global::RegularizationLab.Homework.CheckOptions.Hidden(1)); My.Checks.B();",
            SubmissionAssembler.QualifyCheckCalls("Checks.A(x, CheckOptions.Hidden(1)); My.Checks.B();"));
    }
}
