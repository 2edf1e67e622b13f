using RegularizationLab.Lab.Execution;
using RegularizationLab.Lab.Notebooks;

namespace RegularizationLab.Lab.Tests;

/// <summary>The runner behaves like the C# kernel: results, displays, console output, errors. Run in this process.</summary>
public sealed class KernelEmulationTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    private async Task<NotebookRunResult> RunAsync(params string[] cells) => await RunWithAsync(new RunnerOptions(), cells);

    private async Task<NotebookRunResult> RunWithAsync(RunnerOptions options, params string[] cells)
    {
        var path = _notebooks.Write("nb.ipynb", cells);
        return await new NotebookRunner(options).RunAsync(path);
    }

    private static List<CellOutput> Outputs(NotebookRunResult result, int cellNumber) =>
        result.Cells.Single(c => c.Number == cellNumber).Outputs;

    [Fact]
    public async Task A_trailing_expression_becomes_an_execute_result()
    {
        var result = await RunAsync("var x = 20;\nx * 2 + 2");
        Assert.True(result.Succeeded, result.FailureReport);
        var output = Assert.Single(Outputs(result, 2));
        Assert.Equal(OutputKind.ExecuteResult, output.Kind);
        Assert.Equal("42", output.Data["text/plain"]);
        Assert.Contains("42", output.Data["text/html"]); // The kernel's formatter shows numbers as HTML too.
    }

    [Fact]
    public async Task A_statement_or_a_void_call_produces_no_result()
    {
        var result = await RunAsync("var x = 1 + 2;", "Console.WriteLine(\"hi\")");
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Empty(Outputs(result, 2));
        var only = Assert.Single(Outputs(result, 3));
        Assert.Equal(OutputKind.Stream, only.Kind);
    }

    [Fact]
    public async Task A_trailing_expression_that_is_null_is_shown_as_null()
    {
        var result = await RunAsync("string? s = null;\ns");
        var output = Assert.Single(Outputs(result, 2));
        Assert.Equal(OutputKind.ExecuteResult, output.Kind);
        Assert.Equal(Microsoft.DotNet.Interactive.Formatting.Formatter.NullString, output.Data["text/plain"]);
    }

    [Fact]
    public async Task Display_shows_a_value_and_Update_replaces_it_in_place()
    {
        var result = await RunAsync(
            "Console.WriteLine(\"before\");\nvar bar = display(\"epoch 0\");\nfor (var i = 1; i <= 3; i++) bar.Update($\"epoch {i}\");\nConsole.WriteLine(\"after\");");
        Assert.True(result.Succeeded, result.FailureReport);
        var outputs = Outputs(result, 2);
        Assert.Equal([OutputKind.Stream, OutputKind.DisplayData, OutputKind.Stream], outputs.Select(o => o.Kind));
        Assert.Equal("before\n", outputs[0].Text);
        Assert.Equal("epoch 3", outputs[1].Data["text/plain"]);
        Assert.Equal("after\n", outputs[2].Text);
    }

    [Fact]
    public async Task Console_output_from_the_cell_and_its_tasks_becomes_stream_outputs()
    {
        var result = await RunAsync(
            "Console.Write(\"a\");\nawait Task.Run(() => Console.WriteLine(\"b\"));\nConsole.Error.WriteLine(\"careful\");",
            "Console.WriteLine(\"next cell\");");
        Assert.True(result.Succeeded, result.FailureReport);
        var first = Outputs(result, 2);
        Assert.Equal("ab\n", first[0].Text);
        Assert.Equal("stdout", first[0].StreamName);
        Assert.Equal("stderr", first[1].StreamName);
        Assert.Equal("careful\n", first[1].Text);
        Assert.Equal("next cell\n", Assert.Single(Outputs(result, 3)).Text);
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_its_first_line_and_the_diagnostic_and_stops_the_run()
    {
        var result = await RunAsync("var ok = 1;", "// add one\nvar y = undefinedName + 1;", "Console.WriteLine(\"never\");");
        Assert.False(result.Succeeded);
        var failed = result.Cells.Single(c => c.Number == 3);
        Assert.Equal(CellStatus.Failed, failed.Status);
        Assert.Contains("(2,9): error CS0103: The name 'undefinedName' does not exist", failed.Error);
        Assert.Equal(CellStatus.NotRun, result.Cells.Single(c => c.Number == 4).Status);
        var report = result.FailureReport!;
        Assert.Contains("nb.ipynb: cell 3 `// add one` failed", report);
        Assert.Contains("CS0103", report);
        Assert.Contains("1 later cell not run", report);
        var error = Assert.Single(Outputs(result, 3));
        Assert.Equal(OutputKind.Error, error.Kind);
    }

    [Fact]
    public async Task A_runtime_exception_becomes_an_error_output_with_type_and_message()
    {
        var result = await RunAsync("int Divide(int a, int b) => a / b;", "throw new InvalidOperationException(\"boom\");");
        var cell = result.Cells.Single(c => c.Number == 3);
        Assert.Equal(CellStatus.Failed, cell.Status);
        var error = Assert.Single(Outputs(result, 3));
        Assert.Equal("System.InvalidOperationException", error.ErrorName);
        Assert.Equal("boom", error.ErrorValue);
        Assert.Contains("System.InvalidOperationException: boom", result.FailureReport);
    }

    [Fact]
    public async Task Continue_on_error_runs_the_cells_after_a_failure()
    {
        var result = await RunWithAsync(new RunnerOptions { ContinueOnError = true },
            "throw new Exception(\"first\");", "Console.WriteLine(\"still runs\");");
        Assert.Equal(CellStatus.Failed, result.Cells[0].Status);
        Assert.Equal(CellStatus.Ok, result.Cells[1].Status);
        Assert.Equal("still runs\n", Outputs(result, 3)[0].Text);
    }

    [Fact]
    public async Task A_missing_reference_path_is_reported_with_the_resolved_path()
    {
        var result = await RunAsync("#r \"../nowhere/Missing.dll\"\nvar x = 1;");
        var cell = Assert.Single(result.Cells);
        Assert.Equal(CellStatus.Failed, cell.Status);
        var expected = Path.GetFullPath(Path.Combine(_notebooks.Folder, "..", "nowhere", "Missing.dll"));
        Assert.Contains($"#r \"../nowhere/Missing.dll\": no such file: {expected}", cell.Error);
    }

    [Fact]
    public async Task A_missing_course_library_says_how_to_build_it()
    {
        var result = await RunAsync("#r \"../bin/course/Course.dll\"");
        Assert.Contains("dotnet build Course.csproj -c Release", result.Cells[0].Error);
    }

    [Fact]
    public async Task An_unknown_nuget_package_is_a_clear_error_naming_it_and_what_is_available()
    {
        var result = await RunAsync("#r \"nuget: Newtonsoft.Json.Bson, 1.0.2\"\nvar x = 1;");
        var cell = Assert.Single(result.Cells);
        Assert.Equal(CellStatus.Failed, cell.Status);
        Assert.Contains("does not ship the package 'Newtonsoft.Json.Bson'", cell.Error);
        Assert.Contains("Plotly.NET.Interactive", cell.Error);
        Assert.Contains("Plotly.NET.CSharp 0.14.0", cell.Error);
    }

    [Fact]
    public async Task Plotly_5x_requests_map_to_the_shipped_6_0_and_charts_render_as_offline_html()
    {
        var result = await RunAsync(
            "#r \"nuget: Plotly.NET.Interactive, 5.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.13.0\"",
            "Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 }, Name: \"line\")");
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Contains(result.Log, l => l.Contains("Plotly.NET.Interactive 5.0.0 is served by Plotly.NET 6.0.0", StringComparison.Ordinal));
        Assert.Contains(result.Log, l => l.Contains("Plotly.NET.CSharp 0.13.0 is served by Plotly.NET.CSharp 0.14.0", StringComparison.Ordinal));
        var html = Assert.Single(Outputs(result, 3)).Data["text/html"];
        Assert.Contains("Plotly.newPlot(", html);
        Assert.Contains("\"name\":\"line\"", html);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("require", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_interactive_package_a_chart_is_not_given_the_chart_formatter_request()
    {
        // Plotly.NET alone (no .Interactive) is served too; the package request is what matters, not the formatter.
        var result = await RunAsync("#r \"nuget: Plotly.NET, 5.0.0\"\nusing Plotly.NET;\ntypeof(GenericChart).Assembly.GetName().Version!.Major");
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Equal("6", Assert.Single(Outputs(result, 2)).Data["text/plain"]);
    }

    [Fact]
    public async Task Load_resolves_a_script_relative_to_the_notebook_folder()
    {
        _notebooks.WriteRaw("lib/helpers.csx", "static int Twice(int x) => 2 * x;\n");
        var path = _notebooks.Write("notebooks/uses-helpers.ipynb", "#load \"../lib/helpers.csx\"", "Twice(21)");
        var result = await new NotebookRunner(new RunnerOptions()).RunAsync(path);
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Equal("42", Assert.Single(Outputs(result, 3)).Data["text/plain"]);
    }

    [Fact]
    public async Task A_missing_load_file_is_reported_with_the_resolved_path()
    {
        var result = await RunAsync("#load \"../lib/Nope.csx\"");
        Assert.Contains("no such file: " + Path.GetFullPath(Path.Combine(_notebooks.Folder, "..", "lib", "Nope.csx")), result.Cells[0].Error);
    }

    [Fact]
    public async Task Magic_commands_csharp_time_and_markdown_are_understood()
    {
        var result = await RunAsync("#!csharp\n1 + 1", "#!time\nvar a = 1;", "#!markdown\nThis is *text*, not code.");
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Equal("2", Outputs(result, 2)[0].Data["text/plain"]);
        Assert.StartsWith("Wall time: ", Outputs(result, 3)[0].Data["text/plain"]);
        Assert.Empty(Outputs(result, 4));
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "selects another kernel")]
    [InlineData("#!whos", "#!whos is not emulated")]
    public async Task Unsupported_magic_commands_are_clear_errors(string cell, string expected)
    {
        var result = await RunAsync(cell);
        Assert.Equal(CellStatus.Failed, result.Cells[0].Status);
        Assert.Contains(expected, result.Cells[0].Error);
    }

    [Fact]
    public async Task Import_runs_another_notebooks_code_cells_in_the_session()
    {
        _notebooks.Write("shared.ipynb", "var sharedValue = 7;");
        var result = await RunAsync("#!import shared.ipynb\nsharedValue * 6");
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Equal("42", Assert.Single(Outputs(result, 2)).Data["text/plain"]);
    }

    [Fact]
    public async Task The_executed_copy_records_outputs_execution_counts_and_timings_and_leaves_the_source_alone()
    {
        var path = _notebooks.Write("nb.ipynb", "1", "2");
        var before = File.ReadAllText(path);
        var result = await new NotebookRunner(new RunnerOptions()).RunAsync(path);
        Assert.Equal(before, File.ReadAllText(path));
        var executed = result.Executed!;
        var cells = executed.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        Assert.Equal([1, 2], cells.Select(c => (int)c.Json["execution_count"]!));
        Assert.All(cells, c => Assert.True((double)c.Metadata["lab"]!["wall_seconds"]! >= 0));
        Assert.Equal(true, (bool?)executed.Metadata["lab"]!["succeeded"]);
        Assert.Single(cells[0].Outputs!);
        Assert.True(result.TotalSeconds >= result.Cells.Sum(c => c.Seconds) * 0.99);
    }
}
