using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// A resolved expression and its compiled node trees: the tree for each number type is built the first
/// time that type is used and then reused by every call and thread; likewise the column program that
/// evaluates float32 batches (<see cref="ColumnProgram"/>).
/// </summary>
internal sealed class CompiledExpression
{
    private readonly BoundNode _root;
    private readonly CompiledNode<Real<double>> _real;
    private CompiledNode<Dual>? _dual;
    private CompiledNode<HyperDual>? _hyperDual;
    private ConcurrentDictionary<Type, object>? _otherTypes;
    private ColumnProgram? _columns;

    public CompiledExpression(string text, int dimension, BoundNode root)
    {
        Text = text;
        Dimension = dimension;
        _root = root;
        _real = Compiler.Compile<Real<double>>(root);
    }

    public string Text { get; }

    public int Dimension { get; }

    public bool IsConstant => _root is ConstantNode;

    /// <summary>The expression's terms on a block of coordinates, as an expression on R^|block| (<see cref="ExpressionBlocks"/>), or null when a term couples the block to other coordinates.</summary>
    public CompiledExpression? Restrict(IReadOnlyList<int> block) =>
        ExpressionBlocks.Restrict(_root, Dimension, block) is { } root
            ? new CompiledExpression($"{Text} on block [{string.Join(", ", block)}]", block.Count, root)
            : null;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>
    {
        if (x.Length != Dimension)
            throw new ArgumentException($"Expected a point of dimension {Dimension}, got {x.Length} values.", nameof(x));
        return Program<T>().Evaluate(x);
    }

    /// <summary>
    /// Energies of a float32 batch ([n, d], row-major) by the column program, compiled on first use. Two
    /// threads racing to compile it both build equal immutable programs, and either may win.
    /// </summary>
    public void EvaluateBatch(ReadOnlySpan<float> points, Span<float> energies) =>
        (_columns ??= ColumnCompiler.Compile(_root, Dimension)).Evaluate(points, Dimension, energies);

    /// <summary>
    /// The tree for <typeparamref name="T"/>. The type tests are constants to the JIT for value types, so
    /// the common types cost one field read. Two threads racing to build a tree both build equal ones, and
    /// either may win: trees are immutable, so that is harmless.
    /// </summary>
    private CompiledNode<T> Program<T>() where T : struct, IScalar<T>
    {
        if (typeof(T) == typeof(Real<double>)) return Unsafe.As<CompiledNode<T>>(_real);
        if (typeof(T) == typeof(Dual)) return Unsafe.As<CompiledNode<T>>(_dual ??= Compiler.Compile<Dual>(_root));
        if (typeof(T) == typeof(HyperDual)) return Unsafe.As<CompiledNode<T>>(_hyperDual ??= Compiler.Compile<HyperDual>(_root));
        var others = LazyInitializer.EnsureInitialized(ref _otherTypes, () => new ConcurrentDictionary<Type, object>());
        return (CompiledNode<T>)others.GetOrAdd(typeof(T), static (_, root) => Compiler.Compile<T>(root), _root);
    }
}
