using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// A compiled expression node for number type <typeparamref name="T"/>: an immutable object whose
/// <see cref="Evaluate"/> calls its children's. Nodes are built once per expression and number type,
/// and share nothing mutable, so one tree serves all threads.
/// </summary>
internal abstract class CompiledNode<T> where T : struct, IScalar<T>
{
    public abstract T Evaluate(ReadOnlySpan<T> x);
}

internal sealed class ConstantCode<T>(double value) : CompiledNode<T> where T : struct, IScalar<T>
{
    private readonly T _value = value;
    public override T Evaluate(ReadOnlySpan<T> x) => _value;
}

internal sealed class VariableCode<T>(int index) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => x[index];
}

internal sealed class NegateCode<T>(CompiledNode<T> operand) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => -operand.Evaluate(x);
}
