namespace BoltzDrift.Energies.Expressions;

/// <summary>
/// Turns a resolved expression into a <see cref="ColumnProgram"/>: a post-order list of instructions over
/// columns. The used coordinates get one column each; intermediate values live on a stack of columns above
/// them, and a chain (an expanded sum included) accumulates in place in one slot, so even a 250 000-node
/// expansion needs only as many slots as the expression nests deep. Constant operands stay constants of the
/// instructions; an operation on two constants is done here, in the same double arithmetic the scalar
/// path would do at every point, so it gives the same number.
/// </summary>
internal sealed class ColumnCompiler
{
    /// <summary>
    /// Constant whole exponents up to this size are computed by repeated squaring (a few multiplications,
    /// vectorised) instead of a call to Math.Pow per point; larger ones and all others call Math.Pow.
    /// </summary>
    public const int MaxMultipliedExponent = 16;

    private readonly List<ColumnInstruction> _code = [];
    private readonly List<int> _lists = [];
    private readonly int[] _variableColumn;
    private readonly int _variables;
    private int _slots;

    private ColumnCompiler(int[] variableColumn, int variables)
    {
        _variableColumn = variableColumn;
        _variables = variables;
    }

    public static ColumnProgram Compile(BoundNode root, int dimension)
    {
        var used = new bool[dimension];
        MarkVariables(root, used);
        var variableColumn = new int[dimension];
        var variables = new List<int>();
        for (int k = 0; k < dimension; k++)
        {
            if (!used[k]) continue;
            variableColumn[k] = variables.Count;
            variables.Add(k);
        }
        var compiler = new ColumnCompiler(variableColumn, variables.Count);
        var result = compiler.Emit(root, 0);
        return new ColumnProgram([.. variables], [.. compiler._code], [.. compiler._lists],
            variables.Count + compiler._slots, result.Column, result.Constant);
    }

    private static void MarkVariables(BoundNode node, bool[] used)
    {
        switch (node)
        {
            case VariableNode variable: used[variable.Index] = true; break;
            case NegateNode negate: MarkVariables(negate.Operand, used); break;
            case PowerNode power: MarkVariables(power.Base, used); MarkVariables(power.Exponent, used); break;
            case CallNode call: foreach (var a in call.Arguments) MarkVariables(a, used); break;
            case ChainNode chain: foreach (var o in chain.Operands) MarkVariables(o, used); break;
        }
    }

    /// <summary>The column of stack slot <paramref name="slot"/>, which is then in use.</summary>
    private int Slot(int slot)
    {
        _slots = Math.Max(_slots, slot + 1);
        return _variables + slot;
    }

    /// <summary>
    /// Emits the code of <paramref name="node"/>, using stack slots from <paramref name="free"/> up, and
    /// returns where its value is: slot <paramref name="free"/>, a coordinate's column or a constant.
    /// </summary>
    private Operand Emit(BoundNode node, int free) => node switch
    {
        ConstantNode constant => Operand.Of(constant.Value),
        VariableNode variable => new Operand(_variableColumn[variable.Index], 0),
        NegateNode negate => Unary(ColumnOp.Negate, Emit(negate.Operand, free), free),
        PowerNode power => EmitPower(power, free),
        CallNode call => EmitCall(call, free),
        ChainNode chain => EmitChain(chain, free),
        _ => throw new InvalidOperationException($"Unhandled node {node.GetType().Name}."),
    };

    /// <summary>The first slot not holding <paramref name="operand"/>, for the next operand.</summary>
    private int Above(Operand operand, int free) => operand.Column == _variables + free ? free + 1 : free;

    private Operand Unary(ColumnOp op, Operand operand, int free, double constant = 0)
    {
        int destination = Slot(free);
        _code.Add(new ColumnInstruction(op, destination, AsColumn(operand, free), -1, constant));
        return new Operand(destination, 0);
    }

    /// <summary>The column holding <paramref name="operand"/>; a constant is first written to slot <paramref name="slot"/>.</summary>
    private int AsColumn(Operand operand, int slot)
    {
        if (!operand.IsConstant) return operand.Column;
        int column = Slot(slot);
        _code.Add(new ColumnInstruction(ColumnOp.Fill, column, -1, -1, operand.Constant));
        return column;
    }

