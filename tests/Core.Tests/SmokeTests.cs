using RegularizationLab.Numerics;

namespace RegularizationLab.Tests.Core;

public class MatrixShapeTests
{
    [Fact]
    public void Matrix_wraps_row_major_data()
    {
        var m = new Matrix(2, 3, new double[] { 1, 2, 3, 4, 5, 6 });
        Assert.Equal(6, m[1, 2]);
        Assert.Equal(new double[] { 4, 5, 6 }, m.Row(1).ToArray());
    }

    [Fact]
    public void Matrix_rejects_data_of_the_wrong_length_naming_the_argument()
    {
        var e = Assert.Throws<ArgumentException>(() => new Matrix(2, 3, new double[5]));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("5 entries", e.Message);
        Assert.Contains("needs 6", e.Message);
    }
}

public class MatrixRowTests
{
    [Fact]
    public void Gather_rows_builds_a_batch_in_the_given_order()
    {
        var data = Matrix.FromRows(new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 }, new[] { 5.0, 6 } });
        var batch = new Matrix(2, 2);
        batch.GatherRows(data, new[] { 2, 0 });
        Assert.Equal(new[] { 5.0, 6, 1, 2 }, batch.Data);
        Assert.Equal(new[] { 3.0, 4 }, data.SelectRows(new[] { 1 }).Data);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => batch.GatherRows(data, new[] { 0, 3 }));
        Assert.Equal("rowIndices", e.ParamName);
        Assert.Contains("rowIndices[1] is 3", e.Message);
    }

    [Fact]
    public void Arithmetic_helpers()
    {
        var m = Matrix.FromRows(new[] { new[] { 1.0, -2 }, new[] { 3.0, -4 } });
        Assert.Equal(-2, m.Sum());
        Assert.Equal(30, m.SumOfSquares());
        Assert.Equal(10, m.SumOfAbsoluteValues());
        Assert.Equal(4, m.MaxAbsoluteValue());
        var n = m.Clone();
        n.AddScaledInPlace(2, m);
        Assert.Equal(new[] { 3.0, -6, 9, -12 }, n.Data);
        n.ScaleInPlace(0.5);
        n.AddInPlace(m);
        Assert.Equal(new[] { 2.5, -5, 7.5, -10 }, n.Data);
        Assert.Equal(new[] { -2.0, -4 }, m.Column(1));
        var e = Assert.Throws<ArgumentException>(() => m.AddInPlace(new Matrix(2, 3)));
        Assert.Contains("2 × 3", e.Message);
        Assert.Contains("2 × 2", e.Message);
    }
}
