namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// Recursive-descent parser. Grammar, loosest binding first:
/// <code>
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := ('+' | '-')* power
/// power      := primary ('^' unary)?          right-associative; binds tighter than unary minus
/// primary    := number | name | name '[' expression ']' | name '(' arguments ')'
///             | 'sum' '(' name ',' expression ',' expression ',' expression ')' | '(' expression ')'
/// </code>
/// So -x^2 = -(x^2), 2^-x = 2^(-x) and 2^3^2 = 2^9. Nesting is capped so that hostile input cannot
/// overflow the stack, which would kill the process rather than throw.
/// </summary>
internal sealed class Parser
{
    /// <summary>Deepest nesting of parentheses, brackets, calls and exponents.</summary>
    public const int MaxNesting = 100;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _position;
    private int _nesting;

    private Parser(string text)
    {
        _text = text;
        _tokens = Lexer.Tokenize(text);
    }

    /// <summary>Parses the whole of <paramref name="text"/>.</summary>
    public static Syntax Parse(string text)
    {
        var parser = new Parser(text);
        if (parser.Current.Kind == TokenKind.End)
            throw parser.Error(parser.Current.Column, "expected an expression, found end of input");
        Syntax root = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End) throw parser.ExpectedOperator();
        return root;
    }

    private Token Current => _tokens[_position];

    private Token Advance() => _tokens[_position++];

    private ExpressionParseException Error(int column, string problem) => new(_text, column, problem);

    private ExpressionParseException ExpectedOperator()
    {
        string hint = Current.StartsOperand ? " (there is no implicit multiplication: write 2*x, not 2x)" : "";
        return Error(Current.Column, $"expected an operator or end of input, found {Current.Describe()}{hint}");
    }

    private void Expect(TokenKind kind, string expectation)
    {
        if (Current.Kind != kind) throw Error(Current.Column, $"{expectation}, found {Current.Describe()}");
        Advance();
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
            throw Error(Current.Column, $"expression nested too deeply (more than {MaxNesting} levels)");
    }

    private void Leave() => _nesting--;

    private Syntax ParseExpression() =>
        ParseChain(ChainKind.Additive, TokenKind.Plus, TokenKind.Minus, ParseTerm);

    private Syntax ParseTerm() =>
        ParseChain(ChainKind.Multiplicative, TokenKind.Star, TokenKind.Slash, ParseUnary);

    private Syntax ParseChain(ChainKind kind, TokenKind forward, TokenKind inverse, Func<Syntax> parseOperand)
    {
        Syntax first = parseOperand();
        if (Current.Kind != forward && Current.Kind != inverse) return first;
        var operands = new List<Syntax> { first };
        var inverted = new List<bool> { false };
        while (Current.Kind == forward || Current.Kind == inverse)
        {
            inverted.Add(Advance().Kind == inverse);
            operands.Add(parseOperand());
        }
        return new ChainSyntax(kind, [.. operands], [.. inverted], first.Column);
    }

    /// <summary>Signs are counted rather than recursed into: "- - - x" is one negation, however long.</summary>
    private Syntax ParseUnary()
    {
        int column = Current.Column;
        bool negate = false;
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            if (Advance().Kind == TokenKind.Minus) negate = !negate;
        }
        Syntax operand = ParsePower();
        return negate ? new NegateSyntax(operand, column) : operand;
    }

    private Syntax ParsePower()
    {
        Syntax power = ParsePrimary();
        if (Current.Kind != TokenKind.Caret) return power;
        int column = Advance().Column;
        Enter();
        Syntax exponent = ParseUnary();
        Leave();
        return new PowerSyntax(power, exponent, column);
    }

    private Syntax ParsePrimary()
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberSyntax(token.Number, token.Column);
            case TokenKind.OpenParen:
            {
                Advance();
                Enter();
                Syntax inner = ParseExpression();
                Expect(TokenKind.CloseParen, $"expected ')' to close the '(' at column {token.Column}");
                Leave();
                return inner;
            }
            case TokenKind.Identifier:
                Advance();
                return Current.Kind switch
                {
                    TokenKind.OpenParen when token.Text == FunctionCatalog.SumName => ParseSum(token),
                    TokenKind.OpenParen => ParseCall(token),
                    TokenKind.OpenBracket => ParseIndex(token),
                    _ => new NameSyntax(token.Text, token.Column),
                };
            default:
                throw Error(token.Column, $"expected a number, variable, function or '(', found {token.Describe()}");
        }
    }

    private Syntax ParseCall(Token name)
    {
        FunctionInfo function = FunctionCatalog.Find(name.Text)
            ?? throw Error(name.Column, $"unknown function '{name.Text}' (known: {FunctionCatalog.KnownNames})");
        Advance();
        Enter();
        var arguments = new List<Syntax>();
        if (Current.Kind != TokenKind.CloseParen)
        {
            arguments.Add(ParseExpression());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseExpression());
            }
        }
        Expect(TokenKind.CloseParen, $"expected ')' after arguments of {function.Name}");
        Leave();
        if (function.ArityProblem(arguments.Count) is { } problem) throw Error(name.Column, problem);
        return new CallSyntax(function, [.. arguments], name.Column);
    }

    private Syntax ParseIndex(Token name)
    {
        Advance();
        Enter();
        Syntax index = ParseExpression();
        Expect(TokenKind.CloseBracket, $"expected ']' after the index of {name.Text}");
        Leave();
        return new IndexSyntax(name.Text, index, name.Column);
    }

    private Syntax ParseSum(Token name)
    {
        Advance();
        Enter();
        Token index = Current;
        if (index.Kind != TokenKind.Identifier)
            throw Error(index.Column, $"expected an index name as the first argument of sum, as in sum(i, 0, 9, x[i]), found {index.Describe()}");
        Advance();
        Expect(TokenKind.Comma, "expected ',' after the index name of sum");
        Syntax from = ParseExpression();
        Expect(TokenKind.Comma, "expected ',' after the lower bound of sum");
        Syntax to = ParseExpression();
        Expect(TokenKind.Comma, "expected ',' after the upper bound of sum");
        Syntax body = ParseExpression();
        Expect(TokenKind.CloseParen, "expected ')' after the body of sum");
        Leave();
        return new SumSyntax(index.Text, index.Column, from, to, body, name.Column);
    }
}
