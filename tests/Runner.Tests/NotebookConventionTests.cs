using System.Text.Json.Nodes;
using RegularizationLab.Lab.Checking;
using RegularizationLab.Lab.Verbs;

namespace RegularizationLab.Lab.Tests;

/// <summary>`lab check`: committed notebooks parse, carry the Polyglot C# metadata, and have no outputs.</summary>
public sealed class NotebookConventionTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    public static TheoryData<string> RepositoryNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "notebooks", "solutions", "exercises" })
        {
            var path = Path.Combine(TestNotebooks.RepoRoot, folder);
            if (!Directory.Exists(path))
                continue;
            foreach (var notebook in Directory.EnumerateFiles(path, "*.ipynb", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(TestNotebooks.RepoRoot, notebook));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryNotebooks))]
    public void Every_committed_notebook_follows_the_convention(string notebook)
    {
        var problems = NotebookConvention.Check(Path.Combine(TestNotebooks.RepoRoot, notebook));
        Assert.True(problems.Count == 0, $"{notebook}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_pilot_notebook_exists() =>
        Assert.True(File.Exists(Path.Combine(TestNotebooks.RepoRoot, "notebooks", "00-introduction.ipynb")));

    [Fact]
    public void A_notebook_written_by_the_test_helper_follows_the_convention() =>
        Assert.Empty(NotebookConvention.Check(_notebooks.Write("ok.ipynb", "var x = 1;")));

    [Fact]
    public void Outputs_execution_counts_and_missing_metadata_are_each_reported()
    {
        var cells = new JsonArray { TestNotebooks.MarkdownCell("# Title") };
        var code = TestNotebooks.CodeCell("1 + 1");
        code["outputs"] = new JsonArray { new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "2" } };
        code["execution_count"] = 3;
        ((JsonObject)code["metadata"]!).Remove("polyglot_notebook");
        cells.Add(code);
        var document = TestNotebooks.Document(cells);
        ((JsonObject)document["metadata"]!).Remove("kernelspec");
        var path = _notebooks.WriteRaw("bad.ipynb", document.ToJsonString());

        var problems = NotebookConvention.Check(path);

        Assert.Contains(problems, p => p.StartsWith("metadata.kernelspec.name is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cell 2 (1 + 1): has 1 output(s)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("execution_count is 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("metadata.polyglot_notebook.kernelName is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_notebook_that_does_not_parse_is_reported()
    {
        var path = _notebooks.WriteRaw("broken.ipynb", "{ not json");
        Assert.Contains("not valid JSON", Assert.Single(NotebookConvention.Check(path)));
    }

    [Fact]
    public async Task The_check_verb_passes_on_the_repository_and_fails_on_a_bad_notebook()
    {
        var folders = new[] { "notebooks", "solutions", "exercises" }
            .Select(f => Path.Combine(TestNotebooks.RepoRoot, f)).Where(Directory.Exists).ToArray();
        Assert.Equal(0, await new CheckVerb().RunAsync(folders));
        Assert.Equal(1, await new CheckVerb().RunAsync([_notebooks.WriteRaw("broken.ipynb", "[]")]));
    }
}
