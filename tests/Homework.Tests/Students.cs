using System.Text.Json.Nodes;
using RegularizationLab.Lab.Homework;
using RegularizationLab.Lab.Notebooks;

namespace Homework.Tests;

/// <summary>Builds students' notebooks from the exercise and the solution's answers, for the grading tests.</summary>
internal static class Students
{
    /// <summary>The exercise with the solution's answers filled in.</summary>
    public static string Solved(string assignment)
    {
        var solution = Notebook.Load(Repository.Solution(assignment));
        var answers = solution.Cells.ToDictionary(c => NbgraderCell.Read(c)!.GradeId, c => HomeworkMarkers.StripMarkers(c.Source));
        var student = Notebook.Load(Repository.Exercise(assignment));
        foreach (var cell in student.Cells)
            if (NbgraderCell.Read(cell)!.Solution) cell.Source = answers[NbgraderCell.Read(cell)!.GradeId];
        return student.ToJson();
    }

    public static string Edit(string notebook, string gradeId, Func<string, string> edit)
    {
        var student = Notebook.Parse(notebook);
        var cell = student.Cells.First(c => NbgraderCell.Read(c)?.GradeId == gradeId);
        var edited = edit(cell.Source);
        if (edited == cell.Source) throw new InvalidOperationException($"the test's edit of '{gradeId}' changed nothing");
        cell.Source = edited;
        return student.ToJson();
    }

    /// <summary>One extra code cell of the student's (no metadata, as an editor adds it) after the given cell.</summary>
    public static string WithExtraCell(string notebook, string afterGradeId, string code)
    {
        var student = Notebook.Parse(notebook);
        var anchor = student.Cells.First(c => NbgraderCell.Read(c)?.GradeId == afterGradeId);
        var extra = new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(),
            ["source"] = code,
        };
        ((JsonArray)student.Root["cells"]!).Insert(anchor.Index + 1, extra);
        return student.ToJson();
    }

    public static string SetSourceNode(string notebook, string gradeId, JsonNode source)
    {
        var student = Notebook.Parse(notebook);
        student.Cells.First(c => NbgraderCell.Read(c)?.GradeId == gradeId).Json["source"] = source;
        return student.Root.ToJsonString();
    }

    /// <summary>Every cell without its nbgrader and course metadata (what some editors and copy-paste leave).</summary>
    public static string WithoutMetadata(string notebook)
    {
        var student = Notebook.Parse(notebook);
        foreach (var cell in student.Cells) cell.Json["metadata"] = new JsonObject();
        return student.ToJson();
    }

    /// <summary>The answer cell cut in two at the given text; the second half has no metadata.</summary>
    public static string SplitAnswer(string notebook, string gradeId, string at)
    {
        var student = Notebook.Parse(notebook);
        var cell = student.Cells.First(c => NbgraderCell.Read(c)?.GradeId == gradeId);
        var source = cell.Source;
        int cut = source.IndexOf(at, StringComparison.Ordinal);
        cell.Source = source[..cut];
        var second = new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(),
            ["source"] = source[cut..],
        };
        ((JsonArray)student.Root["cells"]!).Insert(cell.Index + 1, second);
        return student.ToJson();
    }

    /// <summary>Tries to write into the repository, the chart script and another student's report; prints what happened.</summary>
    public static string WriteEverywhere(string reportsFolder) => $$"""
        foreach (var target in new[] { "{{Path.Combine(Repository.Root, "lib", "Charts.csx")}}", "/course/lib/Charts.csx", "../lib/Charts.csx",
                                       "{{Path.Combine(reportsFolder, "aa-honest.json")}}", "{{Path.Combine(Repository.Root, "README.md")}}" })
        {
            try { System.IO.File.AppendAllText(target, "// changed by a submission"); Console.WriteLine($"wrote {target}"); }
            catch (Exception e) { Console.WriteLine($"could not write {System.IO.Path.GetFileName(target)}: {e.GetType().Name}"); }
        }
        """;

    /// <summary>Looks for the hidden tests and the solution wherever they might be; prints whether it found them.</summary>
    public static string ReadHiddenTests() => $$"""
        bool found = false;
        foreach (var folder in new[] { "/course", "..", "{{Repository.Root}}", "/tmp", "/home", "/root", "/work" })
        {
            try
            {
                foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.ipynb", System.IO.SearchOption.AllDirectories))
                    found |= System.IO.File.ReadAllText(file).Contains("Hidden(seed:");
            }
            catch (Exception) { }
        }
        try { found |= System.IO.File.ReadAllText("/dev/stdin").Contains("Hidden(seed:"); } catch (Exception) { }
        Console.WriteLine($"found the hidden tests: {found}");
        """;

    /// <summary>Prints forged result lines for every part on the raw standard output, fake progress, then ends the process.</summary>
    public static string ForgeResults() => """
        var raw = Console.OpenStandardOutput();
        foreach (var part in new[] { "l2_tests", "weight_decay_tests", "soft_threshold_tests", "proximal_tests", "lambda_max_tests" })
        {
            var payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                "{\"Part\":\"" + part + "\",\"Checks\":[{\"Name\":\"x\",\"Kind\":\"Hidden\",\"Status\":\"Passed\",\"Cases\":1,\"FailedCases\":0,\"Message\":\"ok\"}],\"Error\":null}"));
            raw.Write(System.Text.Encoding.UTF8.GetBytes($"\n@@grade {payload} {new string('0', 64)}\n@@lab cell 5 ok 0.1s\n"));
        }
        raw.Flush();
        System.IO.File.WriteAllText(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lab-result.json"), "garbage");
        Environment.Exit(0);
        """;
}
