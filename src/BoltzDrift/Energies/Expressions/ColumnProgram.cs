using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BoltzDrift.Energies.Generic;
using Tensor = System.Numerics.Tensors.TensorPrimitives;

namespace BoltzDrift.Energies.Expressions;

/// <summary>What a <see cref="ColumnInstruction"/> computes.</summary>
internal enum ColumnOp : byte
{
    Fill,
    Negate,
    Add,
    Subtract,
    Multiply,
    Divide,
    Min,
    Max,
    Square,
    IntegerPower,
    Power,
    Exp,
    Log,
    Sqrt,
    Abs,
    Sin,
    Cos,
    Tanh,
    Softplus,
    LogSumExp,
}

/// <summary>
/// Destination = Op(Left, Right) over whole columns. An operand index of -1 stands for <c>Constant</c>; unary
/// operations use Left only (IntegerPower and a constant Power take the exponent from Constant). For
/// LogSumExp, Left is where its columns start in the program's list and Right how many arguments it has.
/// </summary>
internal readonly record struct ColumnInstruction(ColumnOp Op, int Destination, int Left, int Right, double Constant);

/// <summary>
/// An expression compiled for batches (<see cref="ColumnCompiler"/>): points are taken a chunk at a time,
/// their used coordinates transposed to columns of doubles, and each instruction runs over whole columns
/// with <see cref="Tensor"/> or <see cref="Vector{T}"/> loops, so a node costs one dispatch per chunk
/// instead of a virtual call per point. Immutable; the columns of a call are rented, so calls may run in
/// parallel.
/// <para>
/// It computes what the scalar <see cref="CompiledNode{T}"/> tree computes for <c>Real&lt;double&gt;</c>,
/// operation for operation and in the same order: + - * / negation, abs, sqrt, x^2, min and max (IEEE
/// maximum/minimum, as Math.Max/Min), softplus and non-whole or variable powers (Math.Pow) give the same bits.
/// Two kinds of step may differ from Math.* by about an ulp in double: exp, log, sin, cos and tanh (the
/// vectorised <see cref="Tensor"/> versions, also inside logsumexp), and constant whole exponents up to
/// <see cref="ColumnCompiler.MaxMultipliedExponent"/>, computed by repeated squaring instead of Math.Pow
/// (the same sign rules and infinities; only results in the subnormal range can differ more).
/// </para>
/// </summary>
internal sealed class ColumnProgram(int[] variables, ColumnInstruction[] code, int[] lists, int columns, int resultColumn, double resultConstant)
{
    /// <summary>Points per chunk: a column is 2 KB, so the few columns an instruction touches stay in L1.</summary>
    public const int ChunkSize = 256;

    /// <summary>
    /// Doubles from one column to the next: a cache line more than a chunk, so that the columns the
    /// transposition writes side by side do not all fall into the same few L1 sets (as a 2 KB stride does).
    /// </summary>
    private const int Stride = ChunkSize + 8;

    /// <summary>Instructions run per chunk.</summary>
    public int Length => code.Length;

    /// <summary>Columns of a chunk: the used coordinates and the stack.</summary>
    public int Columns => columns;

