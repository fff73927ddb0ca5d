using System.Runtime.Intrinsics;

namespace BoltzDrift.Energies.Generic;

/// <summary>
/// A second-order forward-mode number (a hyper-dual number with lanes): the value, first derivatives
/// along two sets of <see cref="Dual.Lanes"/> seed directions ε1 and ε2, and the mixed second derivatives
/// ∂²/∂ε1_p ∂ε2_q. Seeding ε1 with one chunk of coordinates and ε2 with another yields that block of the
/// Hessian exactly, with no cancellation: <see cref="ForwardDiff.Hessian{TFunction}"/> walks the blocks.
/// </summary>
public readonly struct HyperDual : IScalar<HyperDual>
{
    private readonly double _value;
    private readonly Vector256<double> _first;
    private readonly Vector256<double> _second;
    private readonly LaneMatrix _cross;

    private HyperDual(double value, Vector256<double> first, Vector256<double> second, LaneMatrix cross)
    {
        _value = value;
        _first = first;
        _second = second;
        _cross = cross;
    }

    /// <summary>
    /// An independent variable with derivative 1 along lane <paramref name="firstLane"/> of ε1 and lane
    /// <paramref name="secondLane"/> of ε2; pass -1 for a direction the variable is not seeded in.
    /// </summary>
    public static HyperDual Variable(double value, int firstLane, int secondLane) =>
        new(value, Seed(firstLane), Seed(secondLane), LaneMatrix.Zero);

    /// <summary>A variable with the given seed vectors (unit vectors or zero), unchecked: for <see cref="ForwardDiff"/>.</summary>
    internal static HyperDual Seeded(double value, Vector256<double> first, Vector256<double> second) =>
        new(value, first, second, LaneMatrix.Zero);

    private static Vector256<double> Seed(int lane)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lane, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, Dual.Lanes);
        return Dual.Unit(lane);
    }

    /// <inheritdoc/>
    public double Value => _value;

    /// <summary>∂/∂ε1 along lane <paramref name="lane"/>.</summary>
    public double FirstPartial(int lane) => _first.GetElement(lane);

    /// <summary>∂/∂ε2 along lane <paramref name="lane"/>.</summary>
    public double SecondPartial(int lane) => _second.GetElement(lane);

    /// <summary>∂²/∂ε1_p ∂ε2_q.</summary>
    public double CrossPartial(int firstLane, int secondLane) => _cross[firstLane, secondLane];

    /// <summary>Writes the mixed second derivatives, row-major over (ε1 lane, ε2 lane), to 16 doubles.</summary>
    internal void CopyCross(Span<double> destination) => _cross.CopyTo(destination);

    /// <summary>
    /// f(x) by the second-order chain rule, given f, f' and f'' at the value of x:
    /// (f∘x)_i = f' x_i and (f∘x)_ij = f' x_ij + f'' x_i x_j.
    /// </summary>
    private static HyperDual Chain(HyperDual x, double f, double first, double second) =>
        new(f, first * x._first, first * x._second,
            LaneMatrix.Combine(first, x._cross, second, LaneMatrix.Outer(x._first, x._second)));

    private HyperDual WithValue(double value) => new(value, _first, _second, _cross);

    private HyperDual Scaled(double c) => new(_value * c, _first * c, _second * c, c * _cross);

    /// <inheritdoc/>
    public static implicit operator HyperDual(double value) =>
        new(value, Vector256<double>.Zero, Vector256<double>.Zero, LaneMatrix.Zero);

    /// <inheritdoc/>
    public static HyperDual operator +(HyperDual x) => x;
    /// <inheritdoc/>
    public static HyperDual operator -(HyperDual x) => new(-x._value, -x._first, -x._second, -x._cross);
    /// <inheritdoc/>
    public static HyperDual operator +(HyperDual x, HyperDual y) =>
        new(x._value + y._value, x._first + y._first, x._second + y._second, x._cross + y._cross);
    /// <inheritdoc/>
    public static HyperDual operator -(HyperDual x, HyperDual y) =>
        new(x._value - y._value, x._first - y._first, x._second - y._second, x._cross - y._cross);

    /// <summary>(xy)_ij = x y_ij + y x_ij + x_i y_j + y_i x_j.</summary>
    public static HyperDual operator *(HyperDual x, HyperDual y) =>
        new(x._value * y._value,
            x._value * y._first + y._value * x._first,
            x._value * y._second + y._value * x._second,
            LaneMatrix.Combine(x._value, y._cross, y._value, x._cross)
                + LaneMatrix.OuterSum(x._first, y._second, y._first, x._second));

    /// <summary>
    /// q = x / y from x = q y differentiated: q_i = (x_i - q y_i) / y and
    /// q_ij = (x_ij - q y_ij - q_i y_j - y_i q_j) / y, so the value is exactly x / y as in the plain path.
    /// </summary>
    public static HyperDual operator /(HyperDual x, HyperDual y)
    {
        double q = x._value / y._value;
        var first = (x._first - q * y._first) / y._value;
        var second = (x._second - q * y._second) / y._value;
        var cross = (x._cross - q * y._cross - LaneMatrix.OuterSum(first, y._second, y._first, second)) / y._value;
        return new(q, first, second, cross);
    }

    /// <inheritdoc/>
    public static HyperDual operator +(HyperDual x, double c) => x.WithValue(x._value + c);
    /// <inheritdoc/>
    public static HyperDual operator +(double c, HyperDual x) => x.WithValue(c + x._value);
    /// <inheritdoc/>
    public static HyperDual operator -(HyperDual x, double c) => x.WithValue(x._value - c);
    /// <inheritdoc/>
    public static HyperDual operator -(double c, HyperDual x) => (-x).WithValue(c - x._value);
    /// <inheritdoc/>
    public static HyperDual operator *(HyperDual x, double c) => x.Scaled(c);
    /// <inheritdoc/>
    public static HyperDual operator *(double c, HyperDual x) => x.Scaled(c);

    /// <inheritdoc/>
    public static HyperDual operator /(HyperDual x, double c) =>
        new(x._value / c, x._first / c, x._second / c, x._cross / c);

    /// <summary>c / x: f = c/v, f' = -f/v, f'' = 2f/v².</summary>
    public static HyperDual operator /(double c, HyperDual x)
    {
        double q = c / x._value, first = -q / x._value;
        return Chain(x, q, first, -2 * first / x._value);
    }

    /// <inheritdoc/>
    public static HyperDual Exp(HyperDual x)
    {
        double e = Math.Exp(x._value);
        return Chain(x, e, e, e);
    }

    /// <inheritdoc/>
    public static HyperDual Log(HyperDual x)
    {
        double inverse = 1 / x._value;
        return Chain(x, Math.Log(x._value), inverse, -inverse * inverse);
    }

    /// <summary>f = √v, f' = 1/(2f), f'' = -f'/(2v).</summary>
    public static HyperDual Sqrt(HyperDual x)
    {
        double r = Math.Sqrt(x._value), first = 0.5 / r;
        return Chain(x, r, first, -0.5 * first / x._value);
    }

    /// <inheritdoc/>
    public static HyperDual Abs(HyperDual x) => Chain(x, Math.Abs(x._value), RealFunctions.Sign(x._value), 0);

    /// <inheritdoc/>
    public static HyperDual Sin(HyperDual x)
    {
        double s = Math.Sin(x._value);
        return Chain(x, s, Math.Cos(x._value), -s);
    }

    /// <inheritdoc/>
    public static HyperDual Cos(HyperDual x)
    {
        double c = Math.Cos(x._value);
        return Chain(x, c, -Math.Sin(x._value), -c);
    }

    /// <summary>f = t, f' = 1 - t², f'' = -2t(1 - t²).</summary>
    public static HyperDual Tanh(HyperDual x)
    {
        double t = Math.Tanh(x._value), first = 1 - t * t;
        return Chain(x, t, first, -2 * t * first);
    }

    /// <summary>f' = σ(v), f'' = σ(v)(1 - σ(v)).</summary>
    public static HyperDual Softplus(HyperDual x)
    {
        double s = RealFunctions.Sigmoid(x._value);
        return Chain(x, RealFunctions.Softplus(x._value), s, s * (1 - s));
    }

    /// <inheritdoc/>
    public static HyperDual Pow(HyperDual x, double exponent)
    {
        var (first, second) = RealFunctions.PowDerivatives(x._value, exponent);
        return Chain(x, Math.Pow(x._value, exponent), first, second);
    }

    /// <summary>As <see cref="Dual.Pow(Dual, Dual)"/>: e^(y log x) when y varies, which needs x &gt; 0.</summary>
    public static HyperDual Pow(HyperDual x, HyperDual exponent)
    {
        if (exponent.IsConstant) return Pow(x, exponent._value);
        double value = Math.Pow(x._value, exponent._value);
        if (!(x._value > 0))
        {
            var nan = Vector256.Create(double.NaN);
            return new(value, nan, nan, new LaneMatrix(nan, nan, nan, nan));
        }
        return Exp(exponent * Log(x)).WithValue(value);
    }

    private bool IsConstant =>
        _first == Vector256<double>.Zero && _second == Vector256<double>.Zero && _cross.IsZero;

    /// <inheritdoc/>
    public static HyperDual Min(HyperDual x, HyperDual y) => RealFunctions.MinIsSecond(x._value, y._value) ? y : x;

    /// <inheritdoc/>
    public static HyperDual Max(HyperDual x, HyperDual y) => RealFunctions.MaxIsSecond(x._value, y._value) ? y : x;

    /// <summary>
    /// log Σ e^t_k with first derivatives Σ w_k t_k' and second derivatives Σ w_k [t_k'' + (t_k' - m)(t_k' - m)ᵀ],
    /// m the first derivative: the centred form, free of the cancellation in Σ w_k t_k't_k'ᵀ - m mᵀ.
    /// </summary>
    public static HyperDual LogSumExp(ReadOnlySpan<HyperDual> terms)
    {
        if (!ScalarMath.TryLogSumExpShift(terms, out double shift, out HyperDual decided)) return decided;
        Span<double> weights = terms.Length <= 64 ? stackalloc double[terms.Length] : new double[terms.Length];
        double value = ScalarMath.SoftmaxWeights(terms, shift, weights);
        Vector256<double> first = Vector256<double>.Zero, second = Vector256<double>.Zero;
        for (int k = 0; k < terms.Length; k++)
        {
            first += weights[k] * terms[k]._first;
            second += weights[k] * terms[k]._second;
        }
        LaneMatrix cross = LaneMatrix.Zero;
        for (int k = 0; k < terms.Length; k++)
        {
            var term = terms[k];
            cross += weights[k] * (term._cross + LaneMatrix.Outer(term._first - first, term._second - second));
        }
        return new(value, first, second, cross);
    }

    /// <summary>The value and the first-order parts.</summary>
    public override string ToString() => FormattableString.Invariant($"{_value} + {_first}ε1 + {_second}ε2 + …ε1ε2");
}
