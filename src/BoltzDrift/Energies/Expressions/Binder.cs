using System.Text.RegularExpressions;
using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// Resolves a parsed expression for a given dimension: names become variables, sum indices or constants,
/// sums are expanded (their bounds and every x[…] index must be whole numbers known before evaluation),
/// and variable-free subtrees are folded to constants.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>Most nodes an expression may expand to: bounds memory and compile time.</summary>
    public const int MaxNodes = 250_000;

    private readonly string _text;
    private readonly int _dimension;
    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);
    private int _nodes;

    public Binder(string text, int dimension)
    {
        _text = text;
        _dimension = dimension;
    }

    [GeneratedRegex(@"^x(0|[1-9][0-9]{0,8})$")]
    private static partial Regex NumberedVariable();

    public BoundNode Bind(Syntax syntax)
    {
        if (++_nodes > MaxNodes)
            throw Error(syntax.Column, $"expression too large: more than {MaxNodes} nodes once sums are expanded");
        return syntax switch
        {
            NumberSyntax number => new ConstantNode(number.Value),
            NameSyntax name => BindName(name),
            IndexSyntax index => BindIndex(index),
            NegateSyntax negate => Fold(new NegateNode(Bind(negate.Operand))),
            PowerSyntax power => Fold(new PowerNode(Bind(power.Base), Bind(power.Exponent))),
            CallSyntax call => Fold(new CallNode(call.Function.Kind, BindAll(call.Arguments))),
            ChainSyntax chain => Fold(new ChainNode(chain.Kind, BindAll(chain.Operands), chain.Inverted)),
            SumSyntax sum => BindSum(sum),
            _ => throw new InvalidOperationException($"Unhandled syntax {syntax.GetType().Name}."),
        };
    }

    private BoundNode[] BindAll(Syntax[] syntax) => Array.ConvertAll(syntax, Bind);

    private ExpressionParseException Error(int column, string problem) => new(_text, column, problem);

    private BoundNode BindName(NameSyntax name)
    {
        if (_indices.TryGetValue(name.Name, out int index)) return new ConstantNode(index);
        if (name.Name == "pi") return new ConstantNode(Math.PI);
        if (name.Name is "x" or "y")
        {
            if (_dimension != 2)
                throw Error(name.Column, $"'{name.Name}' is only defined for dimension 2; use {VariableNames} or x[i]");
            return new VariableNode(name.Name == "x" ? 0 : 1);
        }
        if (NumberedVariable().Match(name.Name) is { Success: true } match)
        {
            long k = long.Parse(match.Groups[1].ValueSpan);
            if (k >= _dimension)
                throw Error(name.Column, $"variable {name.Name} out of range for dimension {_dimension} (variables are {VariableNames})");
            return new VariableNode((int)k);
        }
        if (FunctionCatalog.IsReserved(name.Name))
            throw Error(name.Column, $"'{name.Name}' is a function; call it as {name.Name}(…)");
        string indices = _indices.Count == 0 ? "" : $"; sum indices here: {string.Join(", ", _indices.Keys)}";
        throw Error(name.Column, $"unknown name '{name.Name}' (variables are {VariableNames}, or x[i] in a sum{indices}; constant: pi)");
    }

    private string VariableNames => _dimension switch
    {
        1 => "x0",
        2 => "x0, x1 or x, y",
        _ => $"x0..x{_dimension - 1}",
    };

    private BoundNode BindIndex(IndexSyntax index)
    {
        if (index.Name != "x" || _indices.ContainsKey(index.Name))
            throw Error(index.Column, $"only x can be indexed, as in x[i]; '{index.Name}' cannot");
        int k = WholeNumber(index.Index, "the index of x must be a whole number computed from numbers and sum indices");
        if (k < 0 || k >= _dimension)
            throw Error(index.Column, $"x[{k}] out of range for dimension {_dimension} (indices 0..{_dimension - 1})");
        return new VariableNode(k);
    }

    private BoundNode BindSum(SumSyntax sum)
    {
        string name = sum.Index;
        if (name is "x" or "y" or "pi" || NumberedVariable().IsMatch(name) || FunctionCatalog.IsReserved(name))
            throw Error(sum.IndexColumn, $"'{name}' cannot be a sum index: it names a variable, constant or function");
        if (_indices.ContainsKey(name))
            throw Error(sum.IndexColumn, $"sum index '{name}' is already in use by an enclosing sum");
        int from = WholeNumber(sum.From, "the lower bound of sum must be a whole number computed from numbers and enclosing sum indices");
        int to = WholeNumber(sum.To, "the upper bound of sum must be a whole number computed from numbers and enclosing sum indices");
        if ((long)to - from + 1 > MaxNodes)
            throw Error(sum.Column, $"expression too large: sum over {(long)to - from + 1} terms (at most {MaxNodes} nodes once sums are expanded)");

        var terms = new List<BoundNode>(Math.Max(0, to - from + 1));
        for (int value = from; value <= to; value++)
        {
            _indices[name] = value;
            terms.Add(Bind(sum.Body));
        }
        _indices.Remove(name);
        // An empty range sums to zero, like Σ over an empty set; its body is then never resolved.
        return terms.Count switch
        {
            0 => new ConstantNode(0),
            1 => terms[0],
            _ => Fold(new ChainNode(ChainKind.Additive, [.. terms], new bool[terms.Count])),
        };
    }

    private int WholeNumber(Syntax syntax, string requirement)
    {
        if (Bind(syntax) is ConstantNode { Value: var value } && Math.Abs(value) <= int.MaxValue / 2 && value == Math.Floor(value))
            return (int)value;
        throw Error(syntax.Column, requirement);
    }

    /// <summary>A node whose operands are all constants becomes the constant it evaluates to.</summary>
    private static BoundNode Fold(BoundNode node)
    {
        bool constant = node switch
        {
            NegateNode negate => negate.Operand is ConstantNode,
            PowerNode power => power.Base is ConstantNode && power.Exponent is ConstantNode,
            CallNode call => call.Arguments.All(a => a is ConstantNode),
            ChainNode chain => chain.Operands.All(o => o is ConstantNode),
            _ => false,
        };
        // Folding runs the very code that would run at evaluation time, so it cannot change a result.
        return constant ? new ConstantNode(Compiler.Compile<Real<double>>(node).Evaluate([]).Value) : node;
    }
}