    /// <summary>Energies of the rows of <paramref name="points"/> ([n, <paramref name="dimension"/>], row-major), rounded to float at the end.</summary>
    public void Evaluate(ReadOnlySpan<float> points, int dimension, Span<float> energies)
    {
        if (resultColumn < 0)
        {
            energies.Fill((float)resultConstant);
            return;
        }
        double[] buffer = ArrayPool<double>.Shared.Rent(columns * Stride);
        try
        {
            for (int start = 0; start < energies.Length; start += ChunkSize)
            {
                int m = Math.Min(ChunkSize, energies.Length - start);
                Load(points.Slice(start * dimension, m * dimension), dimension, buffer, m);
                Run(buffer, m);
                var result = Column(buffer, resultColumn, m);
                var output = energies.Slice(start, m);
                for (int i = 0; i < m; i++) output[i] = (float)result[i];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Coordinate variables[j] of the <paramref name="m"/> rows to column j. The caller sized <paramref name="rows"/>
    /// (m rows of <paramref name="dimension"/>) and <paramref name="buffer"/>, and every variable is below the
    /// dimension, so the copy goes without bounds checks: it is the largest cost of a sum over many coordinates.
    /// </summary>
    private void Load(ReadOnlySpan<float> rows, int dimension, double[] buffer, int m)
    {
        ref float source = ref MemoryMarshal.GetReference(rows);
        ref double first = ref MemoryMarshal.GetArrayDataReference(buffer);
        for (int i = 0; i < m; i++)
        {
            ref float row = ref Unsafe.Add(ref source, i * dimension);
            ref double cell = ref Unsafe.Add(ref first, i);
            for (int j = 0; j < variables.Length; j++) Unsafe.Add(ref cell, j * Stride) = Unsafe.Add(ref row, variables[j]);
        }
    }

    private static Span<double> Column(double[] buffer, int column, int m) => buffer.AsSpan(column * Stride, m);

    private void Run(double[] buffer, int m)
    {
        foreach (var instruction in code)
        {
            var (op, destination, left, right, constant) = instruction;
            var d = Column(buffer, destination, m);
            var x = left < 0 ? default : Column(buffer, left, m);
            var y = right < 0 || op is ColumnOp.IntegerPower or ColumnOp.LogSumExp ? default : Column(buffer, right, m);
            switch (op)
            {
                case ColumnOp.Fill: d.Fill(constant); break;
                case ColumnOp.Negate: Tensor.Negate(x, d); break;
                // The compiler puts a constant operand of +, *, min and max on the right (ColumnCompiler.Binary).
                case ColumnOp.Add when right < 0: Tensor.Add(x, constant, d); break;
                case ColumnOp.Add: Tensor.Add(x, y, d); break;
                case ColumnOp.Subtract when right < 0: Tensor.Subtract(x, constant, d); break;
                case ColumnOp.Subtract when left < 0: Tensor.Subtract(constant, y, d); break;
                case ColumnOp.Subtract: Tensor.Subtract(x, y, d); break;
                case ColumnOp.Multiply when right < 0: Tensor.Multiply(x, constant, d); break;
                case ColumnOp.Multiply: Tensor.Multiply(x, y, d); break;
                case ColumnOp.Divide when right < 0: Tensor.Divide(x, constant, d); break;
                case ColumnOp.Divide when left < 0: Tensor.Divide(constant, y, d); break;
                case ColumnOp.Divide: Tensor.Divide(x, y, d); break;
                // Tensor.Min/Max decide as Math.Min/Max: NaN wins, -0 < +0.
                case ColumnOp.Min when right < 0: Tensor.Min(x, constant, d); break;
                case ColumnOp.Min: Tensor.Min(x, y, d); break;
                case ColumnOp.Max when right < 0: Tensor.Max(x, constant, d); break;
                case ColumnOp.Max: Tensor.Max(x, y, d); break;
                case ColumnOp.Square: Tensor.Multiply(x, x, d); break;
                case ColumnOp.IntegerPower: IntegerPower(buffer, left, destination, (int)constant, m); break;
                case ColumnOp.Power when right < 0: for (int i = 0; i < m; i++) d[i] = Math.Pow(x[i], constant); break;
                case ColumnOp.Power when left < 0: for (int i = 0; i < m; i++) d[i] = Math.Pow(constant, y[i]); break;
                case ColumnOp.Power: for (int i = 0; i < m; i++) d[i] = Math.Pow(x[i], y[i]); break;
                case ColumnOp.Exp: Tensor.Exp(x, d); break;
                case ColumnOp.Log: Tensor.Log(x, d); break;
                case ColumnOp.Sqrt: Tensor.Sqrt(x, d); break;
                case ColumnOp.Abs: Tensor.Abs(x, d); break;
                case ColumnOp.Sin: Tensor.Sin(x, d); break;
                case ColumnOp.Cos: Tensor.Cos(x, d); break;
                case ColumnOp.Tanh: Tensor.Tanh(x, d); break;
                case ColumnOp.Softplus: for (int i = 0; i < m; i++) d[i] = RealFunctions.Softplus(x[i]); break;
                case ColumnOp.LogSumExp: LogSumExp(buffer, lists.AsSpan(left, right + 2), d, m); break;
                default: throw new InvalidOperationException($"Unhandled instruction {op}.");
            }
        }
    }

    /// <summary>
    /// x^n for a whole n ≠ 0 by repeated squaring (x^-n as 1 / x^n), over the chunk rounded up to whole
    /// vectors: the lanes past the last point hold stale numbers, whose results are never read.
    /// </summary>
    private static void IntegerPower(double[] buffer, int source, int destination, int n, int m)
    {
        int width = (m + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
        var x = MemoryMarshal.Cast<double, Vector<double>>(buffer.AsSpan(source * Stride, width));
        var d = MemoryMarshal.Cast<double, Vector<double>>(buffer.AsSpan(destination * Stride, width));
        int magnitude = Math.Abs(n);
        for (int v = 0; v < x.Length; v++)
        {
            Vector<double> power = Vector<double>.One, factor = x[v];
            for (int k = magnitude; ; k >>= 1)
            {
                if ((k & 1) != 0) power *= factor;
                if (k == 1) break;
                factor *= factor;
            }
            d[v] = n < 0 ? Vector<double>.One / power : power;
        }
    }

    /// <summary>
    /// log Σ e^t_k as <see cref="ScalarMath.LogSumExp{T}"/>: the maximum (NaN if any term is NaN) is
    /// subtracted, the exponentials are summed in argument order, and where the maximum is ±∞ the result
    /// is that maximum. <paramref name="list"/>: the argument columns, then two scratch columns.
    /// </summary>
    private static void LogSumExp(double[] buffer, ReadOnlySpan<int> list, Span<double> sum, int m)
    {
        int n = list.Length - 2;
        var shift = Column(buffer, list[n], m);
        var term = Column(buffer, list[n + 1], m);
        if (n == 1) Column(buffer, list[0], m).CopyTo(shift);
        else Tensor.Max(Column(buffer, list[0], m), Column(buffer, list[1], m), shift);
        for (int k = 2; k < n; k++) Tensor.Max(shift, Column(buffer, list[k], m), shift);
        for (int k = 0; k < n; k++)
        {
            Tensor.Subtract(Column(buffer, list[k], m), shift, term);
            Tensor.Exp(term, k == 0 ? sum : term);
            if (k > 0) Tensor.Add(sum, term, sum);
        }
        Tensor.Log(sum, sum);
        Tensor.Add(sum, shift, sum);
        for (int i = 0; i < m; i++)
            if (double.IsInfinity(shift[i])) sum[i] = shift[i];
    }

    /// <summary>An operation on two constants, as the scalar path computes it at every point.</summary>
    public static double Combine(ColumnOp op, double x, double y) => op switch
    {
        ColumnOp.Add => x + y,
        ColumnOp.Subtract => x - y,
        ColumnOp.Multiply => x * y,
        ColumnOp.Divide => x / y,
        ColumnOp.Min => Math.Min(x, y),
        ColumnOp.Max => Math.Max(x, y),
        ColumnOp.Power => Math.Pow(x, y),
        _ => throw new InvalidOperationException($"{op} does not take two operands."),
    };
}
