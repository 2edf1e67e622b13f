using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Homework;

namespace Homework.Tests;

/// <summary>The grader on real submissions: full marks, zero, and a specific reason for each deliberate mistake.</summary>
[Collection("Grading")]
public class GradingTests(GradingFixture fixture)
{
    private StudentGrade Grade(string key) => fixture.Grades[key];

    private static PartGrade Part(StudentGrade grade, string id) => grade.Parts.Single(p => p.GradeId == id);

    /// <summary>The autograded parts (written answers are graded by hand and have their own status).</summary>
    private static IEnumerable<PartGrade> Autograded(StudentGrade grade) => grade.Parts.Where(p => p.Status != PartStatus.ManualGrading);

    private static void AssertReason(PartGrade part, string expected) =>
        Assert.True(part.Reason.Contains(expected, StringComparison.Ordinal), $"{part.GradeId}: expected “{expected}” in: {part.Reason}");

    [SandboxFact]
    public void The_solutions_score_full_marks_with_no_issues()
    {
        var hw1 = Grade("hw1-solution");
        Assert.Null(hw1.NotebookError);
        Assert.Equal((8.0, 8.0, 4.0), (hw1.Score, hw1.MaxScore, hw1.ManualPointsPending));
        Assert.Empty(hw1.Issues);
        Assert.All(Autograded(hw1), p => Assert.Equal(PartStatus.Passed, p.Status));
        var derivation = Part(hw1, "lambda_max_derivation");
        Assert.Equal(PartStatus.ManualGrading, derivation.Status);
        Assert.Equal(derivation.MaxPoints, derivation.Rubric!.Sum(r => r.Points)); // the rubric travels with the written answer
        // The instructor's sheet shows the rubric with the student's text; the student's feedback does not (it names the answer).
        var sheet = GradeReports.ManualGradingSheet([hw1], fixture.Graders["hw1-l1-l2"].Parts);
        Assert.Contains("Computes ∇f(0) = −Xᵀy/n", sheet);
        Assert.Contains("> $J = f + \\lambda", sheet);
        Assert.DoesNotContain("Computes ∇f(0)", GradeReports.Feedback(hw1));
        // The model interpretation of part 6 quotes the experiment's table: best held-out error 0.110 at λ = 0.03,
        // 0.136 ± 0.014 at λ = 0, 7–9 nonzero weights at λ = 0.03 and 4–5 at λ = 0.1.
        var executed = File.ReadAllText(hw1.ExecutedPath!);
        Assert.Contains("  0.00      0.0641         0.1357 ± 0.0142                  20, 20, 20", executed);
        Assert.Contains("  0.03      0.0777         0.1101 ± 0.0044                  9, 9, 7", executed);
        Assert.Contains("  0.10      0.1272         0.1595 ± 0.0327                  5, 4, 5", executed);
        AssertReason(Part(hw1, "soft_threshold_tests"), "✓ soft_threshold [hidden test]: 2009 cases");

        var hw2 = Grade("hw2-solution");
        Assert.Equal((8.0, 8.0, 4.0), (hw2.Score, hw2.MaxScore, hw2.ManualPointsPending));
        AssertReason(Part(hw2, "network_check_tests"), "✓ network_gradient_check [hidden test]");
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
        foreach (var key in new[] { "hw1-exercise", "hw2-exercise", "hw3-exercise", "hw4-exercise", "hw5-exercise", "hw6-exercise" })
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
        // Parts 1–3 are wrong and earn partial credit for the cases they still pass; the training loop of part 4 is
        // right and is not charged for the SoftThreshold of part 3 it calls (it is regraded with a correct one), and
        // part 5 is right: 2 + 1 points, plus the partial credit.
        Assert.Equal(Math.Round(grade.Parts.Sum(p => p.Points), 2), grade.Score);
        Assert.InRange(grade.Score, 3.0, 7.0);
        var l2 = Part(grade, "l2_tests");
        AssertReason(l2, "the sign is flipped");
        // The penalty's value is right (its two checks pass), the gradient's sign is wrong: at least half of part 1.
        Assert.Equal(PartStatus.PartlyPassed, l2.Status);
        Assert.InRange(l2.Points, 1.0, 1.99);
        AssertReason(l2, "partial credit: ");
        AssertReason(l2, $"→ {l2.Points:0.##} / 2 (the mean of 4 checks' pass rates");
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
    public void The_hw5_and_hw6_solutions_score_every_autograded_point_and_send_their_written_answers_for_hand_grading()
    {
        foreach (var (key, autograded, written) in new[] { ("hw5-solution", 6.0, 4.0), ("hw6-solution", 8.0, 2.0) })
        {
            var grade = Grade(key);
            Assert.Null(grade.NotebookError);
            Assert.Equal((autograded, autograded, written), (grade.Score, grade.MaxScore, grade.ManualPointsPending));
            Assert.Empty(grade.Issues);
            Assert.All(grade.Parts, p => Assert.Contains(p.Status, new[] { PartStatus.Passed, PartStatus.ManualGrading }));
        }
        Assert.Contains("slope ≈ 2", Part(Grade("hw5-solution"), "order_answer").Answer!);
        AssertReason(Part(Grade("hw6-solution"), "bagging_tests"), "✓ bagged_prediction [hidden test]");
    }

    [SandboxFact]
    public void A_wrong_factor_in_the_modified_gradient_and_summed_batch_gradients_cost_their_parts_with_specific_hints()
    {
        var grade = Grade("hw5-mistakes");
        Assert.InRange(grade.Score, 2, 5.99); // part 2 is right; parts 1 and 4 earn at most the cases they pass
        var modified = Part(grade, "modified_tests");
        Assert.NotEqual(PartStatus.Passed, modified.Status);
        AssertReason(modified, "∇‖∇L‖² = 2H∇L");
        Assert.Equal(PartStatus.Passed, Part(grade, "descent_tests").Status);
        AssertReason(Part(grade, "batch_tests"), "the mean of its examples' gradients, not their sum");
    }

    [SandboxFact]
    public void A_permutation_for_a_bootstrap_sample_costs_part_1_only_and_swapped_mixup_weights_are_named()
    {
        var grade = Grade("hw6-mistakes");
        Assert.InRange(grade.Score, 4, 7.99); // parts 2 and 4 are right; parts 1 and 3 earn at most the cases they pass
        AssertReason(Part(grade, "bootstrap_tests"), "that is a permutation");
        var bagging = Part(grade, "bagging_tests");
        Assert.Equal(PartStatus.Passed, bagging.Status);
        AssertReason(bagging, "passes with a correct 'bootstrap_code' in place of yours");
        var mixup = Part(grade, "mixup_tests");
        AssertReason(mixup, "λ and 1 − λ are swapped");
        Assert.Equal(PartStatus.Passed, Part(grade, "ambiguity_tests").Status);
    }

    [SandboxFact]
    public void An_infinite_loop_costs_only_its_part_and_a_deleted_test_cell_is_restored_and_reported()
    {
        var grade = Grade("hw1-loop-and-deleted-cell");
        Assert.Equal(6, grade.Score); // 8 autograded points less the 2 of part 4 (both of its checks time out: no case counts)
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
        // The mask (1), the network gradient check (2) and MC dropout (2) are right; forward and backward keep the
        // credit of the p = 0 cases only, and the part that does not compile earns nothing.
        Assert.Equal(PartStatus.Passed, Part(grade, "mask_tests").Status);
        Assert.Equal(PartStatus.Passed, Part(grade, "network_check_tests").Status);
        Assert.InRange(grade.Score, 5.0, 6.5);
        AssertReason(Part(grade, "forward_tests"), "missing the 1/(1−p) scaling");
        AssertReason(Part(grade, "backward_tests"), "missing the 1/(1−p) scaling");
        Assert.True(Part(grade, "forward_tests").Points < 0.5);
        var compile = Part(grade, "variance_tests");
        Assert.Equal(0, compile.Points);
        AssertReason(compile, "your answer cell 'variance_code' (cell 17 in your notebook) failed");
        AssertReason(compile, "CS1002");
        Assert.Equal(PartStatus.Passed, Part(grade, "mc_tests").Status);
    }

    [SandboxFact]
    public void An_endless_cell_of_the_students_own_is_stopped_by_the_per_cell_limit_and_later_parts_say_why_they_did_not_run()
    {
        var grade = Grade("hw1-endless-cell");
        Assert.Equal(0, grade.Score);
        Assert.Equal("extra", Assert.Single(grade.Issues).Kind); // an extra cell is allowed; it is its endless loop that costs the points
        Assert.All(Autograded(grade), p =>
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
        Assert.Equal("student,assignment,score,max_score,manual_points_pending,l2_tests,weight_decay_tests,soft_threshold_tests,"
                     + "proximal_tests,lambda_max_derivation,lambda_max_tests,experiment_interpretation,notes", csv[0]);
        Assert.Equal(grades.Count + 1, csv.Length);
        var mistakes = Grade("hw1-mistakes");
        string Number(double v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(csv, row => row.StartsWith($"hw1-mistakes,hw1-l1-l2,{Number(mistakes.Score)},8,4,{Number(Part(mistakes, "l2_tests").Points)},", StringComparison.Ordinal)
                                    && row.EndsWith(",2,manual,1,manual,weight_decay_tests modified", StringComparison.Ordinal));
        var feedback = GradeReports.Feedback(mistakes);
        Assert.Contains($"**Autograded score: {Number(mistakes.Score)} / 8**", feedback);
        Assert.Contains("◐", feedback);
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
