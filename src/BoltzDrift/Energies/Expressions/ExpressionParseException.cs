namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// An energy expression that cannot be compiled: a syntax error, an unknown name or function, a variable
/// outside the dimension, or a sum too large to expand. The message reads "column N: problem"; the column
/// is 1-based and counts characters of the whole text (a newline counts as one).
/// </summary>
public sealed class ExpressionParseException : FormatException
{
    /// <summary>Creates the exception for <paramref name="problem"/> at <paramref name="column"/> of <paramref name="expression"/>.</summary>
    public ExpressionParseException(string expression, int column, string problem)
        : base($"column {column}: {problem}")
    {
        Expression = expression;
        Column = column;
        Problem = problem;
    }

    /// <summary>The text that failed to compile.</summary>
    public string Expression { get; }

    /// <summary>1-based character position of the problem; one past the end for a premature end of input.</summary>
    public int Column { get; }

    /// <summary>The message without the column prefix.</summary>
    public string Problem { get; }

    /// <summary>The expression and, under it, a caret at the column: for showing the error to a person.</summary>
    public string Pointer => Expression + Environment.NewLine + new string(' ', Column - 1) + "^";
}
