using System.Text;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using RegularizationLab.Homework;

namespace Homework.Tests;

/// <summary>The engine every check uses: verdicts, smallest failing input, exceptions, time limit.</summary>
[Collection("Checks")] // Checks.Output and the summary are process-wide
public class FunctionCheckTests
{
    // A tiny check of "square a number" with edge cases first and inputs of growing size.
    private static FunctionCheck<double, double> SquareCheck() => new()
    {
        Name = "square",
        Call = x => $"Square({Show.Number(x)})",
        Reference = x => x * x,
        Cases = [.. new[] { 0.0, 1, -1, 3, -7, 10, 100 }.Select(x => new CheckCase<double>(x, Math.Abs(x)))],
        Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
        Verified = "x = 0 and negative x",
        Hint = "multiply x by itself.",
        Diagnose = (x, expected, got) => got == -expected && expected != 0 ? "the sign is flipped." : null,
    };

    [Fact]
    public void A_correct_function_passes_and_the_line_says_what_was_verified()
    {
        var result = SquareCheck().Run(x => x * x, CheckOptions.Public);
        Assert.Equal(CheckStatus.Passed, result.Status);
        Assert.Equal("✓ square [public check]: 7 cases incl. x = 0 and negative x (relative error ≤ 1e-9)", result.Message);
    }

    [Fact]
    public void A_wrong_function_reports_the_smallest_failing_input_expected_got_and_the_diagnosed_hint()
    {
        // Wrong only for |x| ≥ 3: the smallest failing input is 3, not 100.
        var result = SquareCheck().Run(x => Math.Abs(x) >= 3 ? -x * x : x * x, CheckOptions.Public);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Equal(4, result.FailedCases);
        Assert.Contains("Square(3) should be 9, got -9", result.Message);
        Assert.Contains("4 of 7 cases fail", result.Message);
        Assert.Contains("Hint: the sign is flipped.", result.Message);
    }

    [Fact]
    public void Without_a_diagnosis_the_general_hint_and_the_relative_error_are_shown()
    {
        var result = SquareCheck().Run(x => x * x * 1.01, CheckOptions.Public);
        Assert.Contains("Square(1) should be 1, got 1.01", result.Message);
        Assert.Contains("relative error 1e-2 > 1e-9", result.Message);
        Assert.Contains("Hint: multiply x by itself.", result.Message);
    }

    [Fact]
    public void The_exercise_stub_is_reported_as_not_implemented()
    {
        var result = SquareCheck().Run(_ => throw new NotImplementedException(), CheckOptions.Public);
        Assert.Equal(CheckStatus.NotImplemented, result.Status);
        Assert.Contains("not implemented yet", result.Message);
    }

    [Fact]
    public async Task An_exception_in_student_code_is_caught_and_reported_with_the_students_line()
    {
        // The student's cell, compiled the way a notebook kernel compiles it: a script submission with debug information.
        const string cell = """
            double Square(double x)
            {
                var table = new double[1];
                if (x < 0)
                    return table[(int)Math.Abs(x) + 5];
                return x * x;
            }
            """;
        var options = ScriptOptions.Default.WithImports("System").WithEmitDebugInformation(true).WithFilePath("cell.csx").WithFileEncoding(Encoding.UTF8);
        var square = await CSharpScript.EvaluateAsync<Func<double, double>>(cell + "\n(Func<double, double>)Square", options);

        var result = SquareCheck().Run(square, CheckOptions.Public);

        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("Square(-1) threw IndexOutOfRangeException", result.Message);
        Assert.Contains("at line 5 of your code, in Square", result.Message);
        Assert.Contains("loop with i < length", result.Message);
    }

    [Fact]
    public void An_infinite_loop_is_stopped_by_the_time_limit_and_names_the_case_it_was_stuck_on()
    {
        var options = CheckOptions.Public with { TimeLimit = TimeSpan.FromMilliseconds(300) };
        var stop = new ManualResetEventSlim();
        try
        {
            var result = SquareCheck().Run(x => { while (x == 3 && !stop.IsSet) { } return x * x; }, options);
            Assert.Equal(CheckStatus.TimedOut, result.Status);
            Assert.Contains("no answer within 0.3 s, stuck on Square(3) (case 4 of 7)", result.Message);
            Assert.Contains("restart the kernel", result.Message);
        }
        finally
        {
            stop.Set(); // let the runaway thread end so it does not burn a core for the rest of the test run
        }
    }

    [Fact]
    public void A_null_answer_is_a_failure_not_a_crash()
    {
        var check = new FunctionCheck<double, double[]>
        {
            Name = "pair",
            Call = x => $"Pair({x})",
            Reference = x => [x, x],
            Cases = [new CheckCase<double>(1, 1)],
            Compare = (_, expected, got) => Compare.Vector(expected, got, Tolerance.Exact),
            Verified = "one case",
            Hint = "return a new array.",
        };
        var result = check.Run(_ => null!, CheckOptions.Public);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("should be [1, 1], got null", result.Message);
    }

    [Fact]
    public void The_student_gets_a_copy_so_writing_into_the_input_cannot_change_the_expected_answer()
    {
        var check = new FunctionCheck<double[], double>
        {
            Name = "sum",
            Call = v => $"Sum({Show.Vector(v)})",
            Reference = v => v.Sum(),
            Cases = [new CheckCase<double[]>([1, 2, 3], 3)],
            Compare = (_, expected, got) => Compare.Scalar(expected, got, Tolerance.Exact),
            Copy = v => (double[])v.Clone(),
            Verified = "one vector",
            Hint = "add the entries.",
        };
        var result = check.Run(v => { double s = v.Sum(); v[0] = 1000; return s; }, CheckOptions.Public);
        Assert.True(result.Passed, result.Message);
        Assert.Equal(1, check.Cases[0].Input[0]);
    }

    [Fact]
    public void A_hidden_test_is_labelled_hidden()
    {
        var result = SquareCheck().Run(x => x * x, CheckOptions.Hidden(seed: 5));
        Assert.Contains("square [hidden test]", result.Message);
    }

    [Fact]
    public void Vector_comparison_names_the_worst_entry()
    {
        var mismatch = Compare.Vector([1, 2, 3], [1, 2.5, 3.1], Tolerance.Exact);
        Assert.NotNull(mismatch);
        Assert.Contains("2 of 3 entries wrong; worst is entry 1: expected 2, got 2.5", mismatch.Detail);
        Assert.Null(Compare.Vector([1, 0], [1 + 1e-12, 1e-13], Tolerance.Exact));
        Assert.Contains("length 1 instead of 2", Compare.Vector([1, 2], [1], Tolerance.Exact)!.Detail);
    }

    [Fact]
    public void Tolerance_is_relative_with_an_absolute_floor_at_zero()
    {
        var tolerance = new Tolerance(1e-6, 1e-9);
        Assert.True(tolerance.Accepts(1000, 1000.0009));
        Assert.False(tolerance.Accepts(1000, 1000.002));
        Assert.True(tolerance.Accepts(0, 5e-10));
        Assert.False(tolerance.Accepts(0, 2e-9));
        Assert.False(tolerance.Accepts(1, double.NaN));
        Assert.True(tolerance.Accepts(double.NaN, double.NaN));
    }
}
