using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// A compiled energy expression as an <see cref="IEnergyFunction"/>, made by <see cref="EnergyExpression"/>.
/// The text is parsed and resolved once, and compiled once per number type; evaluation is thread-safe.
/// It is a struct around the shared compiled form so that <see cref="GenericEnergy{TFunction}"/> gets code
/// specialised for it: through a class, every call to the generic <see cref="Evaluate{T}"/> would be a
/// generic virtual dispatch, which costs about as much as evaluating a small expression. Float32 batches
/// go through a column program instead (<see cref="GenericEnergy{TFunction}"/> picks it up).
/// </summary>
public readonly struct ExpressionFunction : IEnergyFunction, IBlockSeparableFunction, IBatchedEnergyFunction
{
    private readonly CompiledExpression? _compiled;

    internal ExpressionFunction(CompiledExpression compiled) => _compiled = compiled;

    private CompiledExpression Compiled =>
        _compiled ?? throw new InvalidOperationException($"This {nameof(ExpressionFunction)} is empty; create one with {nameof(EnergyExpression)}.{nameof(EnergyExpression.ParseFunction)}.");

    /// <summary>The expression as written.</summary>
    public string Text => Compiled.Text;

    /// <inheritdoc/>
    public int Dimension => Compiled.Dimension;

    /// <summary>Whether the expression reduced to a constant (it uses no variable).</summary>
    public bool IsConstant => Compiled.IsConstant;

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T> => Compiled.Evaluate(x);

    /// <summary>
    /// The terms of the expression's top-level sum that use the block's coordinates, as an energy on R^|block|; null
    /// when one of those terms also uses a coordinate outside the block.
    /// </summary>
    public Energy? BlockEnergy(IReadOnlyList<int> block) =>
        Compiled.Restrict(block) is { } restricted ? new GenericEnergy<ExpressionFunction>(new ExpressionFunction(restricted)) : null;

    void IBatchedEnergyFunction.EvaluateBatch(ReadOnlySpan<float> points, Span<float> energies) =>
        Compiled.EvaluateBatch(points, energies);

    /// <summary>The expression text.</summary>
    public override string ToString() => _compiled?.Text ?? "";
}
