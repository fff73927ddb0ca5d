using System.Globalization;
using CsCheck;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>
/// A test-side expression tree: generated at random, printed to text with the fewest parentheses the
/// grammar allows (which exercises precedence and associativity), and evaluated by a plain tree walk as
/// the reference for the compiled code. The reference follows the documented semantics: a constant
/// exponent of 2 squares by multiplication and softplus is max(x, 0) + log1p(e^-|x|), so a correct
/// compiler reproduces it to the last bit.
/// </summary>
internal abstract record ExpressionTree
{
    public const int Additive = 1, Multiplicative = 2, Unary = 3, Power = 4, Atom = 5;

    /// <summary>How tightly the printed form binds.</summary>
    public abstract int Level { get; }

    public abstract bool IsConstant { get; }

    public abstract double Evaluate(double[] x);

    public abstract string Print();

    /// <summary>The printed form, in parentheses if it binds more loosely than <paramref name="level"/>.</summary>
    public string Print(int level) => Level < level ? $"({Print()})" : Print();

    public override string ToString() => Print();
}

internal sealed record Number(double Value) : ExpressionTree
{
    public override int Level => Value < 0 ? Unary : Atom;
    public override bool IsConstant => true;
    public override double Evaluate(double[] x) => Value;
    public override string Print() => Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Coordinate k, written as xk, x[k] or (for d = 2) x / y.</summary>
internal sealed record Variable(int Index, int Style, int Dimension) : ExpressionTree
{
    public override int Level => Atom;
    public override bool IsConstant => false;
    public override double Evaluate(double[] x) => x[Index];
    public override string Print() => Style switch
    {
        1 => $"x[{Index}]",
        2 when Dimension == 2 => Index == 0 ? "x" : "y",
        _ => $"x{Index}",
    };
}

internal sealed record Negation(ExpressionTree Operand) : ExpressionTree
{
    public override int Level => Unary;
    public override bool IsConstant => Operand.IsConstant;
    public override double Evaluate(double[] x) => -Operand.Evaluate(x);
    public override string Print() => "-" + Operand.Print(Unary);
}

internal sealed record Binary(char Operator, ExpressionTree Left, ExpressionTree Right) : ExpressionTree
{
    public override int Level => Operator is '+' or '-' ? Additive : Multiplicative;
    public override bool IsConstant => Left.IsConstant && Right.IsConstant;

    public override double Evaluate(double[] x)
    {
        double a = Left.Evaluate(x), b = Right.Evaluate(x);
        return Operator switch { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b };
    }

    // Left-associative: the right operand must bind strictly tighter.
    public override string Print() => $"{Left.Print(Level)} {Operator} {Right.Print(Level + 1)}";
}

internal sealed record Exponentiation(ExpressionTree Base, ExpressionTree Exponent) : ExpressionTree
{
    public override int Level => Power;
    public override bool IsConstant => Base.IsConstant && Exponent.IsConstant;

    public override double Evaluate(double[] x)
    {
        double a = Base.Evaluate(x);
        if (Exponent.IsConstant && Exponent.Evaluate(x) == 2) return a * a;
        return Math.Pow(a, Exponent.Evaluate(x));
    }

    // Right-associative and tighter than unary minus: the base must be an atom, the exponent may be signed.
    public override string Print() => $"{Base.Print(Atom)}^{Exponent.Print(Unary)}";
}

internal sealed record Call(string Function, ExpressionTree[] Arguments) : ExpressionTree
{
    public override int Level => Atom;
    public override bool IsConstant => Arguments.All(a => a.IsConstant);
    public override string Print() => $"{Function}({string.Join(", ", Arguments.Select(a => a.Print()))})";

    public override double Evaluate(double[] x)
    {
        double[] v = Arguments.Select(a => a.Evaluate(x)).ToArray();
        return Function switch
        {
            "exp" => Math.Exp(v[0]),
            "log" => Math.Log(v[0]),
            "sqrt" => Math.Sqrt(v[0]),
            "abs" => Math.Abs(v[0]),
            "sin" => Math.Sin(v[0]),
            "cos" => Math.Cos(v[0]),
            "tanh" => Math.Tanh(v[0]),
            "softplus" => double.IsNaN(v[0]) ? v[0] : Math.Max(v[0], 0) + Log1P(Math.Exp(-Math.Abs(v[0]))),
            "min" => v.Aggregate(Math.Min),
            "max" => v.Aggregate(Math.Max),
            "logsumexp" => LogSumExp(v),
            _ => throw new ArgumentException(Function),
        };
    }

    private static double Log1P(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : double.IsPositiveInfinity(w) ? w : Math.Log(w) * u / (w - 1);
    }

    private static double LogSumExp(double[] v)
    {
        if (v.Any(double.IsNaN)) return double.NaN;
        double m = v.Max();
        if (double.IsInfinity(m)) return m;
        double sum = 0;
        foreach (double t in v) sum += Math.Exp(t - m);
        return Math.Log(sum) + m;
    }
}

/// <summary>CsCheck generators of expression trees.</summary>
internal static class ExpressionTrees
{
    private static readonly string[] s_unary = ["exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "softplus"];
    private static readonly string[] s_nary = ["min", "max", "logsumexp"];

    private static Gen<ExpressionTree> Leaf(int dimension, bool extremeConstants) => Gen.Frequency(
        (2, Gen.Double[0.1, 3.0].Select(v => (ExpressionTree)new Number(Math.Round(v, 3)))),
        (1, (extremeConstants ? Gen.OneOf(0.5, 1.0, 2.0, 1e-3, 2.5e1) : Gen.OneOf(0.5, 1.0, 2.0)).Select(v => (ExpressionTree)new Number(v))),
        (4, Gen.Select(Gen.Int[0, dimension - 1], Gen.Int[0, 2], (k, style) => (ExpressionTree)new Variable(k, style, dimension))));

    /// <summary>
    /// Trees of at most <paramref name="depth"/> levels over x0..x{d-1}. Extreme constants (1e-3, 25) reach
    /// overflow, underflow and huge arguments of sin and cos, which test the parser and the value path well
    /// but make finite differences meaningless.
    /// </summary>
    public static Gen<ExpressionTree> Tree(int dimension, int depth, bool extremeConstants = true)
    {
        var leaf = Leaf(dimension, extremeConstants);
        if (depth == 0) return leaf;
        var sub = Tree(dimension, depth - 1, extremeConstants);
        var exponent = Gen.Frequency(
            (3, Gen.OneOf(2.0, 3.0, 0.5, -1.0, 1.5, 1.0, 0.0, -2.0).Select(v => (ExpressionTree)new Number(v))),
            (1, sub));
        return Gen.Frequency(
            (3, leaf),
            (1, sub.Select(a => (ExpressionTree)new Negation(a))),
            (5, Gen.Select(Gen.Char["+-*/"], sub, sub, (op, a, b) => (ExpressionTree)new Binary(op, a, b))),
            (2, Gen.Select(sub, exponent, (a, b) => (ExpressionTree)new Exponentiation(a, b))),
            (3, Gen.Select(Gen.OneOf(s_unary), sub, (f, a) => (ExpressionTree)new Call(f, [a]))),
            (1, Gen.Select(Gen.OneOf(s_nary), sub.Array[1, 3], (f, args) => (ExpressionTree)new Call(f, args))));
    }
}
