using System.Runtime.Intrinsics;

namespace BoltzDrift.Energies.Generic;

/// <summary>
/// A <see cref="Dual.Lanes"/>×<see cref="Dual.Lanes"/> block of mixed second derivatives, one SIMD row
/// per first-direction lane: the second-order part of a <see cref="HyperDual"/>.
/// </summary>
internal readonly struct LaneMatrix
{
    public static readonly LaneMatrix Zero = default;

    private readonly Vector256<double> _row0, _row1, _row2, _row3;

    public LaneMatrix(Vector256<double> row0, Vector256<double> row1, Vector256<double> row2, Vector256<double> row3)
    {
        _row0 = row0;
        _row1 = row1;
        _row2 = row2;
        _row3 = row3;
    }

    /// <summary>Whether every entry is zero (either sign).</summary>
    public bool IsZero =>
        _row0 == Vector256<double>.Zero && _row1 == Vector256<double>.Zero &&
        _row2 == Vector256<double>.Zero && _row3 == Vector256<double>.Zero;

    /// <summary>Entry (row, column).</summary>
    public double this[int row, int column] => row switch
    {
        0 => _row0.GetElement(column),
        1 => _row1.GetElement(column),
        2 => _row2.GetElement(column),
        3 => _row3.GetElement(column),
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    /// <summary>Writes the 16 entries row-major, one vector store per row.</summary>
    public void CopyTo(Span<double> destination)
    {
        _row0.CopyTo(destination);
        _row1.CopyTo(destination[4..]);
        _row2.CopyTo(destination[8..]);
        _row3.CopyTo(destination[12..]);
    }

    /// <summary>u vᵀ: entry (p, q) is u_p v_q.</summary>
    public static LaneMatrix Outer(Vector256<double> u, Vector256<double> v) =>
        new(u.GetElement(0) * v, u.GetElement(1) * v, u.GetElement(2) * v, u.GetElement(3) * v);

    /// <summary>u vᵀ + w zᵀ, the cross term of a product.</summary>
    public static LaneMatrix OuterSum(Vector256<double> u, Vector256<double> v, Vector256<double> w, Vector256<double> z) =>
        new(u.GetElement(0) * v + w.GetElement(0) * z,
            u.GetElement(1) * v + w.GetElement(1) * z,
            u.GetElement(2) * v + w.GetElement(2) * z,
            u.GetElement(3) * v + w.GetElement(3) * z);

    /// <summary>a A + b B, the cross term of a product's two "value times cross" parts.</summary>
    public static LaneMatrix Combine(double a, LaneMatrix x, double b, LaneMatrix y) =>
        new(a * x._row0 + b * y._row0, a * x._row1 + b * y._row1, a * x._row2 + b * y._row2, a * x._row3 + b * y._row3);

    public static LaneMatrix operator +(LaneMatrix x, LaneMatrix y) =>
        new(x._row0 + y._row0, x._row1 + y._row1, x._row2 + y._row2, x._row3 + y._row3);

    public static LaneMatrix operator -(LaneMatrix x, LaneMatrix y) =>
        new(x._row0 - y._row0, x._row1 - y._row1, x._row2 - y._row2, x._row3 - y._row3);

    public static LaneMatrix operator -(LaneMatrix x) => new(-x._row0, -x._row1, -x._row2, -x._row3);

    public static LaneMatrix operator *(double c, LaneMatrix x) => new(c * x._row0, c * x._row1, c * x._row2, c * x._row3);

    public static LaneMatrix operator /(LaneMatrix x, double c) => new(x._row0 / c, x._row1 / c, x._row2 / c, x._row3 / c);
}
