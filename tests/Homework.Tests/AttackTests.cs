using RegularizationLab.Lab.Homework;

namespace Homework.Tests;

/// <summary>
/// Issue 10's classes of failure, each as a submission: the expected score, a specific reason, and the batch and every
/// other student's results intact.
/// </summary>
[Collection("Grading")]
public class AttackTests(AttackFixture fixture)
{
    private StudentGrade Grade(string key) => fixture.Grades[key];

    private static PartGrade Part(StudentGrade grade, string id) => grade.Parts.Single(p => p.GradeId == id);

    private static void AssertReason(PartGrade part, string expected) =>
        Assert.True(part.Reason.Contains(expected, StringComparison.Ordinal), $"{part.GradeId}: expected “{expected}” in: {part.Reason}");

    private static void AssertIssue(StudentGrade grade, string kind, string expected) =>
        Assert.True(grade.Issues.Any(i => i.Kind == kind && i.Detail.Contains(expected, StringComparison.Ordinal)),
            $"expected a '{kind}' issue with “{expected}” in: {string.Join(" | ", grade.Issues.Select(i => $"{i.Kind}: {i.Detail}"))}");

    /// <summary>The autograded parts (written answers are graded by hand and have their own status).</summary>
    private static IEnumerable<PartGrade> Autograded(StudentGrade grade) => grade.Parts.Where(p => p.Status != PartStatus.ManualGrading);

    private string Executed(string key) => File.ReadAllText(Grade(key).ExecutedPath!);

    [SandboxFact]
    public void Forged_results_and_fake_progress_lines_are_rejected_before_they_run()
    {
        var forged = Grade("forged-results");
        Assert.Equal(0, forged.Score);
        AssertIssue(forged, "rejected", "System.IO.File.WriteAllText");
        Assert.All(Autograded(forged), p => AssertReason(p, "not implemented yet"));
        var progress = Grade("fake-progress");
        Assert.Equal(0, progress.Score);
        AssertIssue(progress, "rejected", "line 1 uses System.IO.Stream"); // what Console.OpenStandardOutput returns
    }

    [SandboxFact]
    public void Forged_signed_lines_printed_from_inside_the_sandbox_are_ignored_and_the_exit_is_reported()
    {
        var grade = Grade("sandbox-forged");
        Assert.Equal(0, grade.Score);
        AssertIssue(grade, "forged", "5 result line(s) the grader did not sign");
        Assert.All(Autograded(grade), p => Assert.Equal(PartStatus.NotRun, p.Status));
        Assert.All(Autograded(grade), p => AssertReason(p, "the notebook process ended before the grader's checks ran"));
        Assert.DoesNotContain("cell 5 ok", grade.NotebookError); // the fake progress line is not echoed back
    }

    [SandboxFact]
    public void Reflection_is_rejected_in_an_answer_and_changes_nothing_when_it_runs()
    {
        var grade = Grade("reflection");
        Assert.Equal(6, grade.Score); // 8 autograded points, less part 1 (2)
        var part = Part(grade, "l2_tests");
        AssertReason(part, "your answer cell 'l2_code' (cell 4 in your notebook) was not run");
        AssertReason(part, "reflection");
        // Switching grading mode off by reflection inside the sandbox does not make the stubs pass.
        Assert.Equal(0, Grade("sandbox-reflection").Score);
        Assert.All(Autograded(Grade("sandbox-reflection")), p => AssertReason(p, "not implemented yet"));
    }

    [SandboxFact]
    public void Importing_the_solution_is_rejected_and_the_solution_is_not_in_the_sandbox()
    {
        var grade = Grade("import-solution");
        Assert.Equal(0, grade.Score);
        AssertIssue(grade, "rejected", "the directive '#!import'");
        Assert.Contains("found the hidden tests: False", Executed("sandbox-reads"));
        Assert.Equal(8, Grade("sandbox-reads").Score);
    }

