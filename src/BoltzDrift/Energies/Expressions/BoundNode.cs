namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// A node of the resolved expression: names are variables or constants, sums are expanded and subtrees
/// without variables are folded to constants. This tree is what gets compiled, once per number type.
/// </summary>
internal abstract record BoundNode;

/// <summary>A number.</summary>
internal sealed record ConstantNode(double Value) : BoundNode;

/// <summary>Coordinate <c>Index</c> of the point.</summary>
internal sealed record VariableNode(int Index) : BoundNode;

/// <summary>-operand.</summary>
internal sealed record NegateNode(BoundNode Operand) : BoundNode;

/// <summary>base ^ exponent.</summary>
internal sealed record PowerNode(BoundNode Base, BoundNode Exponent) : BoundNode;

/// <summary>A built-in function applied to its arguments.</summary>
internal sealed record CallNode(FunctionKind Function, BoundNode[] Arguments) : BoundNode;

/// <summary>A flat left-to-right chain of + and - (or * and /), as in <see cref="ChainSyntax"/>; an expanded sum is one too.</summary>
internal sealed record ChainNode(ChainKind Kind, BoundNode[] Operands, bool[] Inverted) : BoundNode;
