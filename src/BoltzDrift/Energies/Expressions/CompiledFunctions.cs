using System.Buffers;
using System.Runtime.CompilerServices;
using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

/// <summary>A one-argument function, as a type so that each function node is specialised and inlined.</summary>
internal interface IUnaryFunction
{
    static abstract T Apply<T>(T x) where T : struct, IScalar<T>;
}

internal readonly struct ExpFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Exp(x); }
internal readonly struct LogFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Log(x); }
internal readonly struct SqrtFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Sqrt(x); }
internal readonly struct AbsFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Abs(x); }
internal readonly struct SinFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Sin(x); }
internal readonly struct CosFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Cos(x); }
internal readonly struct TanhFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Tanh(x); }
internal readonly struct SoftplusFunction : IUnaryFunction { public static T Apply<T>(T x) where T : struct, IScalar<T> => T.Softplus(x); }

internal sealed class UnaryCode<T, TFunction>(CompiledNode<T> operand) : CompiledNode<T>
    where T : struct, IScalar<T>
    where TFunction : struct, IUnaryFunction
{
    public override T Evaluate(ReadOnlySpan<T> x) => TFunction.Apply(operand.Evaluate(x));
}

/// <summary>min or max of two or more operands, folded left to right, each step as Math.Min or Math.Max decides.</summary>
internal sealed class ExtremumCode<T>(CompiledNode<T>[] operands, bool maximum) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x)
    {
        T best = operands[0].Evaluate(x);
        for (int k = 1; k < operands.Length; k++)
        {
            T next = operands[k].Evaluate(x);
            best = maximum ? T.Max(best, next) : T.Min(best, next);
        }
        return best;
    }
}

/// <summary>Stable log-sum-exp (<see cref="ScalarMath.LogSumExp{T}"/>) of the operands, buffered on the stack when few.</summary>
internal sealed class LogSumExpCode<T>(CompiledNode<T>[] operands) : CompiledNode<T> where T : struct, IScalar<T>
{
    public override T Evaluate(ReadOnlySpan<T> x)
    {
        int n = operands.Length;
        if (n <= SmallBuffer.Length)
        {
            SmallBuffer buffer = default;
            Span<T> terms = buffer[..n];
            for (int k = 0; k < n; k++) terms[k] = operands[k].Evaluate(x);
            return ScalarMath.LogSumExp<T>(terms);
        }
        T[] rented = ArrayPool<T>.Shared.Rent(n);
        try
        {
            for (int k = 0; k < n; k++) rented[k] = operands[k].Evaluate(x);
            return ScalarMath.LogSumExp<T>(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    [InlineArray(Length)]
    private struct SmallBuffer
    {
        public const int Length = 8;
        private T _element;
    }
}
