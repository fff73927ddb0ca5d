using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Expressions;

/// <summary>Turns a resolved expression into a tree of <see cref="CompiledNode{T}"/> for one number type.</summary>
internal static class Compiler
{
    public static CompiledNode<T> Compile<T>(BoundNode node) where T : struct, IScalar<T> => node switch
    {
        ConstantNode constant => new ConstantCode<T>(constant.Value),
        VariableNode variable => new VariableCode<T>(variable.Index),
        NegateNode negate => new NegateCode<T>(Compile<T>(negate.Operand)),
        PowerNode power => CompilePower<T>(power),
        CallNode call => CompileCall<T>(call),
        ChainNode { Kind: ChainKind.Additive } chain => CompileSum<T>(chain),
        ChainNode chain => CompileProduct<T>(chain),
        _ => throw new InvalidOperationException($"Unhandled node {node.GetType().Name}."),
    };

    private static CompiledNode<T>[] CompileAll<T>(BoundNode[] nodes) where T : struct, IScalar<T> =>
        Array.ConvertAll(nodes, Compile<T>);

    private static CompiledNode<T> CompileSum<T>(ChainNode chain) where T : struct, IScalar<T>
    {
        if (chain.Operands.Length != 2) return new SumChainCode<T>(CompileAll<T>(chain.Operands), chain.Inverted);
        BoundNode left = chain.Operands[0], right = chain.Operands[1];
        bool subtract = chain.Inverted[1];
        return (left, right) switch
        {
            (_, ConstantNode c) => new AddConstantCode<T>(Compile<T>(left), subtract ? -c.Value : c.Value),
            (ConstantNode c, _) when subtract => new ConstantMinusCode<T>(c.Value, Compile<T>(right)),
            (ConstantNode c, _) => new AddConstantCode<T>(Compile<T>(right), c.Value),
            _ when subtract => new SubtractCode<T>(Compile<T>(left), Compile<T>(right)),
            _ => new AddCode<T>(Compile<T>(left), Compile<T>(right)),
        };
    }

    private static CompiledNode<T> CompileProduct<T>(ChainNode chain) where T : struct, IScalar<T>
    {
        if (chain.Operands.Length != 2) return new ProductChainCode<T>(CompileAll<T>(chain.Operands), chain.Inverted);
        BoundNode left = chain.Operands[0], right = chain.Operands[1];
        bool divide = chain.Inverted[1];
        return (left, right) switch
        {
            (_, ConstantNode c) when divide => new DivideByConstantCode<T>(Compile<T>(left), c.Value),
            (_, ConstantNode c) => new ScaleCode<T>(Compile<T>(left), c.Value),
            (ConstantNode c, _) when divide => new ConstantOverCode<T>(c.Value, Compile<T>(right)),
            (ConstantNode c, _) => new ScaleCode<T>(Compile<T>(right), c.Value),
            _ when divide => new DivideCode<T>(Compile<T>(left), Compile<T>(right)),
            _ => new MultiplyCode<T>(Compile<T>(left), Compile<T>(right)),
        };
    }

    private static CompiledNode<T> CompilePower<T>(PowerNode power) where T : struct, IScalar<T>
    {
        CompiledNode<T> operand = Compile<T>(power.Base);
        return power.Exponent switch
        {
            ConstantNode { Value: 2 } => new SquareCode<T>(operand),
            ConstantNode { Value: 1 } => operand,
            ConstantNode c => new PowerConstantCode<T>(operand, c.Value),
            var exponent => new PowerCode<T>(operand, Compile<T>(exponent)),
        };
    }

    private static CompiledNode<T> CompileCall<T>(CallNode call) where T : struct, IScalar<T>
    {
        CompiledNode<T>[] arguments = CompileAll<T>(call.Arguments);
        return call.Function switch
        {
            FunctionKind.Exp => new UnaryCode<T, ExpFunction>(arguments[0]),
            FunctionKind.Log => new UnaryCode<T, LogFunction>(arguments[0]),
            FunctionKind.Sqrt => new UnaryCode<T, SqrtFunction>(arguments[0]),
            FunctionKind.Abs => new UnaryCode<T, AbsFunction>(arguments[0]),
            FunctionKind.Sin => new UnaryCode<T, SinFunction>(arguments[0]),
            FunctionKind.Cos => new UnaryCode<T, CosFunction>(arguments[0]),
            FunctionKind.Tanh => new UnaryCode<T, TanhFunction>(arguments[0]),
            FunctionKind.Softplus => new UnaryCode<T, SoftplusFunction>(arguments[0]),
            FunctionKind.Min or FunctionKind.Max when arguments.Length == 1 => arguments[0],
            FunctionKind.Min => new ExtremumCode<T>(arguments, maximum: false),
            FunctionKind.Max => new ExtremumCode<T>(arguments, maximum: true),
            FunctionKind.LogSumExp => new LogSumExpCode<T>(arguments),
            _ => throw new InvalidOperationException($"Unhandled function {call.Function}."),
        };
    }
}
