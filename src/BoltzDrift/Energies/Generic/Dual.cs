using System.Runtime.Intrinsics;

namespace BoltzDrift.Energies.Generic;

/// <summary>
/// A forward-mode dual number: a value and its partial derivatives along <see cref="Lanes"/> seed
/// directions at once. Gradients of any dimension are taken in chunks of <see cref="Lanes"/> coordinates
/// (ForwardDiff.jl's "chunk mode"): a fixed lane count keeps the number a small unmanaged struct, so
/// evaluation allocates nothing and each derivative update is one SIMD instruction.
/// <see cref="ForwardDiff"/> does the seeding and chunking.
/// </summary>
public readonly struct Dual : IScalar<Dual>
{
    /// <summary>Number of partial derivatives carried together.</summary>
    public const int Lanes = 4;

    private readonly double _value;
    private readonly Vector256<double> _tangent;

    /// <summary>A value with the given partial derivatives, one per lane.</summary>
    public Dual(double value, Vector256<double> tangent)
    {
        _value = value;
        _tangent = tangent;
    }

    /// <summary>An independent variable: derivative 1 along lane <paramref name="lane"/>, 0 along the others.</summary>
    public static Dual Variable(double value, int lane)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, Lanes);
        return new(value, Unit(lane));
    }

    /// <summary>
    /// The unit vector along <paramref name="lane"/>, or zero for a lane outside 0..3. Built by comparison
    /// because WithElement with a run-time index takes a slow path that costs more than a whole small energy.
    /// </summary>
    internal static Vector256<double> Unit(int lane) =>
        Vector256.Equals(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)lane)) & Vector256.Create(1.0);

    /// <inheritdoc/>
    public double Value => _value;

    /// <summary>The partial derivatives, one per lane.</summary>
    public Vector256<double> Tangent => _tangent;

    /// <summary>The partial derivative along lane <paramref name="lane"/>.</summary>
    public double Partial(int lane) => _tangent.GetElement(lane);

    /// <summary>Writes the <see cref="Lanes"/> partial derivatives to <paramref name="destination"/> in one store.</summary>
    internal void CopyTangent(Span<double> destination) => _tangent.CopyTo(destination);

    /// <summary>f(x) by the chain rule, given f(v) and f'(v) at the value v of x.</summary>
    private static Dual Chain(Dual x, double f, double derivative) => new(f, derivative * x._tangent);

    /// <inheritdoc/>
    public static implicit operator Dual(double value) => new(value, Vector256<double>.Zero);

    /// <inheritdoc/>
    public static Dual operator +(Dual x) => x;
    /// <inheritdoc/>
    public static Dual operator -(Dual x) => new(-x._value, -x._tangent);
    /// <inheritdoc/>
    public static Dual operator +(Dual x, Dual y) => new(x._value + y._value, x._tangent + y._tangent);
    /// <inheritdoc/>
    public static Dual operator -(Dual x, Dual y) => new(x._value - y._value, x._tangent - y._tangent);
    /// <inheritdoc/>
    public static Dual operator *(Dual x, Dual y) => new(x._value * y._value, x._value * y._tangent + y._value * x._tangent);

    /// <summary>x / y, with the derivative (x' - q y') / y written in terms of the quotient q.</summary>
    public static Dual operator /(Dual x, Dual y)
    {
        double q = x._value / y._value;
        return new(q, (x._tangent - q * y._tangent) / y._value);
    }

    /// <inheritdoc/>
    public static Dual operator +(Dual x, double c) => new(x._value + c, x._tangent);
    /// <inheritdoc/>
    public static Dual operator +(double c, Dual x) => new(c + x._value, x._tangent);
    /// <inheritdoc/>
    public static Dual operator -(Dual x, double c) => new(x._value - c, x._tangent);
    /// <inheritdoc/>
    public static Dual operator -(double c, Dual x) => new(c - x._value, -x._tangent);
    /// <inheritdoc/>
    public static Dual operator *(Dual x, double c) => new(x._value * c, x._tangent * c);
    /// <inheritdoc/>
    public static Dual operator *(double c, Dual x) => new(c * x._value, c * x._tangent);
    /// <inheritdoc/>
    public static Dual operator /(Dual x, double c) => new(x._value / c, x._tangent / c);

    /// <summary>c / x, with derivative -c/v² = -q/v.</summary>
    public static Dual operator /(double c, Dual x)
    {
        double q = c / x._value;
        return Chain(x, q, -q / x._value);
    }

    /// <inheritdoc/>
    public static Dual Exp(Dual x)
    {
        double e = Math.Exp(x._value);
        return Chain(x, e, e);
    }

    /// <inheritdoc/>
    public static Dual Log(Dual x) => Chain(x, Math.Log(x._value), 1 / x._value);

    /// <inheritdoc/>
    public static Dual Sqrt(Dual x)
    {
        double r = Math.Sqrt(x._value);
        return Chain(x, r, 0.5 / r);
    }

    /// <inheritdoc/>
    public static Dual Abs(Dual x) => Chain(x, Math.Abs(x._value), RealFunctions.Sign(x._value));
    /// <inheritdoc/>
    public static Dual Sin(Dual x) => Chain(x, Math.Sin(x._value), Math.Cos(x._value));
    /// <inheritdoc/>
    public static Dual Cos(Dual x) => Chain(x, Math.Cos(x._value), -Math.Sin(x._value));

    /// <inheritdoc/>
    public static Dual Tanh(Dual x)
    {
        double t = Math.Tanh(x._value);
        return Chain(x, t, 1 - t * t);
    }

    /// <inheritdoc/>
    public static Dual Softplus(Dual x) => Chain(x, RealFunctions.Softplus(x._value), RealFunctions.Sigmoid(x._value));

    /// <inheritdoc/>
    public static Dual Pow(Dual x, double exponent) =>
        Chain(x, Math.Pow(x._value, exponent), RealFunctions.PowDerivatives(x._value, exponent).First);

    /// <summary>
    /// x^y. A constant y (zero derivatives) is the constant-exponent power; otherwise x^y = e^(y log x),
    /// whose derivatives exist only for x &gt; 0 and are NaN elsewhere. The value is Math.Pow's either way.
    /// </summary>
    public static Dual Pow(Dual x, Dual exponent)
    {
        if (exponent._tangent == Vector256<double>.Zero) return Pow(x, exponent._value);
        double value = Math.Pow(x._value, exponent._value);
        Dual viaLog = x._value > 0 ? Exp(exponent * Log(x)) : new(double.NaN, Vector256.Create(double.NaN));
        return new(value, viaLog._tangent);
    }

    /// <inheritdoc/>
    public static Dual Min(Dual x, Dual y) => RealFunctions.MinIsSecond(x._value, y._value) ? y : x;

    /// <inheritdoc/>
    public static Dual Max(Dual x, Dual y) => RealFunctions.MaxIsSecond(x._value, y._value) ? y : x;

    /// <summary>log Σ e^t_k with gradient Σ w_k ∇t_k, w the softmax weights.</summary>
    public static Dual LogSumExp(ReadOnlySpan<Dual> terms)
    {
        if (!ScalarMath.TryLogSumExpShift(terms, out double shift, out Dual decided)) return decided;
        Span<double> weights = terms.Length <= 64 ? stackalloc double[terms.Length] : new double[terms.Length];
        double value = ScalarMath.SoftmaxWeights(terms, shift, weights);
        var tangent = Vector256<double>.Zero;
        for (int k = 0; k < terms.Length; k++) tangent += weights[k] * terms[k]._tangent;
        return new(value, tangent);
    }

    /// <summary>The value and its partial derivatives.</summary>
    public override string ToString() => FormattableString.Invariant($"{_value} + {_tangent}ε");
}
