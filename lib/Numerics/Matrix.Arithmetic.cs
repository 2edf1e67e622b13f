using RegularizationLab.Errors;

namespace RegularizationLab.Numerics;

// In-place arithmetic and reductions. In-place so that a training step allocates nothing.
public sealed partial class Matrix
{
    /// <summary>this ← this + other.</summary>
    public void AddInPlace(Matrix other)
    {
        Guard.SameShape(this, other, "this", nameof(other));
        VectorMath.Axpy(1.0, other.Data, Data);
    }

    /// <summary>this ← this + α·other.</summary>
    public void AddScaledInPlace(double alpha, Matrix other)
    {
        Guard.SameShape(this, other, "this", nameof(other));
        VectorMath.Axpy(alpha, other.Data, Data);
    }

    /// <summary>this ← α·this.</summary>
    public void ScaleInPlace(double alpha) => VectorMath.Scale(alpha, Data);

    public double Sum()
    {
        double s = 0;
        foreach (double v in Data) s += v;
        return s;
    }

    /// <summary>Σ w², the squared Frobenius norm.</summary>
    public double SumOfSquares() => VectorMath.SumOfSquares(Data);

    /// <summary>Σ |w|.</summary>
    public double SumOfAbsoluteValues()
    {
        double s = 0;
        foreach (double v in Data) s += Math.Abs(v);
        return s;
    }

    public double MaxAbsoluteValue()
    {
        double m = 0;
        foreach (double v in Data) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
