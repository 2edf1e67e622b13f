using System.Diagnostics;
using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Homework;
using RegularizationLab.Lab.Notebooks;

namespace Homework.Tests;

/// <summary>
/// Under nbgrader (which sets NBGRADER_EXECUTION=autograde while it executes a notebook) a failing check must fail its
/// grade cell, as nbgrader gives a cell's points only when it runs without an error. The instructor's version (hidden
/// tests included, as nbgrader's autograde runs it) is run once as solved and once with a wrong answer.
/// </summary>
[Collection("Grading")]
public class NbgraderTests
{
    /// <summary>Runs the child with nbgrader's environment variable, through the runner's sandbox hook.</summary>
    private sealed class NbgraderEnvironment : IChildSandbox
    {
        public string ExchangeFolder { get; } = Directory.CreateTempSubdirectory("nbgrader-env").FullName;

        public string? StandardInput => null;

        public void Wrap(ProcessStartInfo start) => start.Environment["NBGRADER_EXECUTION"] = "autograde";
    }

    private static async Task<(NotebookRunResult Result, Notebook Notebook)> Run(string name, Func<string, string> edit,
        string assignment = "hw1-l1-l2", bool stubs = false)
    {
        var folder = Path.Combine(Repository.Root, "solutions"); // "../bin/course/Course.dll" must resolve as for the solution
        var notebook = Notebook.Load(Repository.Solution(assignment));
        foreach (var cell in notebook.Cells)
            cell.Source = edit(HomeworkMarkers.StripMarkers(stubs ? HomeworkMarkers.ReplaceSolutions(cell.Source, name) : cell.Source));
        var path = Path.Combine(Repository.Root, "out", "nbgrader-tests", name + ".ipynb");
        notebook.Save(path);
        var runner = new IsolatedNotebookRunner(new RunnerOptions
        {
            CellTimeout = TimeSpan.FromSeconds(120), ContinueOnError = true, BaseDirectory = folder, Sandbox = new NbgraderEnvironment(),
        });
        return (await runner.RunAsync(path, Path.ChangeExtension(path, ".executed.ipynb")), notebook);
    }

    private static CellStatus StatusOf((NotebookRunResult Result, Notebook Notebook) run, string gradeId) =>
        run.Result.Cells.Single(c => c.Number == run.Notebook.Cells.First(n => NbgraderCell.Read(n)!.GradeId == gradeId).Number).Status;

    [Fact]
    public async Task Under_nbgrader_a_solution_passes_every_grade_cell_and_a_wrong_answer_fails_its_own()
    {
        var solved = await Run("solved", s => s);
        Assert.True(solved.Result.Succeeded, solved.Result.FailureReport);

        var wrong = await Run("flipped-sign", s => s.Replace("gradient[i] = lambda * w[i];", "gradient[i] = -lambda * w[i];"));
        Assert.Equal(CellStatus.Failed, StatusOf(wrong, "l2_tests"));
        Assert.Contains("the sign is flipped", wrong.Result.Cells.Single(c => c.Status == CellStatus.Failed).Error);
        foreach (var other in new[] { "weight_decay_tests", "soft_threshold_tests", "proximal_tests", "lambda_max_tests" })
            Assert.Equal(CellStatus.Ok, StatusOf(wrong, other));
    }

    /// <summary>
    /// The later sets, one run each: one answer made wrong fails exactly its own grade cell under nbgrader, and every
    /// other grade cell (solution code, hidden tests included) passes.
    /// </summary>
    [Theory]
    [InlineData("hw5-implicit-regularization", "result[i] = g[i] + alpha / 2 * hg;", "result[i] = g[i] + alpha / 4 * hg;", "modified_tests", "∇‖∇L‖² = 2H∇L")]
    [InlineData("hw6-ensembles-and-augmentation", "diversity += (f[k] - mean) * (f[k] - mean) / members;",
        "diversity += (f[k] - mean) * (f[k] - mean) / (members + 1);", "ambiguity_tests", "ambiguity_terms")]
    public async Task Under_nbgrader_one_wrong_answer_in_a_later_set_fails_only_its_own_grade_cell(
        string assignment, string from, string to, string failingCell, string reason)
    {
        var run = await Run(assignment + "-wrong", s => s.Replace(from, to, StringComparison.Ordinal), assignment);
        Assert.Equal(CellStatus.Failed, StatusOf(run, failingCell));
        Assert.Contains(reason, run.Result.Cells.Single(c => c.Status == CellStatus.Failed).Error);
        foreach (var cell in run.Notebook.Cells.Select(NbgraderCell.Read).Where(m => m!.Grade && m.GradeId != failingCell && m.GradeId.EndsWith("_tests", StringComparison.Ordinal)))
            Assert.Equal(CellStatus.Ok, StatusOf(run, cell!.GradeId));
    }

    /// <summary>The instructor's version of each newer set, once with one wrong answer and once with the exercise's stubs.</summary>
    [Theory]
    [InlineData("hw3-early-stopping", "if (losses[k] < losses[best]) best = k;", "if (losses[k] <= losses[best]) best = k;",
        "stopping_tests", "a tie as an improvement")]
    [InlineData("hw4-label-smoothing-calibration", "return Math.Exp((low + high) / 2);", "return Math.Exp(-(low + high) / 2);",
        "temperature_tests", "you returned 1/T")]
    public async Task Under_nbgrader_a_wrong_answer_fails_only_its_grade_cell_and_the_stubs_fail_every_one(
        string assignment, string right, string wrong, string gradeCell, string hint)
    {
        var mistake = await Run(assignment + "-wrong", s => s.Replace(right, wrong, StringComparison.Ordinal), assignment);
        Assert.Equal(CellStatus.Failed, StatusOf(mistake, gradeCell));
        Assert.Contains(hint, mistake.Result.Cells.Single(c => c.Status == CellStatus.Failed).Error);

        var stubs = await Run(assignment + "-stubs", s => s, assignment, stubs: true);
        var graded = stubs.Notebook.Cells.Where(c => NbgraderCell.Read(c)!.Grade && c.Kind == CellKind.Code).ToList();
        Assert.NotEmpty(graded);
        Assert.All(graded, c => Assert.Equal(CellStatus.Failed, StatusOf(stubs, NbgraderCell.Read(c)!.GradeId)));
        Assert.All(stubs.Result.Cells.Where(c => graded.All(g => g.Number != c.Number)), c => Assert.Equal(CellStatus.Ok, c.Status));
    }
}
