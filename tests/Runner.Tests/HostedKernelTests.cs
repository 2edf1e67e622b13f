using RegularizationLab.Lab.Execution;

namespace RegularizationLab.Lab.Tests;

/// <summary>
/// The runner hosts the .NET Interactive C# kernel: results, displays, console output, errors, directives and packages
/// come from the kernel itself. Each notebook runs in its own process, as `lab run` runs it.
/// </summary>
public sealed class HostedKernelTests : IDisposable
{
    private readonly TestNotebooks _notebooks = new();

    public void Dispose() => _notebooks.Dispose();

    private Task<NotebookRunResult> RunAsync(params string[] cells) => RunWithAsync(new RunnerOptions(), cells);

    private Task<NotebookRunResult> RunWithAsync(RunnerOptions options, params string[] cells) =>
        _notebooks.RunIsolatedAsync(_notebooks.Write("nb.ipynb", cells), options);

    private static List<CellOutput> Outputs(NotebookRunResult result, int cellNumber) => TestNotebooks.OutputsOf(result, cellNumber);

    [Fact]
    public async Task A_trailing_expression_is_an_execute_result_and_a_statement_or_void_call_is_not()
    {
        var result = await RunAsync("var x = 20;\nx * 2 + 2", "var y = 1;", "Console.WriteLine(\"hi\")", "string? s = null;\ns");
        Assert.True(result.Succeeded, result.FailureReport);
        var value = Assert.Single(Outputs(result, 2));
        Assert.Equal(OutputKind.ExecuteResult, value.Kind);
        Assert.Contains("<pre>42</pre>", value.Data["text/html"]); // the kernel's own HTML formatting of a number
        Assert.Empty(Outputs(result, 3));
        Assert.Equal(OutputKind.Stream, Assert.Single(Outputs(result, 4)).Kind);
        Assert.Equal(OutputKind.ExecuteResult, Assert.Single(Outputs(result, 5)).Kind); // null is shown, as in the kernel
    }

