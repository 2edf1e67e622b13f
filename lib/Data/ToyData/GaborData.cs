namespace RegularizationLab.Data;

/// <summary>
/// The 30 training pairs (xᵢ, yᵢ) of the textbook's Gabor example, as printed in the companion notebook 9.1 of Prince,
/// <i>Understanding Deep Learning</i> (the data behind the loss surfaces of figs. 9.1 and 9.4). Using the published
/// points makes the course's surfaces, minima and paths match the book's; every lecture that needs Gabor data uses
/// this one set. The values are copied as printed (4 significant digits).
/// </summary>
public static class GaborData
{
    private static readonly double[] PublishedX =
    {
        -1.920e+00, -1.422e+01, 1.490e+00, -1.940e+00, -2.389e+00, -5.090e+00,
        -8.861e+00, 3.578e+00, -6.010e+00, -6.995e+00, 3.634e+00, 8.743e-01,
        -1.096e+01, 4.073e-01, -9.467e+00, 8.560e+00, 1.062e+01, -1.729e-01,
        1.040e+01, -1.261e+01, 1.574e-01, -1.304e+01, -2.156e+00, -1.210e+01,
        -1.119e+01, 2.902e+00, -8.220e+00, -1.179e+01, -8.391e+00, -4.505e+00,
    };

    private static readonly double[] PublishedY =
    {
        -1.051e+00, -2.482e-02, 8.896e-01, -4.943e-01, -9.371e-01, 4.306e-01,
        9.577e-03, -7.944e-02, 1.624e-01, -2.682e-01, -3.129e-01, 8.303e-01,
        -2.365e-02, 5.098e-01, -2.777e-01, 3.367e-01, 1.927e-01, -2.222e-01,
        6.352e-02, 6.888e-03, 3.224e-02, 1.091e-02, -5.706e-01, -5.258e-02,
        -3.666e-02, 1.709e-01, -4.805e-02, 2.008e-01, -1.904e-01, 5.952e-01,
    };

    /// <summary>The textbook's 30 points (a fresh copy each call, so a notebook cannot change the course's data).</summary>
    public static RegressionSample Textbook() =>
        new((double[])PublishedX.Clone(), (double[])PublishedY.Clone());
}
