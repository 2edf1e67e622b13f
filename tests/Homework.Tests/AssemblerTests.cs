using RegularizationLab.Lab.Homework;
using RegularizationLab.Lab.Notebooks;

namespace Homework.Tests;

/// <summary>How a submission becomes the notebook that is graded (no notebook is run here).</summary>
public class AssemblerTests
{
    private static readonly Notebook Solution = Notebook.Load(Repository.Solution("hw1-l1-l2"));
    private static readonly Notebook Exercise = ExerciseGenerator.Generate(Solution, "hw1");

    private static Notebook Submission(Func<string, string> edit) => Notebook.Parse(edit(Exercise.ToJson()));

    private static string CellSource(Notebook notebook, string gradeId) =>
        notebook.Cells.First(c => NbgraderCell.Read(c)?.GradeId == gradeId).Source;

    [Fact]
    public void An_untouched_exercise_has_no_issues_and_its_test_cells_get_their_hidden_tests_back()
    {
        var assembled = SubmissionAssembler.Assemble(Solution, Exercise, Exercise);
        Assert.Empty(assembled.Issues);
        var tests = CellSource(assembled.Notebook, "soft_threshold_tests");
        Assert.Contains("CheckOptions.Hidden(seed: 1301", tests);
        Assert.Contains("global::RegularizationLab.Homework.Checks.SoftThreshold(SoftThreshold);", tests);
        Assert.DoesNotContain("BEGIN HIDDEN TESTS", tests);
        Assert.Contains(assembled.Notebook.Cells, c => c.Source.Contains("Checks.EnterGradingMode();"));
    }

    [Fact]
    public void A_deleted_test_cell_is_reported_and_restored()
    {
        var exercise = Exercise.Clone();
        var cells = (System.Text.Json.Nodes.JsonArray)exercise.Root["cells"]!;
        cells.RemoveAt(exercise.Cells.First(c => NbgraderCell.Read(c)!.GradeId == "soft_threshold_tests").Index);
        var assembled = SubmissionAssembler.Assemble(Solution, Exercise, Notebook.Parse(exercise.ToJson()));
        var issue = Assert.Single(assembled.Issues);
        Assert.Equal(("soft_threshold_tests", "deleted"), (issue.GradeId, issue.Kind));
        Assert.Contains("Checks.SoftThreshold(SoftThreshold)", CellSource(assembled.Notebook, "soft_threshold_tests"));
    }

    [Fact]
    public void An_edited_locked_cell_is_reported_by_checksum_and_the_original_is_used()
    {
        var submission = Submission(json => json.Replace("Checks.WeightDecayStep(WeightDecayStep);", "// Checks.WeightDecayStep(WeightDecayStep);"));
        var assembled = SubmissionAssembler.Assemble(Solution, Exercise, submission);
        var issue = Assert.Single(assembled.Issues);
        Assert.Equal(("weight_decay_tests", "modified"), (issue.GradeId, issue.Kind));
        Assert.Contains("checksum sha256:", issue.Detail);
        Assert.StartsWith("// Checks for part 2 (locked).\nglobal::RegularizationLab.Homework.Checks.WeightDecayStep(WeightDecayStep);",
            CellSource(assembled.Notebook, "weight_decay_tests"));
    }

    [Fact]
    public void The_students_answers_and_extra_cells_are_kept_and_a_missing_answer_becomes_the_stub()
    {
        var exercise = Exercise.Clone();
        var cells = (System.Text.Json.Nodes.JsonArray)exercise.Root["cells"]!;
        var answer = exercise.Cells.First(c => NbgraderCell.Read(c)!.GradeId == "l2_code");
        answer.Source = "double L2Penalty(double[] w, double lambda) => 42;\ndouble[] L2Gradient(double[] w, double lambda) => w;";
        var scratch = (System.Text.Json.Nodes.JsonObject)answer.Json.DeepClone();
        scratch.Remove("metadata");
        scratch["source"] = "Console.WriteLine(L2Penalty(new double[0], 1));";
        cells.Insert(answer.Index + 1, scratch);
        cells.RemoveAt(exercise.Cells.First(c => NbgraderCell.Read(c)!.GradeId == "lambda_max_code").Index + 1);

        var assembled = SubmissionAssembler.Assemble(Solution, Exercise, Notebook.Parse(exercise.ToJson()));

        Assert.StartsWith("double L2Penalty(double[] w, double lambda) => 42;", CellSource(assembled.Notebook, "l2_code"));
        var l2 = assembled.Notebook.Cells.First(c => NbgraderCell.Read(c)?.GradeId == "l2_code").Index;
        Assert.Equal("Console.WriteLine(L2Penalty(new double[0], 1));", assembled.Notebook.Cells[l2 + 1].Source);
        var missing = Assert.Single(assembled.Issues);
        Assert.Equal(("lambda_max_code", "missing"), (missing.GradeId, missing.Kind));
        Assert.Contains("throw new NotImplementedException();", CellSource(assembled.Notebook, "lambda_max_code"));
    }

    [Fact]
    public void A_class_named_Checks_in_student_code_cannot_replace_the_librarys_checks()
    {
        Assert.Equal("global::RegularizationLab.Homework.Checks.A(x, global::RegularizationLab.Homework.CheckOptions.Hidden(1)); My.Checks.B();",
            SubmissionAssembler.QualifyCheckCalls("Checks.A(x, CheckOptions.Hidden(1)); My.Checks.B();"));
    }
}