    [Fact]
    public async Task Display_and_Update_keep_the_final_state_between_console_and_error_streams()
    {
        var result = await RunAsync(
            "Console.WriteLine(\"before\");\nvar bar = display(\"epoch 0\");\nfor (var i = 1; i <= 3; i++) bar.Update($\"epoch {i}\");\n"
            + "Console.Write(\"a\");\nawait Task.Run(() => Console.WriteLine(\"b\"));\nConsole.Error.WriteLine(\"careful\");",
            "Console.WriteLine(\"next cell\");");
        Assert.True(result.Succeeded, result.FailureReport);
        var outputs = Outputs(result, 2);
        Assert.Equal([OutputKind.Stream, OutputKind.DisplayData, OutputKind.Stream, OutputKind.Stream], outputs.Select(o => o.Kind));
        Assert.Equal("before\n", outputs[0].Text);
        Assert.Equal("epoch 3", outputs[1].Data["text/plain"]);
        Assert.Equal(("stdout", "ab\n"), (outputs[2].StreamName, outputs[2].Text));
        Assert.Equal(("stderr", "careful\n"), (outputs[3].StreamName, outputs[3].Text));
        Assert.Equal("next cell\n", Assert.Single(Outputs(result, 3)).Text);
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_and_the_line_and_column_in_the_cell_and_stops_the_run()
    {
        var result = await RunAsync("var ok = 1;", "#!time\n// add one\nvar y = undefinedName + 1;", "Console.WriteLine(\"never\");");
        Assert.False(result.Succeeded);
        var failed = result.Cells.Single(c => c.Number == 3);
        Assert.Equal(CellStatus.Failed, failed.Status);
        Assert.Contains("line 3, column 9: error CS0103: The name 'undefinedName' does not exist", failed.Error);
        Assert.Equal(CellStatus.NotRun, result.Cells.Single(c => c.Number == 4).Status);
        var report = result.FailureReport!;
        Assert.Contains("nb.ipynb: cell 3 `#!time` failed", report);
        Assert.Contains("1 later cell not run", report);
        Assert.Equal(OutputKind.Error, Outputs(result, 3).Last().Kind);
    }

    [Fact]
    public async Task A_runtime_exception_names_the_students_cells_and_lines_not_script_submissions()
    {
        var result = await RunWithAsync(new RunnerOptions { ContinueOnError = true },
            "// helpers\nint Divide(int a, int b) =>\n    a / b;",
            "#!time\nvar x = 1;\nvar y = Divide(x, 0);",
            "Console.WriteLine(\"still runs\");");
        var cell = result.Cells.Single(c => c.Number == 3);
        Assert.Equal(CellStatus.Failed, cell.Status);
        var error = Outputs(result, 3).Last();
        Assert.Equal("System.DivideByZeroException", error.ErrorName);
        Assert.Contains(error.Traceback, l => l.Trim() == "at Divide(Int32 a, Int32 b) in cell 2, line 3");
        Assert.Contains(error.Traceback, l => l.Trim() == "at cell 3, line 3");
        Assert.DoesNotContain("Submission#", cell.Error);
        Assert.Equal(CellStatus.Ok, result.Cells.Single(c => c.Number == 4).Status); // continue-on-error
    }

    [Fact]
    public async Task R_of_a_relative_dll_and_load_of_a_relative_script_resolve_from_the_notebook_folder()
    {
        var library = Path.Combine(TestNotebooks.RepoRoot, "bin", "course", "Course.dll");
        Assert.True(File.Exists(library), "build the course library first (the test project builds it)");
        var libFolder = Path.Combine(_notebooks.Folder, "bin");
        Directory.CreateDirectory(libFolder);
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(library)!))
            File.Copy(file, Path.Combine(libFolder, Path.GetFileName(file)));
        _notebooks.WriteRaw("lib/helpers.csx", "static int Twice(int x) => 2 * x;\n");
        var path = _notebooks.Write("notebooks/uses-files.ipynb",
            "#r \"../bin/Course.dll\"\n#load \"../lib/helpers.csx\"",
            "Twice(21) + typeof(RegularizationLab.Numerics.Matrix).Name.Length * 0",
            "#load \"../lib/Nope.csx\"");
        var result = await _notebooks.RunIsolatedAsync(path, new RunnerOptions { ContinueOnError = true });
        Assert.Equal(CellStatus.Ok, result.Cells[0].Status);
        Assert.Contains("<pre>42</pre>", Assert.Single(Outputs(result, 3)).Data["text/html"]);
        Assert.Contains("Nope.csx", result.Cells[2].Error);
    }

    [Fact]
    public async Task Plotly_5x_requests_map_once_to_6_0_and_charts_carry_the_extensions_html_bundle()
    {
        var result = await RunAsync(
            "#r \"nuget: Plotly.NET.Interactive, 5.0.0\"\n#r \"nuget: Plotly.NET.CSharp, 0.13.0\"",
            "Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 }, Name: \"line\")");
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.Single(result.Log, l => l.Contains("Plotly.NET.Interactive 5.0.0 is served by Plotly.NET.Interactive 6.0.0", StringComparison.Ordinal));
        Assert.Single(result.Log, l => l.Contains("Plotly.NET.CSharp 0.13.0 is served by Plotly.NET.CSharp 0.14.0", StringComparison.Ordinal));
        var chart = Assert.Single(Outputs(result, 3));
        Assert.Equal(OutputKind.ExecuteResult, chart.Kind);
        Assert.Equal(["text/html"], chart.Data.Keys); // Plotly.NET.Interactive's formatter, loaded as a kernel extension
        Assert.Contains("Plotly.newPlot(", chart.Data["text/html"]);
        Assert.Contains("\"name\":\"line\"", chart.Data["text/html"]);
    }

    [Fact]
    public async Task An_unavailable_nuget_package_is_a_clear_error_naming_it()
    {
        var result = await RunAsync("#r \"nuget: No.Such.Package.For.Lab, 1.0.0\"\nvar x = 1;");
        var cell = Assert.Single(result.Cells);
        Assert.Equal(CellStatus.Failed, cell.Status);
        Assert.Contains("the package 'No.Such.Package.For.Lab' is not available", cell.Error);
    }

    [Fact]
    public async Task Import_runs_another_notebook_and_markdown_cells_are_skipped()
    {
        _notebooks.Write("shared.ipynb", "var sharedValue = 7;");
        var result = await RunAsync("#!import shared.ipynb\nsharedValue * 6");
        Assert.True(result.Succeeded, result.FailureReport);
        // The kernel's #!import shows the imported notebook's Markdown and runs its code in this session.
        var outputs = Outputs(result, 2);
        Assert.Contains(outputs, o => o.Data.GetValueOrDefault("text/markdown") == "# Test notebook");
        Assert.Contains("<pre>42</pre>", outputs.Single(o => o.Kind == OutputKind.ExecuteResult).Data["text/html"]);
        Assert.Single(result.Cells); // this notebook's own Markdown title cell is not run
    }

    [Fact]
    public async Task The_executed_copy_keeps_the_polyglot_metadata_and_records_counts_and_timings()
    {
        var path = _notebooks.Write("nb.ipynb", "1", "2");
        var before = File.ReadAllText(path);
        var result = await _notebooks.RunIsolatedAsync(path);
        Assert.Equal(before, File.ReadAllText(path));
        var executed = Notebooks.Notebook.Load(result.ExecutedPath!);
        var source = Notebooks.Notebook.Load(path);
        Assert.Equal(source.Metadata["polyglot_notebook"]!.ToJsonString(), executed.Metadata["polyglot_notebook"]!.ToJsonString());
        var cells = executed.Cells.Where(c => c.Kind == Notebooks.CellKind.Code).ToList();
        Assert.Equal([1, 2], cells.Select(c => (int)c.Json["execution_count"]!));
        Assert.All(cells, c => Assert.Equal("csharp", c.PolyglotKernelName));
        Assert.All(cells, c => Assert.True((double)c.Metadata["lab"]!["wall_seconds"]! >= 0));
        Assert.Equal(true, (bool?)executed.Metadata["lab"]!["succeeded"]);
    }

    [Fact]
    public async Task Each_cell_records_the_cpu_time_of_the_kernel_process()
    {
        // The second cell keeps one core busy until the process has used one more CPU-second, whatever the load.
        var path = _notebooks.Write("cpu.ipynb", "1",
            "var p = System.Diagnostics.Process.GetCurrentProcess(); var start = p.TotalProcessorTime;\n"
            + "double x = 0; while ((p.TotalProcessorTime - start).TotalSeconds < 1) { for (int i = 0; i < 100000; i++) x += i; p.Refresh(); }");
        var result = await _notebooks.RunIsolatedAsync(path);
        Assert.True(result.Succeeded, result.FailureReport);
        Assert.True(result.Cells[1].CpuSeconds >= 1, $"busy cell recorded {result.Cells[1].CpuSeconds} CPU-seconds");
        Assert.Equal(result.Cells.Sum(c => c.CpuSeconds), result.TotalCpuSeconds);
        var executed = Notebooks.Notebook.Load(result.ExecutedPath!);
        var busy = executed.Cells.Where(c => c.Kind == Notebooks.CellKind.Code).Last();
        Assert.True((double)busy.Metadata["lab"]!["cpu_seconds"]! >= 1);
        Assert.Contains("CPU s", RunReport.Format([result]));
    }
}
