using RegularizationLab.Lab.Homework;

namespace Homework.Tests;

/// <summary>The grade verb's file handling: finding submissions and writing every report (no notebook is run here).</summary>
public class GradeVerbTests
{
    [Fact]
    public void Submissions_are_found_as_files_or_as_one_notebook_per_student_folder()
    {
        var folder = Directory.CreateTempSubdirectory("submissions").FullName;
        File.WriteAllText(Path.Combine(folder, "ada.ipynb"), "{}");
        Directory.CreateDirectory(Path.Combine(folder, "grace"));
        File.WriteAllText(Path.Combine(folder, "grace", "hw1 final.ipynb"), "{}");
        Directory.CreateDirectory(Path.Combine(folder, "ada"));
        File.WriteAllText(Path.Combine(folder, "ada", "x.ipynb"), "{}");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a notebook");

        var found = GradeVerb.FindSubmissions([folder]);

        Assert.Equal(["ada", "ada-2", "grace"], found.Select(f => f.Student)); // a second "ada" must not overwrite the first's reports
        Assert.EndsWith(Path.Combine("grace", "hw1 final.ipynb"), Assert.Single(found[2].Paths));
    }

    [Fact]
    public void Editor_leftovers_are_ignored_and_a_folder_with_two_notebooks_offers_both()
    {
        var folder = Directory.CreateTempSubdirectory("leftovers").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "lin", ".ipynb_checkpoints"));
        File.WriteAllText(Path.Combine(folder, "lin", ".ipynb_checkpoints", "hw1-checkpoint.ipynb"), "{}");
        File.WriteAllText(Path.Combine(folder, "lin", "._hw1.ipynb"), "\0\0");
        File.WriteAllText(Path.Combine(folder, "lin", "hw1.ipynb"), "{}");
        File.WriteAllText(Path.Combine(folder, "lin", "scratch.ipynb"), "{}");
        File.WriteAllText(Path.Combine(folder, "._mo.ipynb"), "\0");

        var found = Assert.Single(GradeVerb.FindSubmissions([folder]));

        Assert.Equal("lin", found.Student);
        Assert.Equal(["hw1.ipynb", "scratch.ipynb"], found.Paths.Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_batch_with_unreadable_submissions_still_writes_every_report()
    {
        var folder = Directory.CreateTempSubdirectory("batch").FullName;
        var broken = Path.Combine(folder, "broken.ipynb");
        File.WriteAllText(broken, "{ \"cells\": [ ");
        var wrongFormat = Path.Combine(folder, "old.ipynb");
        File.WriteAllText(wrongFormat, "{ \"nbformat\": 3, \"cells\": [] }");
        var output = Path.Combine(folder, "grades");

        var grader = new Grader(Repository.Solution("hw1-l1-l2"));
        var grades = await GradeVerb.GradeAllAsync(grader, [("broken", broken), ("old", wrongFormat)], output);

        Assert.All(grades, g => Assert.Equal((0.0, 8.0), (g.Score, g.MaxScore)));
        Assert.Contains("not valid JSON", grades[0].NotebookError);
        Assert.Contains("none of the cells of hw1-l1-l2 were found", grades[1].NotebookError);
        foreach (var student in new[] { "broken", "old" })
        {
            Assert.True(File.Exists(Path.Combine(output, student + ".json")));
            Assert.Contains("Autograded score: 0 / 8", File.ReadAllText(Path.Combine(output, student + ".feedback.md")));
        }
        var gradebook = File.ReadAllLines(Path.Combine(output, "gradebook.csv"));
        Assert.Equal(3, gradebook.Length);
        Assert.StartsWith("broken,hw1-l1-l2,0,8,0,0,0,0,0,manual,0,manual,", gradebook[1]);
        var sheet = File.ReadAllText(Path.Combine(output, "manual-grading.md"));
        Assert.Contains("## lambda_max_derivation (2 points)", sheet);
        Assert.Contains("Computes ∇f(0) = −Xᵀy/n correctly", sheet);
    }
}
