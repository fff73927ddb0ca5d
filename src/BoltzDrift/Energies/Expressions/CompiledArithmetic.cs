using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

// Binary arithmetic, with variants for a constant operand: they skip a node call and let the dual types
// use their cheaper mixed operators. Each variant computes exactly what the general node would.

internal sealed class AddCode<T>(CompiledNode<T> left, CompiledNode<T> right) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => left.Evaluate(x) + right.Evaluate(x);
}

internal sealed class SubtractCode<T>(CompiledNode<T> left, CompiledNode<T> right) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => left.Evaluate(x) - right.Evaluate(x);
}

/// <summary>x + c; also x - c as x + (-c), which IEEE arithmetic defines to be the same.</summary>
internal sealed class AddConstantCode<T>(CompiledNode<T> operand, double constant) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => operand.Evaluate(x) + constant;
}

internal sealed class ConstantMinusCode<T>(double constant, CompiledNode<T> operand) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => constant - operand.Evaluate(x);
}

internal sealed class MultiplyCode<T>(CompiledNode<T> left, CompiledNode<T> right) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => left.Evaluate(x) * right.Evaluate(x);
}

internal sealed class DivideCode<T>(CompiledNode<T> left, CompiledNode<T> right) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => left.Evaluate(x) / right.Evaluate(x);
}

internal sealed class ScaleCode<T>(CompiledNode<T> operand, double factor) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => operand.Evaluate(x) * factor;
}

internal sealed class DivideByConstantCode<T>(CompiledNode<T> operand, double divisor) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => operand.Evaluate(x) / divisor;
}

internal sealed class ConstantOverCode<T>(double numerator, CompiledNode<T> operand) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => numerator / operand.Evaluate(x);
}

/// <summary>A chain of three or more + and - operands, accumulated left to right in a loop.</summary>
internal sealed class SumChainCode<T>(CompiledNode<T>[] operands, bool[] subtract) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x)
    {
        T sum = operands[0].Evaluate(x);
        if (subtract[0]) sum = -sum;
        for (int k = 1; k < operands.Length; k++)
        {
            T term = operands[k].Evaluate(x);
            sum = subtract[k] ? sum - term : sum + term;
        }
        return sum;
    }
}

/// <summary>A chain of three or more * and / operands, accumulated left to right in a loop.</summary>
internal sealed class ProductChainCode<T>(CompiledNode<T>[] operands, bool[] divide) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x)
    {
        T product = operands[0].Evaluate(x);
        for (int k = 1; k < operands.Length; k++)
        {
            T factor = operands[k].Evaluate(x);
            product = divide[k] ? product / factor : product * factor;
        }
        return product;
    }
}

/// <summary>x^2 as x·x: exact, and much cheaper than a call to pow.</summary>
internal sealed class SquareCode<T>(CompiledNode<T> operand) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x)
    {
        T value = operand.Evaluate(x);
        return value * value;
    }
}

internal sealed class PowerConstantCode<T>(CompiledNode<T> operand, double exponent) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => T.Pow(operand.Evaluate(x), exponent);
}

internal sealed class PowerCode<T>(CompiledNode<T> operand, CompiledNode<T> exponent) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x) => T.Pow(operand.Evaluate(x), exponent.Evaluate(x));
}
