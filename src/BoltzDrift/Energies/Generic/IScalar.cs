using System.Numerics;

namespace BoltzDrift.Energies.Generic;

/// <summary>
/// A number type that energy functions are written over once and then evaluated with plain doubles
/// (<see cref="Real{TFloat}"/>), with first derivatives (<see cref="Dual"/>) or with second derivatives
/// (<see cref="HyperDual"/>). It offers the arithmetic and the elementary functions an energy needs;
/// mixed operators with <see cref="double"/> exist so constants do not have to be lifted, which also
/// saves the dual types the work of propagating a zero derivative.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IScalar<TSelf> :
    IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>,
    IMultiplyOperators<TSelf, TSelf, TSelf>,
    IDivisionOperators<TSelf, TSelf, TSelf>,
    IUnaryNegationOperators<TSelf, TSelf>,
    IUnaryPlusOperators<TSelf, TSelf>
    where TSelf : struct, IScalar<TSelf>
{
    /// <summary>
    /// The value itself, without derivatives, in double precision. Branch on it (e.g. a cut-off radius),
    /// never feed it back into the arithmetic: whatever is computed from it is a constant to the derivatives.
    /// </summary>
    double Value { get; }

    /// <summary>A constant: the value with zero derivatives.</summary>
    static abstract implicit operator TSelf(double value);

    /// <summary>x + c.</summary>
    static abstract TSelf operator +(TSelf x, double c);

    /// <summary>c + x.</summary>
    static abstract TSelf operator +(double c, TSelf x);

    /// <summary>x - c.</summary>
    static abstract TSelf operator -(TSelf x, double c);

    /// <summary>c - x.</summary>
    static abstract TSelf operator -(double c, TSelf x);

    /// <summary>x · c.</summary>
    static abstract TSelf operator *(TSelf x, double c);

    /// <summary>c · x.</summary>
    static abstract TSelf operator *(double c, TSelf x);

    /// <summary>x / c.</summary>
    static abstract TSelf operator /(TSelf x, double c);

    /// <summary>c / x.</summary>
    static abstract TSelf operator /(double c, TSelf x);

    /// <summary>e^x.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>Natural logarithm; NaN below 0, -∞ at 0.</summary>
    static abstract TSelf Log(TSelf x);

    /// <summary>Square root; NaN below 0. Its derivative is +∞ at 0.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>|x|; its derivative at 0 is taken as 0.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary>sin x.</summary>
    static abstract TSelf Sin(TSelf x);

    /// <summary>cos x.</summary>
    static abstract TSelf Cos(TSelf x);

    /// <summary>tanh x.</summary>
    static abstract TSelf Tanh(TSelf x);

    /// <summary>log(1 + e^x), computed without overflow for large x and without underflow to 0 for very negative x.</summary>
    static abstract TSelf Softplus(TSelf x);

    /// <summary>x^p for a constant exponent, as <see cref="Math.Pow"/> (negative bases are fine for whole p).</summary>
    static abstract TSelf Pow(TSelf x, double exponent);

    /// <summary>
    /// x^y. When y varies, its derivative needs log x, so derivatives are NaN unless x &gt; 0; a constant y
    /// behaves as <see cref="Pow(TSelf, double)"/>.
    /// </summary>
    static abstract TSelf Pow(TSelf x, TSelf exponent);

    /// <summary>
    /// The operand with the smaller value, chosen as <see cref="Math.Min(double, double)"/> chooses (NaN wins;
    /// on a tie -0 beats +0, otherwise the second); derivatives follow the chosen operand.
    /// </summary>
    static abstract TSelf Min(TSelf x, TSelf y);

    /// <summary>
    /// The operand with the larger value, chosen as <see cref="Math.Max(double, double)"/> chooses (NaN wins;
    /// on a tie +0 beats -0, otherwise the second); derivatives follow the chosen operand.
    /// </summary>
    static abstract TSelf Max(TSelf x, TSelf y);

    /// <summary>
    /// log Σ e^t_k, stably (see <see cref="ScalarMath.LogSumExp{T}"/>, which calls this). The default works
    /// through the arithmetic above; the dual types override it to combine derivatives as softmax-weighted
    /// averages, and second derivatives in centred form (Σ w_k t_k'' + Cov_w[t']), which avoids the
    /// cancellation of t'² terms that the generic route suffers when one term dominates.
    /// </summary>
    static virtual TSelf LogSumExp(ReadOnlySpan<TSelf> terms) => ScalarMath.ShiftedLogSumExp(terms);
}
