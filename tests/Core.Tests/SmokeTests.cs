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
