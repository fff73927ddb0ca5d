using System.Numerics;

namespace BoltzDrift.Energies.Generic;

/// <summary>Numerically careful building blocks shared by the scalar types.</summary>
internal static class RealFunctions
{
    /// <summary>
    /// log(1 + e^x) = max(x, 0) + log1p(e^-|x|). The exponent is never positive, so nothing overflows, and
    /// log1p keeps the tiny value of very negative x instead of rounding 1 + e^x to 1.
    /// </summary>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x)) return x;
        return T.Max(x, T.Zero) + Log1P(T.Exp(-T.Abs(x)));
    }

    /// <summary>
    /// log(1 + u) for u ≥ 0, accurate for tiny u. The runtime's LogP1 is computed as log(u + 1), which
    /// loses u entirely below machine epsilon; this is Goldberg's correction, log(w)·u/(w - 1) with w = 1 + u.
    /// </summary>
    public static T Log1P<T>(T u) where T : IFloatingPointIeee754<T>
    {
        T w = T.One + u;
        if (w == T.One) return u;
        if (T.IsPositiveInfinity(w)) return w;
        return T.Log(w) * u / (w - T.One);
    }

    /// <summary>1 / (1 + e^-x) without overflow: the derivative of softplus.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>The derivative of |x|: ±1, 0 at 0 (a subgradient), NaN for NaN (Math.Sign would throw).</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : double.NaN;

    /// <summary>
    /// First and second derivatives of v^p. Coefficients that are exactly zero zero their term, so that
    /// x^0 and x^1 have finite derivatives at v = 0 rather than 0·∞ = NaN.
    /// </summary>
    public static (double First, double Second) PowDerivatives(double v, double p)
    {
        double first = p == 0 ? 0 : p * Math.Pow(v, p - 1);
        double second = p == 0 || p == 1 ? 0 : p * (p - 1) * Math.Pow(v, p - 2);
        return (first, second);
    }

    /// <summary>
    /// Whether max(x, y) is y, decided exactly as <see cref="Math.Max(double, double)"/> decides: NaN wins,
    /// and on a tie +0 beats -0, otherwise y. Dual numbers follow the chosen operand's derivatives, so
    /// matching the plain-double choice keeps their values identical to it.
    /// </summary>
    public static bool MaxIsSecond(double x, double y)
    {
        if (x != y) return !double.IsNaN(x) && !(y < x);
        return !double.IsNegative(y);
    }

    /// <summary>Whether min(x, y) is y, decided exactly as <see cref="Math.Min(double, double)"/> decides.</summary>
    public static bool MinIsSecond(double x, double y)
    {
        if (x != y) return !double.IsNaN(x) && !(x < y);
        return !double.IsNegative(x);
    }
}
