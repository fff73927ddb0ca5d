using BoltzDrift.Energies.Expressions;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>Malformed expressions fail with the column of the problem and a message naming what was expected.</summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData("", 2, 1, "expected an expression, found end of input")]
    [InlineData("   ", 2, 4, "expected an expression")]
    [InlineData("x0 +", 2, 5, "expected a number, variable, function or '(', found end of input")]
    [InlineData("max(x, y", 2, 9, "expected ')' after arguments of max, found end of input")]
    [InlineData("1 + max(x y)", 2, 11, "expected ')' after arguments of max, found 'y'")]
    [InlineData("foo(x0)", 2, 1, "unknown function 'foo' (known: abs, cos, exp, log, logsumexp, max, min, sin, softplus, sqrt, sum, tanh)")]
    [InlineData("x0 + x3", 2, 6, "variable x3 out of range for dimension 2")]
    [InlineData("y", 3, 1, "'y' is only defined for dimension 2")]
    [InlineData("x0 x1", 2, 4, "expected an operator or end of input, found 'x1'")]
    [InlineData("2x", 2, 2, "there is no implicit multiplication")]
    [InlineData("(x0 + 1))", 2, 9, "expected an operator or end of input, found ')'")]
    [InlineData("(x0 + 1", 2, 8, "expected ')' to close the '(' at column 1, found end of input")]
    [InlineData("x0 $ 1", 2, 4, "unexpected character '$'")]
    [InlineData("1e+ * x0", 2, 4, "expected digits in the exponent of number '1e+'")]
    [InlineData("exp(x0, x1)", 2, 1, "exp takes exactly 1 argument, got 2")]
    [InlineData("max()", 2, 1, "max takes at least 1 argument, got 0")]
    [InlineData("z + 1", 2, 1, "unknown name 'z'")]
    [InlineData("exp + 1", 2, 1, "'exp' is a function")]
    [InlineData("x[2]", 2, 1, "x[2] out of range for dimension 2 (indices 0..1)")]
    [InlineData("x[0.5]", 2, 3, "the index of x must be a whole number")]
    [InlineData("x[x0]", 2, 3, "the index of x must be a whole number")]
    [InlineData("y[0]", 2, 1, "only x can be indexed")]
    [InlineData("x[0", 2, 4, "expected ']' after the index of x, found end of input")]
    [InlineData("sum(1, 0, 2, x0)", 2, 5, "expected an index name as the first argument of sum")]
    [InlineData("sum(i, 0, 2 x0)", 2, 13, "expected ',' after the upper bound of sum, found 'x0'")]
    [InlineData("sum(i, 0, x0, 1)", 2, 11, "the upper bound of sum must be a whole number")]
    [InlineData("sum(x, 0, 1, 1)", 2, 5, "'x' cannot be a sum index")]
    [InlineData("sum(i, 0, 1, sum(i, 0, 1, 1))", 2, 18, "sum index 'i' is already in use")]
    [InlineData("sum(i, 0, 1, x[i])", 1, 14, "x[1] out of range for dimension 1")]
    [InlineData("sum(i, 0, 1000000, x0)", 2, 1, "expression too large")]
    [InlineData("sum(i, 0, 999, sum(j, 0, 999, x0))", 2, 31, "expression too large")]
    [InlineData("x ^ ^ 2", 2, 5, "expected a number, variable, function or '(', found '^'")]
    [InlineData("1 +\n  foo(2)", 2, 7, "unknown function 'foo'")]
    public void MalformedExpression_ReportsColumnAndExpectation(string text, int dimension, int column, string fragment)
    {
        var error = Assert.Throws<ExpressionParseException>(() => EnergyExpression.Parse(text, dimension));
        Assert.Equal(column, error.Column);
        Assert.Contains(fragment, error.Message);
        Assert.StartsWith($"column {column}: ", error.Message);
        Assert.Equal(text, error.Expression);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void DeepNesting_IsAParseErrorNotAStackOverflow()
    {
        string deep = new string('(', 5000) + "x0" + new string(')', 5000);
        var error = Assert.Throws<ExpressionParseException>(() => EnergyExpression.Parse(deep, 1));
        Assert.Contains("nested too deeply", error.Message);
        string tower = string.Join("^", Enumerable.Repeat("x0", 5000));
        Assert.Contains("nested too deeply", Assert.Throws<ExpressionParseException>(() => EnergyExpression.Parse(tower, 1)).Message);
        Assert.Equal(1, EnergyExpression.Parse(new string('(', 90) + "x0" + new string(')', 90), 1).Evaluate([1.0]));
    }

    [Fact]
    public void Pointer_MarksTheColumn() =>
        Assert.Equal("x0 + x3" + Environment.NewLine + "     ^",
            Assert.Throws<ExpressionParseException>(() => EnergyExpression.Parse("x0 + x3", 2)).Pointer);

    [Fact]
    public void BadArguments_AreNotParseErrors()
    {
        Assert.Throws<ArgumentNullException>(() => EnergyExpression.Parse(null!, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyExpression.Parse("x0", 0));
    }
}
