using System.Numerics;
using System.Runtime.CompilerServices;

namespace BoltzDrift.Energies.Generic;

/// <summary>
/// A plain floating-point number as an <see cref="IScalar{TSelf}"/>: <c>Real&lt;double&gt;</c> evaluates
/// energies, <c>Real&lt;float&gt;</c> evaluates them in single precision. It wraps one field, so a span of
/// doubles can be reinterpreted as a span of <c>Real&lt;double&gt;</c> at no cost.
/// </summary>
/// <typeparam name="TFloat">double or float.</typeparam>
public readonly struct Real<TFloat> : IScalar<Real<TFloat>>
    where TFloat : unmanaged, IFloatingPointIeee754<TFloat>
{
    private readonly TFloat _number;

    /// <summary>Wraps a number.</summary>
    public Real(TFloat number) => _number = number;

    /// <summary>The wrapped number in its own precision.</summary>
    public TFloat Number => _number;

    /// <inheritdoc/>
    public double Value => double.CreateTruncating(_number);

    private static TFloat F(double c) => TFloat.CreateTruncating(c);

    /// <inheritdoc/>
    public static implicit operator Real<TFloat>(double value) => new(F(value));

    /// <inheritdoc/>
    public static Real<TFloat> operator +(Real<TFloat> x) => x;
    /// <inheritdoc/>
    public static Real<TFloat> operator -(Real<TFloat> x) => new(-x._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator +(Real<TFloat> x, Real<TFloat> y) => new(x._number + y._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator -(Real<TFloat> x, Real<TFloat> y) => new(x._number - y._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator *(Real<TFloat> x, Real<TFloat> y) => new(x._number * y._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator /(Real<TFloat> x, Real<TFloat> y) => new(x._number / y._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator +(Real<TFloat> x, double c) => new(x._number + F(c));
    /// <inheritdoc/>
    public static Real<TFloat> operator +(double c, Real<TFloat> x) => new(F(c) + x._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator -(Real<TFloat> x, double c) => new(x._number - F(c));
    /// <inheritdoc/>
    public static Real<TFloat> operator -(double c, Real<TFloat> x) => new(F(c) - x._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator *(Real<TFloat> x, double c) => new(x._number * F(c));
    /// <inheritdoc/>
    public static Real<TFloat> operator *(double c, Real<TFloat> x) => new(F(c) * x._number);
    /// <inheritdoc/>
    public static Real<TFloat> operator /(Real<TFloat> x, double c) => new(x._number / F(c));
    /// <inheritdoc/>
    public static Real<TFloat> operator /(double c, Real<TFloat> x) => new(F(c) / x._number);

    /// <inheritdoc/>
    public static Real<TFloat> Exp(Real<TFloat> x) => new(TFloat.Exp(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Log(Real<TFloat> x) => new(TFloat.Log(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Sqrt(Real<TFloat> x) => new(TFloat.Sqrt(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Abs(Real<TFloat> x) => new(TFloat.Abs(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Sin(Real<TFloat> x) => new(TFloat.Sin(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Cos(Real<TFloat> x) => new(TFloat.Cos(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Tanh(Real<TFloat> x) => new(TFloat.Tanh(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Softplus(Real<TFloat> x) => new(RealFunctions.Softplus(x._number));
    /// <inheritdoc/>
    public static Real<TFloat> Pow(Real<TFloat> x, double exponent) => new(TFloat.Pow(x._number, F(exponent)));
    /// <inheritdoc/>
    public static Real<TFloat> Pow(Real<TFloat> x, Real<TFloat> exponent) => new(TFloat.Pow(x._number, exponent._number));
    /// <inheritdoc/>
    public static Real<TFloat> Min(Real<TFloat> x, Real<TFloat> y) => new(TFloat.Min(x._number, y._number));
    /// <inheritdoc/>
    public static Real<TFloat> Max(Real<TFloat> x, Real<TFloat> y) => new(TFloat.Max(x._number, y._number));

    /// <summary>The number in invariant notation.</summary>
    public override string ToString() => _number.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
}
