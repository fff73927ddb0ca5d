using System.Runtime.CompilerServices;

namespace BoltzDrift.Engine;

/// <summary>
/// Elementary functions over one register, written once over <see cref="ISimdFloat{TSelf}"/> for every width.
/// Float32 polynomials (the Cephes coefficients) accurate to a few ulp on the ranges stated, and much cheaper than
/// the runtime's vector functions, which handle every input and compute through float64.
/// </summary>
internal static class SimdMath
{
    /// <summary>Below this, <see cref="Exp{T}"/> returns 0 (e^-86.5 ≈ 2.6e-38: nothing a float sum of weights ≤ 1 notices).</summary>
    public const float ExpFlushBelow = -86.5f;

    /// <summary>Above this, <see cref="Exp{T}"/> returns +∞ (e^88 ≈ 1.7e38, near the float maximum).</summary>
    public const float ExpOverflowAbove = 88f;

    /// <summary>
    /// e^x to about 2 ulp for x in [<see cref="ExpFlushBelow"/>, <see cref="ExpOverflowAbove"/>]; 0 below, +∞ above,
    /// NaN for NaN. x = n ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in two for an exact product), e^r by a degree-6
    /// polynomial, then 2^n added to the exponent field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x) where T : struct, ISimdFloat<T>
    {
        var n = T.Round(T.Multiply(x, T.Broadcast(1.44269504f)));
        var r = T.MultiplyAdd(n, T.Broadcast(-0.693359375f), x);
        r = T.MultiplyAdd(n, T.Broadcast(2.12194440e-4f), r);
        var p = T.MultiplyAdd(T.Broadcast(1.9875691500e-4f), r, T.Broadcast(1.3981999507e-3f));
        p = T.MultiplyAdd(p, r, T.Broadcast(8.3334519073e-3f));
        p = T.MultiplyAdd(p, r, T.Broadcast(4.1665795894e-2f));
        p = T.MultiplyAdd(p, r, T.Broadcast(1.6666665459e-1f));
        p = T.MultiplyAdd(p, r, T.Broadcast(5.0000001201e-1f));
        p = T.MultiplyAdd(p, T.Multiply(r, r), T.Add(r, T.Broadcast(1f)));
        // Out of range (and for x = ±∞), 2^n is garbage or n not an integer; those lanes are replaced below. NaN stays NaN:
        // p is NaN, and adding to its exponent field leaves a NaN (n converts to 0, or to 2³¹ whose shifted bits are 0).
        var result = T.ScaleByPowerOfTwo(p, n);
        result = T.Select(T.LessThan(x, T.Broadcast(ExpFlushBelow)), T.Zero, result);
        return T.Select(T.LessThan(T.Broadcast(ExpOverflowAbove), x), T.Broadcast(float.PositiveInfinity), result);
    }

    /// <summary>
    /// Natural logarithm of a positive normal float (not 0, subnormals, ∞ or NaN). x = m 2^e with m in [√½, √2), and
    /// log m = 2 atanh(t) = 2 (t + t³/3 + t⁵/5 + ...), t = (m - 1)/(m + 1), where |t| ≤ 0.172 so five terms reach
    /// float precision.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log<T>(T x) where T : struct, ISimdFloat<T>
    {
        var exponent = T.Exponent(x, out var mantissa);
        var aboveSqrt2 = T.LessThan(T.Broadcast(1.41421356f), mantissa);
        mantissa = T.Select(aboveSqrt2, T.Multiply(mantissa, T.Broadcast(0.5f)), mantissa);
        exponent = T.Select(aboveSqrt2, T.Add(exponent, T.Broadcast(1f)), exponent);
        var one = T.Broadcast(1f);
        var t = T.Divide(T.Subtract(mantissa, one), T.Add(mantissa, one));
        var t2 = T.Multiply(t, t);
        var series = T.MultiplyAdd(t2, T.Broadcast(1f / 9), T.Broadcast(1f / 7));
        series = T.MultiplyAdd(t2, series, T.Broadcast(1f / 5));
        series = T.MultiplyAdd(t2, series, T.Broadcast(1f / 3));
        series = T.MultiplyAdd(t2, series, one);
        return T.MultiplyAdd(exponent, T.Broadcast(0.693147181f), T.Multiply(T.Add(t, t), series));
    }

    /// <summary>Sine and cosine of |x| ≤ π/4 (Cephes' minimax polynomials of degree 7 and 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SinCos<T>(T x, out T cos) where T : struct, ISimdFloat<T>
    {
        var z = T.Multiply(x, x);
        var c = T.MultiplyAdd(T.Broadcast(2.443315711809948e-5f), z, T.Broadcast(-1.388731625493765e-3f));
        c = T.MultiplyAdd(c, z, T.Broadcast(4.166664568298827e-2f));
        c = T.MultiplyAdd(T.Multiply(c, z), z, T.MultiplyAdd(z, T.Broadcast(-0.5f), T.Broadcast(1f)));
        cos = c;
        var s = T.MultiplyAdd(T.Broadcast(-1.9515295891e-4f), z, T.Broadcast(8.3321608736e-3f));
        s = T.MultiplyAdd(s, z, T.Broadcast(-1.6666654611e-1f));
        return T.MultiplyAdd(T.Multiply(s, z), x, x);
    }
}
