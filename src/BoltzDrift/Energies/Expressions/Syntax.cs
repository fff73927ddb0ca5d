namespace BoltzDrift.Energies.Expressions;

/// <summary>A node of the parsed expression, before names are resolved; <c>Column</c> is where it starts.</summary>
internal abstract record Syntax(int Column);

/// <summary>A numeric literal.</summary>
internal sealed record NumberSyntax(double Value, int Column) : Syntax(Column);

/// <summary>A bare name: a variable (x0, x, y), a sum index or a constant (pi).</summary>
internal sealed record NameSyntax(string Name, int Column) : Syntax(Column);

/// <summary>name[index], e.g. x[i + 1].</summary>
internal sealed record IndexSyntax(string Name, Syntax Index, int Column) : Syntax(Column);

/// <summary>A call of a built-in function.</summary>
internal sealed record CallSyntax(FunctionInfo Function, Syntax[] Arguments, int Column) : Syntax(Column);

/// <summary>sum(index, from, to, body): body summed for index = from, from + 1, …, to.</summary>
internal sealed record SumSyntax(string Index, int IndexColumn, Syntax From, Syntax To, Syntax Body, int Column) : Syntax(Column);

/// <summary>Unary minus.</summary>
internal sealed record NegateSyntax(Syntax Operand, int Column) : Syntax(Column);

/// <summary>base ^ exponent.</summary>
internal sealed record PowerSyntax(Syntax Base, Syntax Exponent, int Column) : Syntax(Column);

/// <summary>
/// A left-associative chain o0 op1 o1 op2 o2 …, kept flat so that a long chain does not make a deep tree
/// (deep trees overflow the stack when walked recursively). <c>Inverted[k]</c> marks - or / before operand k.
/// </summary>
internal sealed record ChainSyntax(ChainKind Kind, Syntax[] Operands, bool[] Inverted, int Column) : Syntax(Column);

/// <summary>Whether a chain adds/subtracts or multiplies/divides.</summary>
internal enum ChainKind
{
    Additive,
    Multiplicative,
}
