namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// Restricts an expression to a block of coordinates: its top-level sum is split into terms (nested sums and
/// negated sums flattened), and the terms that use any of the block's variables become an expression on the block
/// alone. That is E_block of <see cref="Energy.BlockEnergy"/> exactly (the terms left out do not depend on the block,
/// variable-free terms are constants), provided no selected term also uses a variable outside the block; when one
/// does, the expression does not separate symbolically over this block and there is no restriction.
/// </summary>
internal static class ExpressionBlocks
{
    /// <summary>For a checked block (<see cref="Energy.BlockEnergy"/>): the root of the expression on R^|block| whose variable j is <c>block[j]</c>, or null when a term couples the block to other coordinates.</summary>
    public static BoundNode? Restrict(BoundNode root, int dimension, IReadOnlyList<int> block)
    {
        var position = new int[dimension];
        Array.Fill(position, -1);
        for (int j = 0; j < block.Count; j++) position[block[j]] = j;

        var operands = new List<BoundNode>();
        var inverted = new List<bool>();
        foreach (var (term, negative) in Terms(root))
        {
            var (inside, outside) = CountVariables(term, position);
            if (inside == 0) continue;
            if (outside > 0) return null;
            operands.Add(Renumber(term, position));
            inverted.Add(negative);
        }
        if (operands.Count == 0) return new ConstantNode(0);
        // A chain's first operand cannot be subtracted: a leading minus subtracts from zero.
        if (inverted[0]) return new ChainNode(ChainKind.Additive, [new ConstantNode(0), .. operands], [false, .. inverted]);
        return operands.Count == 1 ? operands[0] : new ChainNode(ChainKind.Additive, [.. operands], [.. inverted]);
    }

    /// <summary>The terms of the top-level sum with their signs (true: subtracted).</summary>
    private static IEnumerable<(BoundNode Term, bool Negative)> Terms(BoundNode node, bool negative = false)
    {
        switch (node)
        {
            case ChainNode { Kind: ChainKind.Additive } chain:
                for (int k = 0; k < chain.Operands.Length; k++)
                    foreach (var term in Terms(chain.Operands[k], negative ^ chain.Inverted[k])) yield return term;
                break;
            case NegateNode negate:
                foreach (var term in Terms(negate.Operand, !negative)) yield return term;
                break;
            default:
                yield return (node, negative);
                break;
        }
    }

    /// <summary>How many variable occurrences of <paramref name="node"/> are in the block and how many are not.</summary>
    private static (int Inside, int Outside) CountVariables(BoundNode node, int[] position)
    {
        int inside = 0, outside = 0;
        var pending = new Stack<BoundNode>();
        pending.Push(node);
        while (pending.TryPop(out var current))
        {
            if (current is VariableNode v) { if (position[v.Index] >= 0) inside++; else outside++; }
            else foreach (var child in Children(current)) pending.Push(child);
        }
        return (inside, outside);
    }

    private static BoundNode[] Children(BoundNode node) => node switch
    {
        NegateNode n => [n.Operand],
        PowerNode p => [p.Base, p.Exponent],
        CallNode c => c.Arguments,
        ChainNode c => c.Operands,
        _ => [],
    };

    /// <summary><paramref name="node"/> with every variable k renamed to its position in the block.</summary>
    private static BoundNode Renumber(BoundNode node, int[] position) => node switch
    {
        VariableNode v => new VariableNode(position[v.Index]),
        NegateNode n => new NegateNode(Renumber(n.Operand, position)),
        PowerNode p => new PowerNode(Renumber(p.Base, position), Renumber(p.Exponent, position)),
        CallNode c => c with { Arguments = Array.ConvertAll(c.Arguments, a => Renumber(a, position)) },
        ChainNode c => c with { Operands = Array.ConvertAll(c.Operands, o => Renumber(o, position)) },
        _ => node,
    };
}
