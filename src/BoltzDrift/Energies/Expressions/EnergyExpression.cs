using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// Energies written as text, e.g. <c>"x^2/4.5 + (y - 0.5*(x^2 - 2.25))^2/0.5"</c>. They are compiled
/// once through the generic energy machinery, so every expression comes with exact gradients and Hessians.
/// <list type="bullet">
/// <item>Variables: <c>x0</c>…<c>x{d-1}</c>; <c>x</c> and <c>y</c> for x0 and x1 when d = 2; <c>x[i]</c> with a
/// whole-number index computed from numbers and sum indices (e.g. <c>x[3*i + 1]</c>). Constant: <c>pi</c>.</item>
/// <item>Operators: <c>+ - * /</c>, <c>^</c> (right-associative, binding tighter than unary minus, so
/// <c>-x^2</c> is <c>-(x^2)</c> and <c>2^-x</c> is <c>2^(-x)</c>), parentheses. No implicit multiplication.</item>
/// <item>Numbers: <c>1</c>, <c>1.5</c>, <c>.5</c>, <c>1.</c>, <c>1e-3</c>, <c>2E+4</c>.</item>
/// <item>Functions: <c>exp log sqrt abs sin cos tanh softplus</c> (one argument; softplus is log(1 + e^x),
/// computed stably), <c>min max logsumexp</c> (one or more arguments; logsumexp subtracts the maximum).</item>
/// <item><c>sum(i, a, b, body)</c>: body summed for i = a, a + 1, …, b (both inclusive; zero if b &lt; a). The
/// bounds are whole numbers computed from numbers and enclosing sum indices, so sums nest:
/// <c>sum(i, 0, 11, sum(j, i + 1, 12, …))</c> runs over pairs. Sums are expanded when compiling, to at most
/// 250 000 nodes in all. The index is also a number in the body: <c>sum(i, 1, 3, i*x[i-1])</c>.</item>
/// </list>
/// Names are case-sensitive. Evaluation never throws: NaN and ±∞ come out as IEEE arithmetic makes them
/// (log of a negative number, division by zero, overflow), and the trainer treats such energies as
/// infinitely unlikely. Derivatives at kinks (abs, min, max at a tie) follow one side; at points where a
/// derivative is infinite (sqrt at 0) it is ±∞ or NaN.
/// <para>
/// Single points (values, gradients, Hessians) walk a compiled tree once per point. Float32 batches
/// (<see cref="Energy.Evaluate(ReadOnlySpan{float}, Span{float})"/>, the training hot path) run a column
/// program instead: 256 points at a time, each operation over whole columns of doubles with SIMD, several
/// times faster. It computes the same operations in the same order in double precision, rounded to float
/// at the end; exp, log, sin, cos, tanh (also in logsumexp) and whole constant powers up to ±16 (by repeated
/// squaring) may differ from Math.* by about an ulp in double, so a float energy may differ in its last bit.
/// </para>
/// </summary>
public static class EnergyExpression
{
    /// <summary>Compiles <paramref name="text"/> to an energy on R^<paramref name="dimension"/>.</summary>
    /// <exception cref="ExpressionParseException">The text is not a valid expression for this dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is below 1.</exception>
    public static GenericEnergy<ExpressionFunction> Parse(string text, int dimension) =>
        new(ParseFunction(text, dimension));

    /// <summary>Compiles <paramref name="text"/> to a function that can be evaluated with any <see cref="IScalar{TSelf}"/> type.</summary>
    /// <exception cref="ExpressionParseException">The text is not a valid expression for this dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is below 1.</exception>
    public static ExpressionFunction ParseFunction(string text, int dimension)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Syntax syntax = Parser.Parse(text);
        BoundNode root = new Binder(text, dimension).Bind(syntax);
        return new ExpressionFunction(new CompiledExpression(text, dimension, root));
    }
}
