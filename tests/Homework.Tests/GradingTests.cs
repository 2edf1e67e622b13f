using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Homework;

namespace Homework.Tests;

/// <summary>The grader on real submissions: full marks, zero, and a specific reason for each deliberate mistake.</summary>
[Collection("Grading")]
public class GradingTests(GradingFixture fixture)
{
    private StudentGrade Grade(string key) => fixture.Grades[key];

    private static PartGrade Part(StudentGrade grade, string id) => grade.Parts.Single(p => p.GradeId == id);

    private static void AssertReason(PartGrade part, string expected) =>
        Assert.True(part.Reason.Contains(expected, StringComparison.Ordinal), $"{part.GradeId}: expected “{expected}” in: {part.Reason}");

    [SandboxFact]
    public void The_solutions_score_full_marks_with_no_issues()
    {
        var hw1 = Grade("hw1-solution");
        Assert.Null(hw1.NotebookError);
        Assert.Equal((10.0, 10.0), (hw1.Score, hw1.MaxScore));
        Assert.Empty(hw1.Issues);
        Assert.All(hw1.Parts, p => Assert.Equal(PartStatus.Passed, p.Status));
        AssertReason(Part(hw1, "soft_threshold_tests"), "✓ soft_threshold [hidden test]: 2009 cases");

        var hw2 = Grade("hw2-solution");
        Assert.Equal((8.0, 8.0, 2.0), (hw2.Score, hw2.MaxScore, hw2.ManualPointsPending));
        var written = Part(hw2, "why_scaling_answer");
        Assert.Equal(PartStatus.ManualGrading, written.Status);
        Assert.Contains("at inference", written.Answer!); // the student's text travels to the instructor for hand grading
    }

    [SandboxFact]
    public void The_exercises_run_top_to_bottom_for_a_student_without_an_error()
    {
        foreach (var (assignment, run) in fixture.StudentRuns)
        {
            Assert.True(run.Succeeded, run.FailureReport);
            Assert.All(run.Cells, c => Assert.Equal(CellStatus.Ok, c.Status));
        }
        var executed = File.ReadAllText(fixture.StudentRuns["hw1-l1-l2"].ExecutedPath!);
        Assert.Contains("✗ soft_threshold [public check]: not implemented yet", executed);
        Assert.Contains("Public checks: 0 of 6 passed", executed);
        Assert.Contains("Hidden tests run at grading", executed);
    }

    [SandboxFact]
    public void The_exercises_score_zero_because_nothing_is_implemented_yet()
    {
        foreach (var key in new[] { "hw1-exercise", "hw2-exercise", "hw3-exercise", "hw4-exercise" })
        {
            var grade = Grade(key);
            Assert.Equal(0, grade.Score);
            Assert.Empty(grade.Issues);
            Assert.All(grade.Parts.Where(p => p.Status != PartStatus.ManualGrading), p =>
            {
                Assert.Equal(PartStatus.Failed, p.Status);
                AssertReason(p, "not implemented yet");
            });
        }
        Assert.Equal("written answer: not answered", Part(Grade("hw2-exercise"), "why_scaling_answer").Reason);
        Assert.Equal("written answer: not answered", Part(Grade("hw3-exercise"), "derivation_answer").Reason);
    }

    [SandboxFact]
    public void A_flipped_sign_an_off_by_one_and_an_edited_locked_cell_each_cost_their_part_with_a_specific_reason()
    {
        var grade = Grade("hw1-mistakes");
        // 4 of 10: parts 1–3 are wrong; the training loop of part 4 is right and is not charged for the SoftThreshold
        // of part 3 it calls (it is regraded with a correct one), and part 5 is right.
        Assert.Equal(4, grade.Score);
        AssertReason(Part(grade, "l2_tests"), "the sign is flipped");
        AssertReason(Part(grade, "soft_threshold_tests"), "i < Length − 1");
        AssertReason(Part(grade, "soft_threshold_tests"), "SoftThreshold([2], t = 0.5) should be [1.5], got [0]");
        // The student commented out the check in the locked cell; the original was used and caught the wrong decay.
        AssertReason(Part(grade, "weight_decay_tests"), "scaled by the learning rate");
        var issue = Assert.Single(grade.Issues);
        Assert.Equal(("weight_decay_tests", "modified"), (issue.GradeId, issue.Kind));
        var loop = Part(grade, "proximal_tests");
        Assert.Equal(PartStatus.Passed, loop.Status);
        AssertReason(loop, "passes with a correct 'soft_threshold_code' in place of yours");
        AssertReason(loop, "this uses your SoftThreshold");
        Assert.Equal(PartStatus.Passed, Part(grade, "lambda_max_tests").Status);
        Assert.Contains("Part 1 · The L2 penalty and its gradient (2 points), cell 5 ('l2_tests')", GradeReports.Feedback(grade));
    }

    [SandboxFact]
    public void An_infinite_loop_costs_only_its_part_and_a_deleted_test_cell_is_restored_and_reported()
    {
        var grade = Grade("hw1-loop-and-deleted-cell");
        Assert.Equal(7, grade.Score);
        var loop = Part(grade, "proximal_tests");
        Assert.Equal(PartStatus.Failed, loop.Status);
        AssertReason(loop, "no answer within 10 s, stuck on ProximalL1Fit");
        Assert.Equal(PartStatus.Passed, Part(grade, "soft_threshold_tests").Status);
        Assert.Equal(PartStatus.Passed, Part(grade, "lambda_max_tests").Status);
        var issue = Assert.Single(grade.Issues);
        Assert.Equal(("soft_threshold_tests", "deleted"), (issue.GradeId, issue.Kind));
    }