    [SandboxFact]
    public void Writes_outside_the_sandbox_fail_and_leave_the_repository_and_other_reports_intact()
    {
        var executed = Executed("sandbox-writes");
        // The tool is mounted at a fixed path, so no folder of the repository's host path exists in the sandbox, not even
        // when the repository lives under /tmp (the sandbox's /tmp is private and writable): every write fails.
        Assert.DoesNotMatch(@"wrote [/.]", executed); // the cell's own source says "wrote {target}"
        Assert.Contains("could not write README.md", executed);
        Assert.Contains("could not write aa-honest.json", executed);
        Assert.Contains("could not write Charts.csx", executed);
        Assert.DoesNotContain("changed by a submission", File.ReadAllText(Path.Combine(Repository.Root, "README.md")));
        Assert.Equal(fixture.ChartsHashBefore, AttackFixture.HashOf(Path.Combine(Repository.Root, "lib", "Charts.csx")));
        Assert.Equal(fixture.HonestReportAfterGrading, File.ReadAllText(Path.Combine(fixture.BatchFolder, "aa-honest.json")));
        Assert.Equal(8, Grade("sandbox-writes").Score);
    }

    [SandboxFact]
    public void A_background_process_holding_the_output_dies_with_the_sandbox_and_the_batch_goes_on()
    {
        var grade = Grade("sandbox-background");
        Assert.Null(grade.NotebookError);
        Assert.Equal(8, grade.Score);
        Assert.Equal((8.0, 8.0), (Grade("aa-honest").Score, Grade("zz-honest").Score));
        var gradebook = File.ReadAllLines(Path.Combine(fixture.BatchFolder, "gradebook.csv"));
        Assert.Equal(8, gradebook.Length); // header + 7 students
    }

    [SandboxFact]
    public void A_memory_hog_is_told_it_ran_out_of_memory_and_gets_the_same_score_every_run()
    {
        var first = Grade("memory-hog");
        var second = Grade("memory-hog-again");
        AssertReason(Part(first, "l2_tests"), $"ran out of memory: the grader allows {AttackFixture.MemoryMegabytes} MB");
        Assert.Equal(first.Score, second.Score);
        Assert.Equal(Part(first, "l2_tests").Reason, Part(second, "l2_tests").Reason);
        Assert.Equal(6, first.Score);
    }

    [SandboxFact]
    public void Batch_crashers_get_a_score_and_a_specific_reason()
    {
        var asFloat = Grade("nbformat-float");
        Assert.Equal(8, asFloat.Score);
        AssertIssue(asFloat, "repaired", "nbformat was 4.0");
        var notText = Grade("source-not-text");
        AssertIssue(notText, "repaired", "source is not text");
        Assert.Equal(6, notText.Score);
        AssertReason(Part(notText, "l2_tests"), "not implemented yet");
        var garbage = Grade("garbage");
        Assert.Equal(0, garbage.Score);
        Assert.Contains("not valid JSON", garbage.NotebookError);
    }

    [SandboxFact]
    public void Layout_accidents_still_find_the_answers_and_say_how()
    {
        var bare = Grade("no-metadata");
        Assert.Equal(8, bare.Score);
        AssertIssue(bare, "matched", "by its position between the locked cells");
        var split = Grade("split-answer");
        Assert.Equal(8, split.Score);
        AssertIssue(split, "extra", "cell 5 is not part of the assignment; it was run after 'l2_code'");
        var two = Grade("two-notebooks");
        Assert.Equal(8, two.Score);
        AssertIssue(two, "several notebooks", "'hw1 final.ipynb' was graded");
        var other = Grade("other-assignment");
        Assert.Equal(0, other.Score);
        Assert.Contains("none of the cells of hw1-l1-l2 were found", other.NotebookError);
        Assert.Contains("Homework 2", other.NotebookError);
    }

    [SandboxFact]
    public void Delegating_to_library_code_scores_the_part_zero_with_the_reason()
    {
        var grade = Grade("delegation");
        var part = Part(grade, "soft_threshold_tests");
        Assert.Equal(0, part.Points);
        AssertReason(part, "RegularizationLab.Regularizers.SoftThresholding.Apply");
        AssertReason(part, "write it yourself");
        // The reference loop is not in a student's scope at all.
        var reference = Part(Grade("delegation-to-reference"), "proximal_tests");
        Assert.Equal(0, reference.Points);
        AssertReason(reference, "Checks");
    }

    [SandboxFact]
    public void An_answer_that_changes_its_input_array_loses_its_part()
    {
        // Per-case credit: only the cases where writing into the input changes nothing (t = 0, empty or all-zero
        // vectors) pass, a small fraction of the part.
        var part = Part(Grade("input-mutation"), "soft_threshold_tests");
        Assert.InRange(part.Points, 0, part.MaxPoints / 4);
        AssertReason(part, "your function wrote into its argument");
    }
}