    /// <summary>
    /// left op right into slot <paramref name="free"/>; one operand may be a constant, and two are combined here.
    /// A constant operand of +, *, min or max goes on the right: IEEE + and * are commutative to the bit, and
    /// Math.Min/Max are symmetric in value (NaN wins; -0 &lt; +0).
    /// </summary>
    private Operand Binary(ColumnOp op, Operand left, Operand right, int free)
    {
        if (left.IsConstant && right.IsConstant) return Operand.Of(ColumnProgram.Combine(op, left.Constant, right.Constant));
        if (left.IsConstant && op is ColumnOp.Add or ColumnOp.Multiply or ColumnOp.Min or ColumnOp.Max) (left, right) = (right, left);
        int destination = Slot(free);
        double constant = left.IsConstant ? left.Constant : right.Constant;
        _code.Add(new ColumnInstruction(op, destination, left.Column, right.Column, constant));
        return new Operand(destination, 0);
    }

    /// <summary>Operands combined left to right, in the order the scalar chain code does, accumulating in slot <paramref name="free"/>.</summary>
    private Operand EmitChain(ChainNode chain, int free)
    {
        bool additive = chain.Kind == ChainKind.Additive;
        Operand accumulator = Emit(chain.Operands[0], free);
        for (int k = 1; k < chain.Operands.Length; k++)
        {
            var term = Emit(chain.Operands[k], Above(accumulator, free));
            var op = additive
                ? chain.Inverted[k] ? ColumnOp.Subtract : ColumnOp.Add
                : chain.Inverted[k] ? ColumnOp.Divide : ColumnOp.Multiply;
            accumulator = Binary(op, accumulator, term, free);
        }
        return accumulator;
    }

    private Operand EmitPower(PowerNode power, int free)
    {
        if (power.Exponent is ConstantNode { Value: var p })
        {
            // Math.Pow(x, 0) is 1 for every x, NaN included; x^1 is x (the scalar compiler drops the node too).
            if (p == 0) return Operand.Of(1);
            var operand = Emit(power.Base, free);
            if (p == 1) return operand;
            if (p == 2) return Unary(ColumnOp.Square, operand, free);
            if (p == Math.Floor(p) && Math.Abs(p) <= MaxMultipliedExponent) return Unary(ColumnOp.IntegerPower, operand, free, p);
            return Unary(ColumnOp.Power, operand, free, p);
        }
        var x = Emit(power.Base, free);
        var exponent = Emit(power.Exponent, Above(x, free));
        return Binary(ColumnOp.Power, x, exponent, free);
    }

    private Operand EmitCall(CallNode call, int free)
    {
        var arguments = call.Arguments;
        switch (call.Function)
        {
            case FunctionKind.Min or FunctionKind.Max:
                var op = call.Function == FunctionKind.Min ? ColumnOp.Min : ColumnOp.Max;
                Operand best = Emit(arguments[0], free);
                for (int k = 1; k < arguments.Length; k++) best = Binary(op, best, Emit(arguments[k], Above(best, free)), free);
                return best;
            case FunctionKind.LogSumExp:
                return EmitLogSumExp(arguments, free);
        }
        var unary = call.Function switch
        {
            FunctionKind.Exp => ColumnOp.Exp,
            FunctionKind.Log => ColumnOp.Log,
            FunctionKind.Sqrt => ColumnOp.Sqrt,
            FunctionKind.Abs => ColumnOp.Abs,
            FunctionKind.Sin => ColumnOp.Sin,
            FunctionKind.Cos => ColumnOp.Cos,
            FunctionKind.Tanh => ColumnOp.Tanh,
            FunctionKind.Softplus => ColumnOp.Softplus,
            _ => throw new InvalidOperationException($"Unhandled function {call.Function}."),
        };
        return Unary(unary, Emit(arguments[0], free), free);
    }

    /// <summary>
    /// Argument k in slot free + k (or its coordinate's column), then two scratch slots for the running
    /// maximum and a term; the list holds the argument columns followed by the two scratch columns.
    /// </summary>
    private Operand EmitLogSumExp(BoundNode[] arguments, int free)
    {
        int n = arguments.Length;
        var columns = new int[n + 2];
        for (int k = 0; k < n; k++) columns[k] = AsColumn(Emit(arguments[k], free + k), free + k);
        columns[n] = Slot(free + n);
        columns[n + 1] = Slot(free + n + 1);
        int start = _lists.Count;
        _lists.AddRange(columns);
        int destination = Slot(free);
        _code.Add(new ColumnInstruction(ColumnOp.LogSumExp, destination, start, n, 0));
        return new Operand(destination, 0);
    }
}

/// <summary>Where a value is: column <c>Column</c>, or the number <c>Constant</c> when Column is -1.</summary>
internal readonly record struct Operand(int Column, double Constant)
{
    public bool IsConstant => Column < 0;

    public static Operand Of(double constant) => new(-1, constant);
}
