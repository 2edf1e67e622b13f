using System.Text.Json.Nodes;
using RegularizationLab.Lab.Homework;
using RegularizationLab.Lab.Notebooks;

namespace Homework.Tests;

/// <summary>Solution notebooks as the single source: their metadata, and the exercises generated from them.</summary>
public class GeneratorTests
{
    public static TheoryData<string> Assignments => [.. Repository.Assignments];

    [Theory]
    [MemberData(nameof(Assignments))]
    public void The_committed_exercise_is_exactly_what_the_generator_makes_from_the_solution(string assignment)
    {
        var expected = GenerateVerb.GenerateText(Repository.Solution(assignment), Repository.Root);
        Assert.True(File.Exists(Repository.Exercise(assignment)), $"exercises/{assignment}.ipynb is missing: run `lab generate`.");
        var committed = File.ReadAllText(Repository.Exercise(assignment));
        Assert.True(expected == committed, $"exercises/{assignment}.ipynb is out of date with solutions/{assignment}.ipynb: run `lab generate`.");
    }

    [Theory]
    [MemberData(nameof(Assignments))]
    public void Every_cell_carries_nbgrader_and_Polyglot_metadata_and_the_graded_parts_and_points_add_up(string assignment)
    {
        var notebook = Notebook.Load(Repository.Solution(assignment));
        var ids = new HashSet<string>();
        foreach (var cell in notebook.Cells)
        {
            var nbgrader = Assert.IsType<JsonObject>(cell.Metadata["nbgrader"]);
            Assert.Equal(3, (int)nbgrader["schema_version"]!);
            foreach (var key in new[] { "grade_id", "solution", "grade", "locked" })
                Assert.True(nbgrader.ContainsKey(key), $"cell {cell.Number} lacks nbgrader.{key}");
            var meta = NbgraderCell.Read(cell)!;
            Assert.True(ids.Add(meta.GradeId), $"grade_id {meta.GradeId} repeats");
            Assert.Equal(!meta.Solution, meta.Locked);
            if (meta.Grade) Assert.True(meta.Points > 0, $"{meta.GradeId} has no points");
            Assert.NotNull(cell.PolyglotKernelName);
        }
        var graded = notebook.Cells.Select(NbgraderCell.Read).Where(m => m!.Grade).ToList();
        // 3–6 autograded parts, and 4–8 graded cells in all: a written answer graded by hand against its rubric is a
        // graded part too (hw3 and hw5: three test cells and two written answers; hw2: six and two).
        Assert.InRange(graded.Count(m => m!.IsAutogradedTest), 3, 6);
        Assert.InRange(graded.Count, 4, 8);
        // The points the introduction announces are the points the cells carry.
        var announced = System.Text.RegularExpressions.Regex.Match(notebook.Cells[0].Source, @"\*\*Points\.\*\* (\d+)");
        Assert.True(announced.Success, "the introduction should state **Points.** N");
        Assert.Equal(double.Parse(announced.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), graded.Sum(m => m!.Points));
        Assert.Equal(".net-csharp", (string?)notebook.Metadata["kernelspec"]?["name"]);
    }

    [Theory]
    [MemberData(nameof(Assignments))]
    public void The_exercise_has_stubs_instead_of_solutions_no_hidden_tests_and_checksums_of_locked_cells(string assignment)
    {
        var solution = Notebook.Load(Repository.Solution(assignment));
        var exercise = ExerciseGenerator.Generate(solution, "solutions/" + assignment + ".ipynb");
        var text = exercise.ToJson();
        Assert.DoesNotContain("BEGIN SOLUTION", text);
        Assert.DoesNotContain("HIDDEN TESTS", text);
        Assert.DoesNotContain("CheckOptions.Hidden", text);
        var checksums = Assert.IsType<JsonObject>(exercise.Metadata["lab_homework"]?["protected_cell_checksums"]);

        foreach (var (cell, original) in exercise.Cells.Zip(solution.Cells))
        {
            var meta = NbgraderCell.Read(cell)!;
            if (meta.Solution && cell.Kind == CellKind.Code)
            {
                Assert.Contains("throw new NotImplementedException();", cell.Source);
                Assert.NotEqual(original.Source, cell.Source);
            }
            else if (meta.Solution)
            {
                Assert.Equal("YOUR ANSWER HERE", cell.Source);
            }
            else
            {
                Assert.Equal(HomeworkMarkers.Checksum((string)cell.Json["cell_type"]!, cell.Source), (string?)checksums[meta.GradeId]);
                if (!original.Source.Contains("HIDDEN TESTS")) Assert.Equal(original.Source, cell.Source);
            }
        }
    }

    [Fact]
    public void The_stub_keeps_the_function_signature_and_the_code_around_the_block()
    {
        const string source = "double F(double x)\n{\n    var y = 2;\n    // BEGIN SOLUTION\n    return x * y;\n    // END SOLUTION\n}";
        Assert.Equal("double F(double x)\n{\n    var y = 2;\n    // YOUR CODE HERE\n    throw new NotImplementedException();\n}",
            HomeworkMarkers.ReplaceSolutions(source, "test"));
        Assert.Equal("Checks.A(F);", HomeworkMarkers.RemoveHiddenTests("Checks.A(F);\n// BEGIN HIDDEN TESTS\nChecks.B(F);\n// END HIDDEN TESTS", "test"));
    }

    [Fact]
    public void Unbalanced_markers_are_reported_with_the_cell_and_line()
    {
        var open = Assert.Throws<FormatException>(() => HomeworkMarkers.ReplaceSolutions("a\n// BEGIN SOLUTION\nb", "hw, cell 4"));
        Assert.Equal("hw, cell 4: the 'BEGIN SOLUTION' on line 2 is never closed with 'END SOLUTION'.", open.Message);
        var stray = Assert.Throws<FormatException>(() => HomeworkMarkers.RemoveHiddenTests("// END HIDDEN TESTS", "hw, cell 5"));
        Assert.Contains("line 1 has 'END HIDDEN TESTS' without a matching 'BEGIN HIDDEN TESTS'", stray.Message);
    }

    [Fact]
    public void Checksums_ignore_line_endings_but_not_edits()
    {
        Assert.Equal(HomeworkMarkers.Checksum("code", "a\nb\n"), HomeworkMarkers.Checksum("code", "a\r\nb"));
        Assert.NotEqual(HomeworkMarkers.Checksum("code", "Checks.A(F);"), HomeworkMarkers.Checksum("code", "// Checks.A(F);"));
        Assert.NotEqual(HomeworkMarkers.Checksum("code", "x"), HomeworkMarkers.Checksum("markdown", "x"));
    }
}
