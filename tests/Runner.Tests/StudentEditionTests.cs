using System.Text.Json.Nodes;
using RegularizationLab.Lab.Checking;
using RegularizationLab.Lab.Notebooks;
using RegularizationLab.Lab.Verbs;

namespace RegularizationLab.Lab.Tests;

/// <summary>`lab student`: the lectures without the instructor's answer blocks, and nothing else changed.</summary>
public sealed class StudentEditionTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    public static TheoryData<string> Lectures()
    {
        var data = new TheoryData<string>();
        foreach (var notebook in Directory.EnumerateFiles(Path.Combine(TestNotebooks.RepoRoot, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(notebook));
        return data;
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static List<string> CodeOf(Notebook notebook) =>
        notebook.Cells.Where(c => c.Kind == CellKind.Code).Select(c => c.Source).ToList();

    [Theory]
    [MemberData(nameof(Lectures))]
    public async Task The_student_edition_of_a_lecture_has_no_answers_the_same_code_and_passes_lab_check(string lecture)
    {
        var source = Path.Combine(TestNotebooks.RepoRoot, "notebooks", lecture);
        var output = Path.Combine(_notebooks.Folder, "student");

        Assert.Equal(0, await new StudentVerb().RunAsync([source, "--out", output]));

        var student = Path.Combine(output, lecture);
        var original = Notebook.Load(source);
        var edition = Notebook.Load(student);
        string originalText = string.Concat(original.Cells.Select(c => c.Source));
        string editionText = string.Concat(edition.Cells.Select(c => c.Source));
        Assert.Equal(0, Count(editionText, StudentEdition.AnswerOpening));
        // Exactly the answer blocks went: the text that is left is the original minus those blocks, nothing more.
        Assert.Equal(Count(originalText, "<details"), Count(editionText, "<details") + Count(originalText, StudentEdition.AnswerOpening));
        Assert.Equal(CodeOf(original), CodeOf(edition));
        Assert.Equal(original.Metadata.ToJsonString(), edition.Metadata.ToJsonString());
        Assert.Empty(NotebookConvention.Check(student));
    }

    [Fact]
    public void The_lectures_have_answer_keys_to_remove()
    {
        // Guards the theory above against passing because no lecture has an answer block any more.
        int total = Directory.EnumerateFiles(Path.Combine(TestNotebooks.RepoRoot, "notebooks"), "*.ipynb")
            .Sum(l => Count(File.ReadAllText(l), StudentEdition.AnswerOpening));
        Assert.True(total >= 10, $"only {total} instructor answer blocks in the lectures");
    }

    [Fact]
    public void An_answer_block_goes_with_the_blank_line_before_it_and_other_details_stay()
    {
        const string markdown = "**Question.** Why?\n\n<details><summary>Answer (instructor)</summary>\n\nBecause <details><summary>more</summary>x</details> so.\n\n</details>\n\n<details><summary>Hint</summary>Look.</details>";
        var (text, removed) = StudentEdition.WithoutAnswers(markdown);
        Assert.Equal(1, removed);
        Assert.Equal("**Question.** Why?\n\n<details><summary>Hint</summary>Look.</details>", text);
    }

    [Fact]
    public void A_cell_that_holds_only_an_answer_is_removed_and_code_cells_stay()
    {
        var cells = new JsonArray
        {
            TestNotebooks.MarkdownCell("# Lecture\n\n**Q.** 1 + 1?"),
            TestNotebooks.MarkdownCell("<details><summary>Answer (instructor)</summary>\n\n2\n\n</details>"),
            TestNotebooks.CodeCell("var two = 1 + 1;"),
        };
        var path = _notebooks.WriteRaw("lecture.ipynb", TestNotebooks.Document(cells).ToJsonString());

        var (json, removed) = StudentEdition.Make(File.ReadAllText(path), path);

        var edition = Notebook.Parse(json);
        Assert.Equal(1, removed);
        Assert.Equal([CellKind.Markdown, CellKind.Code], edition.Cells.Select(c => c.Kind));
        Assert.Equal("var two = 1 + 1;", edition.Cells[1].Source);
    }

    [Fact]
    public void An_answer_block_without_its_closing_tag_is_reported_with_the_notebook()
    {
        var e = Assert.Throws<NotebookFormatException>(() =>
            StudentEdition.WithoutAnswers("<details><summary>Answer (instructor)</summary>\n\nDangling", "03-x.ipynb"));
        Assert.Contains("03-x.ipynb", e.Message);
        Assert.Contains("no closing </details>", e.Message);
    }

    [Fact]
    public async Task The_lectures_folder_itself_is_refused_as_the_output()
    {
        var lecture = _notebooks.Write("l/01-a.ipynb", "var a = 1;");
        await Assert.ThrowsAsync<Cli.UsageException>(() => new StudentVerb().RunAsync([lecture, "--out", Path.GetDirectoryName(lecture)!]));
    }
}