    [SandboxFact]
    public void A_missing_inverse_keep_scaling_and_a_compile_error_get_specific_reasons()
    {
        var grade = Grade("hw2-mistakes");
        Assert.Equal(2, grade.Score);
        AssertReason(Part(grade, "forward_tests"), "missing the 1/(1−p) scaling");
        AssertReason(Part(grade, "backward_tests"), "missing the 1/(1−p) scaling");
        var compile = Part(grade, "variance_tests");
        AssertReason(compile, "your answer cell 'variance_code' (cell 10 in your notebook) failed");
        AssertReason(compile, "CS1002");
        Assert.Equal(PartStatus.Passed, Part(grade, "mc_tests").Status);
    }

    [SandboxFact]
    public void An_endless_cell_of_the_students_own_is_stopped_by_the_per_cell_limit_and_later_parts_say_why_they_did_not_run()
    {
        var grade = Grade("hw1-endless-cell");
        Assert.Equal(0, grade.Score);
        Assert.Equal("extra", Assert.Single(grade.Issues).Kind); // an extra cell is allowed; it is its endless loop that costs the points
        Assert.All(grade.Parts, p =>
        {
            Assert.Equal(PartStatus.NotRun, p.Status);
            AssertReason(p, $"exceeded the per-cell time limit of {GradingFixture.ShortCellTimeout.TotalSeconds:0} s and the notebook was stopped there");
        });
    }

    [SandboxFact]
    public void Malformed_JSON_scores_zero_with_the_parse_error_and_does_not_stop_the_batch()
    {
        var grade = Grade("hw1-malformed");
        Assert.Equal(0, grade.Score);
        Assert.NotNull(grade.NotebookError);
        Assert.Contains("not valid JSON", grade.NotebookError);
        Assert.All(grade.Parts, p => Assert.Contains("not valid JSON", p.Reason));
        Assert.Equal(fixture.SubmissionCount, fixture.Grades.Count);
    }

    [SandboxFact]
    public void The_reports_round_trip_and_the_gradebook_has_one_row_per_student()
    {
        var grades = fixture.Grades.Values.Where(g => g.Assignment == "hw1-l1-l2").ToList();
        foreach (var grade in grades)
        {
            var back = GradeReports.FromJson(GradeReports.ToJson(grade));
            Assert.Equal(grade.Score, back.Score);
            Assert.Equal(grade.Parts.Count, back.Parts.Count);
        }
        var csv = GradeReports.Gradebook(grades, fixture.Graders["hw1-l1-l2"].Parts).TrimEnd().Split('\n');
        Assert.Equal("student,assignment,score,max_score,manual_points_pending,l2_tests,weight_decay_tests,soft_threshold_tests,proximal_tests,lambda_max_tests,notes", csv[0]);
        Assert.Equal(grades.Count + 1, csv.Length);
        Assert.Contains(csv, row => row.StartsWith("hw1-mistakes,hw1-l1-l2,4,10,0,0,0,0,3,1,weight_decay_tests modified", StringComparison.Ordinal));
        var feedback = GradeReports.Feedback(Grade("hw1-mistakes"));
        Assert.Contains("**Autograded score: 4 / 10**", feedback);
        Assert.Contains("weight_decay_tests: the locked cell 8 was edited", feedback);
    }

    [SandboxFact]
    public void The_early_stopping_and_calibration_solutions_score_full_marks_and_their_written_parts_await_hand_grading()
    {
        foreach (var (key, autograded, manual) in new[] { ("hw3-solution", 6.0, 4.0), ("hw4-solution", 8.0, 2.0) })
        {
            var grade = Grade(key);
            Assert.Null(grade.NotebookError);
            Assert.Equal((autograded, autograded, manual), (grade.Score, grade.MaxScore, grade.ManualPointsPending));
            Assert.Empty(grade.Issues);
            Assert.All(grade.Parts, p => Assert.Contains(p.Status, new[] { PartStatus.Passed, PartStatus.ManualGrading }));
        }
        AssertReason(Part(Grade("hw3-solution"), "stopping_tests"), "✓ early_stopping_choice [hidden test]: 1007 cases");
        AssertReason(Part(Grade("hw4-solution"), "temperature_tests"), "✓ fit_temperature [hidden test]");
        Assert.Contains("(A+\\lambda I)", Part(Grade("hw3-solution"), "derivation_answer").Answer!);
    }

    [SandboxFact]
    public void A_sum_instead_of_a_mean_and_a_tie_taken_as_improvement_cost_their_parts_with_specific_reasons()
    {
        var grade = Grade("hw3-mistakes");
        Assert.Empty(grade.Issues);
        AssertReason(Part(grade, "descent_tests"), "n times too large");
        AssertReason(Part(grade, "stopping_tests"), "a tie as an improvement");
        Assert.Equal(PartStatus.Passed, Part(grade, "filter_tests").Status);
        // Part 2 in full; parts 1 and 4 at most in part (some of their cases still pass).
        Assert.InRange(grade.Score, 2, 5.99);
    }

    [SandboxFact]
    public void An_overflowing_softmax_the_other_convention_and_an_inverted_temperature_get_specific_reasons()
    {
        var grade = Grade("hw4-mistakes");
        Assert.Empty(grade.Issues);
        AssertReason(Part(grade, "loss_tests"), "exp overflowed");
        AssertReason(Part(grade, "gradient_tests"), "the other convention");
        AssertReason(Part(grade, "temperature_tests"), "you returned 1/T");
        Assert.Equal(PartStatus.Passed, Part(grade, "calibration_tests").Status);
        Assert.InRange(grade.Score, 2, 7.99);
    }
}
