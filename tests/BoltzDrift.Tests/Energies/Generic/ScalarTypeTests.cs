using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Tests.Energies.Generic;

/// <summary>Each primitive of the dual types against its closed-form first and second derivatives.</summary>
public class ScalarTypeTests
{
    private delegate T Unary<T>(T x) where T : struct, IScalar<T>;

    /// <summary>name, a point, f, f', f'' at that point.</summary>
    public static TheoryData<string, double> Primitives => new()
    {
        { "exp", 0.7 }, { "log", 1.9 }, { "sqrt", 2.3 }, { "abs", -1.4 }, { "abs", 0.6 }, { "sin", 0.9 }, { "cos", -2.1 },
        { "tanh", 0.4 }, { "softplus", -3.0 }, { "softplus", 25.0 }, { "pow2.5", 1.7 }, { "pow3", -1.3 },
        { "recip", -0.8 }, { "inverse-square", 1.6 }, { "pow-variable", 1.3 },
    };

    private static T Apply<T>(string name, T x) where T : struct, IScalar<T> => name switch
    {
        "exp" => T.Exp(x),
        "log" => T.Log(x),
        "sqrt" => T.Sqrt(x),
        "abs" => T.Abs(x),
        "sin" => T.Sin(x),
        "cos" => T.Cos(x),
        "tanh" => T.Tanh(x),
        "softplus" => T.Softplus(x),
        "pow2.5" => T.Pow(x, 2.5),
        "pow3" => T.Pow(x, 3),
        "recip" => 2.0 / x,
        "inverse-square" => 1.0 / (x * x),
        "pow-variable" => T.Pow(x, x),
        _ => throw new ArgumentException(name),
    };

