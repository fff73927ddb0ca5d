namespace BoltzDrift.Energies.Expressions;

/// <summary>The kinds of token in an energy expression.</summary>
internal enum TokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    End,
}

/// <summary>One token: its kind, 1-based column, source text and, for numbers, value.</summary>
internal readonly record struct Token(TokenKind Kind, int Column, string Text, double Number = 0)
{
    /// <summary>Whether this token can begin an operand (used to explain missing operators such as "2x").</summary>
    public bool StartsOperand => Kind is TokenKind.Number or TokenKind.Identifier or TokenKind.OpenParen;

    /// <summary>How error messages name the token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Number => $"number {Text}",
        _ => $"'{Text}'",
    };
}
