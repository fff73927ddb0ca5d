using System.Globalization;

namespace BoltzDrift.Energies.Expressions;

/// <summary>Splits an expression into tokens; the token list always ends with <see cref="TokenKind.End"/>.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Identifier, start + 1, text[start..i]));
                continue;
            }
            TokenKind kind = c switch
            {
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Caret,
                '(' => TokenKind.OpenParen,
                ')' => TokenKind.CloseParen,
                '[' => TokenKind.OpenBracket,
                ']' => TokenKind.CloseBracket,
                ',' => TokenKind.Comma,
                _ => throw new ExpressionParseException(text, start + 1, $"unexpected character {Quote(c)}"),
            };
            tokens.Add(new Token(kind, start + 1, c.ToString()));
            i++;
        }
        tokens.Add(new Token(TokenKind.End, text.Length + 1, ""));
        return tokens;
    }

    /// <summary>digits [. digits] [(e|E) [+|-] digits], or . digits [exponent]; "1." is allowed.</summary>
    private static Token ReadNumber(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            int digits = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == digits)
                throw new ExpressionParseException(text, i + 1, $"expected digits in the exponent of number '{text[start..i]}'");
        }
        string literal = text[start..i];
        // Literals beyond the double range become ±∞ (as in C#'s double.Parse); the energy may then be infinite.
        double value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new Token(TokenKind.Number, start + 1, literal, value);
    }

    private static string Quote(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
