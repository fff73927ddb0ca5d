using BoltzDrift.Energies.Expressions;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>What expressions mean: precedence, literals, names, functions, sums and non-finite results.</summary>
public class ExpressionSemanticsTests
{
    private static double Eval(string text, params double[] x) =>
        EnergyExpression.Parse(text, Math.Max(1, x.Length)).Evaluate(x.Length == 0 ? [0.0] : x);

    [Theory]
    [InlineData("-x0^2", 3, -9)]
    [InlineData("2^3^2", 0, 512)]
    [InlineData("2^-1", 0, 0.5)]
    [InlineData("-2^-2", 0, -0.25)]
    [InlineData("(-x0)^2", 3, 9)]
    [InlineData("10 - 4 - 3", 0, 3)]
    [InlineData("64 / 4 / 2", 0, 8)]
    [InlineData("1 + 2 * 3 ^ 2", 0, 19)]
    [InlineData("2 * -x0", 3, -6)]
    [InlineData("- - -x0", 3, -3)]
    [InlineData("+x0", 3, 3)]
    [InlineData("x0^1", 3, 3)]
    [InlineData("x0^0", 0, 1)]
    [InlineData(".5 + 1. + 1e-3 + 2.5E+1 + 0.25e1", 0, 29.001)]
    public void Arithmetic_FollowsTheGrammar(string text, double x0, double expected) =>
        Assert.Equal(expected, Eval(text, x0), 12);

    [Fact]
    public void Functions_ComputeWhatTheirNamesSay()
    {
        Assert.Equal(Math.Exp(0.3) + Math.Log(2) + Math.Sqrt(5) + 4 + Math.Sin(1) + Math.Cos(1) + Math.Tanh(0.5),
            Eval("exp(0.3) + log(2) + sqrt(5) + abs(-4) + sin(1) + cos(1) + tanh(0.5)"), 12);
        Assert.Equal(Math.Log(1 + Math.Exp(0.7)), Eval("softplus(0.7)"), 14);
        Assert.Equal(1000, Eval("softplus(1000)"));
        Assert.Equal(Math.Exp(-700), Eval("softplus(-700)"), 14);
        Assert.Equal(-1, Eval("min(3, -1, 2)"));
        Assert.Equal(5, Eval("max(x0)", 5));
        Assert.Equal(3, Eval("max(1, 3, 2)"));
        Assert.Equal(1000 + Math.Log(3), Eval("logsumexp(1000, 1000, 1000)"), 10);
        Assert.Equal(Math.Log(Enumerable.Range(0, 12).Sum(k => Math.Exp(k))), Eval("logsumexp(0,1,2,3,4,5,6,7,8,9,10,11)"), 12);
        Assert.Equal(Math.PI, Eval("pi"));
    }

    [Fact]
    public void Variables_CanBeNumberedNamedOrIndexed()
    {
        Assert.Equal(1 + 20 + 300, Eval("x0 + 10*x1 + 100*x2", 1, 2, 3));
        Assert.Equal(7 - 2, Eval("x - y", 7, 2));
        Assert.Equal(Eval("x0*x1", 7, 2), Eval("x[0]*x[1]", 7, 2));
        Assert.Equal(3, Eval("x[2*1 + 0]", 1, 2, 3));
    }

    [Fact]
    public void Sums_RunOverInclusiveRanges_AndNest()
    {
        Assert.Equal(55, Eval("sum(i, 1, 10, i)"));
        Assert.Equal(0, Eval("sum(i, 3, 2, x[i])", 1));
        Assert.Equal(1 * 1 + 2 * 2 + 3 * 3, Eval("sum(i, 1, 3, i*x[i-1])", 1, 2, 3));
        // All 6 unordered pairs of 4 coordinates.
        double[] x = [1, 2, 4, 8];
        Assert.Equal(1 * 2 + 1 * 4 + 1 * 8 + 2 * 4 + 2 * 8 + 4 * 8, Eval("sum(i, 0, 2, sum(j, i + 1, 3, x[i]*x[j]))", x));
    }

    [Theory]
    [InlineData("log(x0)", -1)]
    [InlineData("1/x0", 0)]
    [InlineData("exp(x0)", 1000)]
    [InlineData("sqrt(x0)", -4)]
    [InlineData("x0^0.5", -2)]
    public void NonFiniteResults_AreReturnedNotThrown(string text, double x0)
    {
        var energy = EnergyExpression.Parse(text, 1);
        Assert.False(double.IsFinite(energy.Evaluate([x0])));
        var gradient = new double[1];
        energy.Gradient([x0], gradient);
        energy.Hessian([x0], new double[1]);
        var floats = new float[1];
        energy.Evaluate([(float)x0], floats);
        Assert.False(float.IsFinite(floats[0]));
    }

    [Fact]
    public void ConstantSubexpressions_AreFolded()
    {
        Assert.True(EnergyExpression.ParseFunction("sum(i, 1, 100, i^2) / (2*pi)", 1).IsConstant);
        Assert.False(EnergyExpression.ParseFunction("x0 * (1 + 2)", 1).IsConstant);
        Assert.Equal(338350 / (2 * Math.PI), Eval("sum(i, 1, 100, i^2) / (2*pi)"), 10);
    }

    [Fact]
    public void LongChainsAndManySigns_DoNotOverflowTheStack()
    {
        string chain = string.Join(" + ", Enumerable.Repeat("x0", 50_000));
        Assert.Equal(100_000, Eval(chain, 2));
        string product = "1" + string.Concat(Enumerable.Repeat("*1.0001", 20_000));
        Assert.Equal(Math.Pow(1.0001, 20_000), Eval(product), 6);
        Assert.Equal(-2, Eval(new string('-', 100_001) + "x0", 2));
    }

    [Fact]
    public void TheExpressionKeepsItsText()
    {
        var energy = EnergyExpression.Parse("x^2 + y^2", 2);
        Assert.Equal("x^2 + y^2", energy.Function.Text);
        Assert.Equal(2, energy.Dimension);
        Assert.True(energy.HasGradient && energy.HasHessian);
    }
}
