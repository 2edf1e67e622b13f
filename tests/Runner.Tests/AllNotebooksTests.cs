using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Tests;

/// <summary>
/// Every notebook of the course runs top to bottom through the runner without a cell error: lectures, homework
/// solutions, and the generated exercises (which must run before a student writes anything). Executed copies go to
/// out/runner-tests/all/ for inspection.
/// </summary>
public sealed class AllNotebooksTests
{
    public static TheoryData<string> CourseNotebooks() => NotebookConventionTests.RepositoryNotebooks();

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public async Task The_notebook_runs_without_errors(string notebook)
    {
        var source = Path.Combine(TestNotebooks.RepoRoot, notebook);
        var result = await NotebookRunCache.RunAsync(source, repositoryRoot: TestNotebooks.RepoRoot);
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.NotEmpty(result.Cells);
    }
}
