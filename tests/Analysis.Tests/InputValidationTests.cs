using RegularizationLab.Data;
using RegularizationLab.Diagnostics;
using RegularizationLab.Numerics;
using RegularizationLab.ToyProblems;

namespace RegularizationLab.Analysis.Tests;

/// <summary>
/// Bad input to the analysis helpers the notebooks use gets an error naming the argument and the value, instead of an
/// IndexOutOfRangeException or a silently wrong answer.
/// </summary>
public class InputValidationTests
{
    private static RegressionSample Line(int count = 20)
    {
        var x = Enumerable.Range(0, count).Select(i => (i + 0.5) / count).ToArray();
        return new RegressionSample(x, x.Select(v => 1 + 2 * v).ToArray());
    }

    [Theory]
    [InlineData(14)]
    [InlineData(-2)]
    public void Unit_dropout_rejects_a_unit_that_does_not_exist(int unit)
    {
        var descent = new UnitDropoutDescent(Line(), hiddenUnits: 14);
        var beta = new double[15];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => descent.Loss(beta, unit));
        Assert.Equal("droppedUnit", e.ParamName);
        Assert.Contains($"got {unit}", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => descent.Gradient(beta, unit));
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitDropoutDescent.Evaluate(beta, 0.5, unit));
        Assert.Equal(descent.Loss(beta, -1), descent.Loss(beta));   // −1 still means "no unit removed"
    }

    [Fact]
    public void Largest_curvature_needs_at_least_one_iteration()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new UnitDropoutDescent(Line()).LargestCurvature(0));
        Assert.Equal("iterations", e.ParamName);
    }

    [Fact]
    public void Sparse_logistic_objective_names_a_parameter_vector_of_the_wrong_length()
    {
        var features = Matrix.FromRows([[1.0, 2.0]]);
        var e = Assert.Throws<ArgumentException>(() => SparseLogisticRegression.Objective(features, [1], [0.1, 0.2], 0, 0));
        Assert.Equal("theta", e.ParamName);
        Assert.Contains("has 2", e.Message);
        Assert.Contains("3 are required", e.Message);
        Assert.Throws<ArgumentException>(() => SparseLogisticRegression.MaxOptimalityViolation(features, [1, 0], [0, 0, 0], 0, 0));
    }

    [Fact]
    public void Cholesky_solve_refuses_a_non_symmetric_matrix_instead_of_solving_another_system()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LinearSolve.SymmetricPositiveDefinite(new double[,] { { 2, 5 }, { 0, 2 } }, [1, 1]));
        Assert.Equal("a", e.ParamName);
        Assert.Contains("symmetric", e.Message);
        double[] x = LinearSolve.SymmetricPositiveDefinite(new double[,] { { 2, 1 }, { 1, 2 } }, [3, 3]);
        Assert.Equal(1.0, x[0], 12);   // a symmetric matrix is still solved: 2x + y = 3, x + 2y = 3
        Assert.Equal(1.0, x[1], 12);
    }

    [Fact]
    public void Boundary_length_checks_that_the_values_match_the_axes()
    {
        var wrong = new Grid2D([0.0, 1.0, 2.0], [0.0, 1.0], new double[,] { { 0, 1 }, { 1, 0 } });
        var e = Assert.Throws<ArgumentException>(() => BoundaryGeometry.Length(wrong));
        Assert.Equal("grid", e.ParamName);
        Assert.Contains("2 × 3", e.Message);
    }

    [Fact]
    public void Agreement_refuses_grids_over_different_axes()
    {
        var values = new double[,] { { 0, 1 }, { 1, 0 } };
        var here = new Grid2D([0.0, 1.0], [0.0, 1.0], values);
        var elsewhere = new Grid2D([5.0, 6.0], [0.0, 1.0], values);
        var e = Assert.Throws<ArgumentException>(() => BoundaryGeometry.Agreement(here, elsewhere));
        Assert.Equal("second", e.ParamName);
        Assert.Equal(1.0, BoundaryGeometry.Agreement(here, here));
    }

    [Fact]
    public void Argmin_of_a_function_that_is_never_finite_is_an_error_naming_f()
    {
        var e = Assert.Throws<ArgumentException>(() => ScalarMinimization.ArgMin(_ => double.NaN, 0, 1));
        Assert.Equal("f", e.ParamName);
    }
}