    private static (double F, double First, double Second) Expected(string name, double v)
    {
        double s = 1 / (1 + Math.Exp(-v)), t = Math.Tanh(v), p = Math.Pow(v, v), lp = Math.Log(v) + 1;
        return name switch
        {
            "exp" => (Math.Exp(v), Math.Exp(v), Math.Exp(v)),
            "log" => (Math.Log(v), 1 / v, -1 / (v * v)),
            "sqrt" => (Math.Sqrt(v), 0.5 / Math.Sqrt(v), -0.25 * Math.Pow(v, -1.5)),
            "abs" => (Math.Abs(v), Math.Sign(v), 0),
            "sin" => (Math.Sin(v), Math.Cos(v), -Math.Sin(v)),
            "cos" => (Math.Cos(v), -Math.Sin(v), -Math.Cos(v)),
            "tanh" => (t, 1 - t * t, -2 * t * (1 - t * t)),
            "softplus" => (Math.Log(1 + Math.Exp(v)), s, s * (1 - s)),
            "pow2.5" => (Math.Pow(v, 2.5), 2.5 * Math.Pow(v, 1.5), 3.75 * Math.Pow(v, 0.5)),
            "pow3" => (v * v * v, 3 * v * v, 6 * v),
            "recip" => (2 / v, -2 / (v * v), 4 / (v * v * v)),
            "inverse-square" => (1 / (v * v), -2 / (v * v * v), 6 / (v * v * v * v)),
            "pow-variable" => (p, p * lp, p * lp * lp + p / v),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Primitives))]
    public void DualAndHyperDual_CarryExactDerivatives(string name, double v)
    {
        var (f, first, second) = Expected(name, v);
        double tolerance(double expected) => 1e-13 * Math.Max(1, Math.Abs(expected));

        Real<double> real = Apply<Real<double>>(name, new Real<double>(v));
        NumericAssert.Close(f, real.Value, tolerance(f), "value");

        Dual dual = Apply(name, Dual.Variable(v, 2));
        Assert.Equal(real.Value, dual.Value);
        NumericAssert.Close(first, dual.Partial(2), tolerance(first), "f'");
        Assert.Equal(0, dual.Partial(0));

        HyperDual hyper = Apply(name, HyperDual.Variable(v, 1, 3));
        Assert.Equal(real.Value, hyper.Value);
        NumericAssert.Close(first, hyper.FirstPartial(1), tolerance(first), "f' (ε1)");
        NumericAssert.Close(first, hyper.SecondPartial(3), tolerance(first), "f' (ε2)");
        NumericAssert.Close(second, hyper.CrossPartial(1, 3), tolerance(second), "f''");
        Assert.Equal(0, hyper.CrossPartial(3, 1));
    }

    [Fact]
    public void Softplus_IsStableAtBothEnds()
    {
        Assert.Equal(1000, Real<double>.Softplus(1000).Value);
        NumericAssert.Close(Math.Exp(-50), Real<double>.Softplus(-50).Value, 1e-15 * Math.Exp(-50));
        Assert.Equal(1, Dual.Softplus(Dual.Variable(800, 0)).Partial(0));
        Assert.True(Real<float>.Softplus(new Real<float>(200f)).Number == 200f);
    }

    [Fact]
    public void PowersWithExponentZeroOrOne_HaveFiniteDerivativesAtZero()
    {
        HyperDual zero = HyperDual.Variable(0, 0, 0);
        HyperDual one = HyperDual.Pow(zero, 1), constant = HyperDual.Pow(zero, 0);
        Assert.Equal((0.0, 1.0, 0.0), (one.Value, one.FirstPartial(0), one.CrossPartial(0, 0)));
        Assert.Equal((1.0, 0.0, 0.0), (constant.Value, constant.FirstPartial(0), constant.CrossPartial(0, 0)));
    }

    [Fact]
    public void MinAndMax_FollowMathMinMax_AndCarryTheChosenDerivative()
    {
        Dual a = Dual.Variable(1, 0), b = Dual.Variable(2, 1);
        Assert.Equal(1, Dual.Max(a, b).Partial(1));
        Assert.Equal(1, Dual.Min(a, b).Partial(0));
        Assert.True(double.IsNaN(Dual.Max(a, double.NaN).Value));
        Assert.True(double.IsNaN(Dual.Min(double.NaN, b).Value));
        Assert.True(double.IsPositive(Dual.Max(-0.0, 0.0).Value) && double.IsPositive(Dual.Max(0.0, -0.0).Value));
        Assert.True(double.IsNegative(Dual.Min(-0.0, 0.0).Value) && double.IsNegative(Dual.Min(0.0, -0.0).Value));
    }

    [Fact]
    public void SinglePrecision_EvaluatesTheSameFormula()
    {
        var f = new KitchenSink();
        foreach (double[] x in FiniteDifference.RandomPoints(5, 5, seed: 4))
        {
            Real<float>[] single = x.Select(v => new Real<float>((float)v)).ToArray();
            double expected = ForwardDiff.Value(f, x);
            NumericAssert.Close(expected, f.Evaluate<Real<float>>(single).Value, 1e-5 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void LogSumExp_IsStable_AndHandlesInfinities()
    {
        Real<double>[] big = [1000, 1000];
        NumericAssert.Close(1000 + Math.Log(2), ScalarMath.LogSumExp<Real<double>>(big).Value, 1e-12);
        Assert.Equal(double.NegativeInfinity, ScalarMath.LogSumExp<Real<double>>([double.NegativeInfinity, double.NegativeInfinity]).Value);
        Assert.Equal(double.PositiveInfinity, ScalarMath.LogSumExp<Real<double>>([1, double.PositiveInfinity]).Value);
        Assert.True(double.IsNaN(ScalarMath.LogSumExp<Real<double>>([1, double.NaN]).Value));
        Dual[] terms = [Dual.Variable(0, 0), Dual.Variable(Math.Log(3), 1)];
        Dual lse = ScalarMath.LogSumExp<Dual>(terms);
        NumericAssert.Close(0.25, lse.Partial(0), 1e-15);
        NumericAssert.Close(0.75, lse.Partial(1), 1e-15);
    }
}
