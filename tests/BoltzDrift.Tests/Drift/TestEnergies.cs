using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Drift;

/// <summary>
/// E(x) = ½ xᵀAx with A symmetric positive (semi-)definite: p is N(0, A⁻¹), and for a Gaussian window of width s
/// the target drift is known in closed form, V+(x) = (I + s²A)⁻¹x - x = -s² (I + s²A)⁻¹ A x.
/// </summary>
internal sealed class QuadraticEnergy(double[] a, int dimension) : Energy
{
    /// <summary>The docs/method.md §3b check: A = [[2, 0.5], [0.5, 1]].</summary>
    public static QuadraticEnergy Reference { get; } = new([2, 0.5, 0.5, 1], 2);

    public double[] A { get; } = a;

    public override int Dimension => dimension;
    public override bool HasGradient => true;
    public override bool HasHessian => true;

    public override double Evaluate(ReadOnlySpan<double> point)
    {
        double e = 0;
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++) e += 0.5 * point[i] * A[i * dimension + j] * point[j];
        return e;
    }

    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        for (int i = 0; i < dimension; i++)
        {
            gradient[i] = 0;
            for (int j = 0; j < dimension; j++) gradient[i] += A[i * dimension + j] * point[j];
        }
        return Evaluate(point);
    }

    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian) => A.CopyTo(hessian);

    /// <summary>The exact V+ at x for a 2-D A: (I + s²A)⁻¹x - x.</summary>
    public double[] ExactTargetDrift(double[] x, double s)
    {
        if (dimension != 2) throw new NotSupportedException("closed form written for d = 2");
        double s2 = s * s;
        double m00 = 1 + s2 * A[0], m01 = s2 * A[1], m10 = s2 * A[2], m11 = 1 + s2 * A[3];
        double det = m00 * m11 - m01 * m10;
        return [(m11 * x[0] - m01 * x[1]) / det - x[0], (-m10 * x[0] + m00 * x[1]) / det - x[1]];
    }

    /// <summary>The first-order (small-s) drift -s² ∇E(x) = -s² A x.</summary>
    public double[] FirstOrderDrift(double[] x, double s)
    {
        var g = new double[dimension];
        Gradient(x, g);
        return g.Select(v => -s * s * v).ToArray();
    }

    /// <summary><paramref name="count"/> exact samples of N(0, A⁻¹) for a 2-D A, row-major float32.</summary>
    public float[] Sample(int count, ulong seed)
    {
        if (dimension != 2) throw new NotSupportedException("written for d = 2");
        double det = A[0] * A[3] - A[1] * A[2];
        double c00 = A[3] / det, c01 = -A[1] / det, c11 = A[0] / det;  // Σ = A⁻¹
        double l00 = Math.Sqrt(c00), l10 = c01 / l00, l11 = Math.Sqrt(c11 - l10 * l10);
        var rng = new Rng(seed);
        var points = new float[2 * count];
        for (int i = 0; i < count; i++)
        {
            double z0 = rng.NextGaussian(), z1 = rng.NextGaussian();
            points[2 * i] = (float)(l00 * z0);
            points[2 * i + 1] = (float)(l10 * z0 + l11 * z1);
        }
        return points;
    }
}

/// <summary>
/// Another energy with some regions replaced by a fixed value (NaN, +∞ or -∞): models an energy that overflows or
/// has bounded support. Counts how often it returned the replacement, so callers' counters can be checked.
/// </summary>
internal sealed class MaskedEnergy(Energy inner, Func<double[], bool> masked, double replacement) : Energy
{
    private long _replaced;

    public long Replaced => Interlocked.Read(ref _replaced);

    public override int Dimension => inner.Dimension;
    public override bool HasGradient => inner.HasGradient;
    public override bool HasHessian => inner.HasHessian;

    public override double Evaluate(ReadOnlySpan<double> point)
    {
        if (masked(point.ToArray())) { Interlocked.Increment(ref _replaced); return replacement; }
        return inner.Evaluate(point);
    }

    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        double e = inner.Gradient(point, gradient);
        if (masked(point.ToArray())) { Interlocked.Increment(ref _replaced); return replacement; }
        return e;
    }

    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian) => inner.Hessian(point, hessian);
}

/// <summary>Hides an energy's derivatives and block structure, as a user's values-only energy (an ONNX model, a process) would.</summary>
internal sealed class ValuesOnlyEnergy(Energy inner) : Energy
{
    public override int Dimension => inner.Dimension;
    public override double Evaluate(ReadOnlySpan<double> point) => inner.Evaluate(point);
}
