using BoltzDrift.Numerics;

namespace BoltzDrift.Engine;

/// <summary>
/// The dense kernels of the network engine: matrix product (<see cref="PackedGemm"/>), column sums, row-vector
/// addition. All matrices are float32, row-major. The product is written once over <see cref="ISimdFloat{TSelf}"/>
/// and runs with 512-, 256- or 128-bit registers; each entry is computed by the same sequence of operations
/// whatever the thread count, so results are bitwise reproducible.
/// </summary>
public static class Kernels
{
    /// <summary>The register width in use (the widest the CPU accelerates, unless overridden).</summary>
    public static SimdWidth Width { get; set; } = SimdWidth.Auto;

    /// <summary>The width <see cref="Width"/> resolves to on this machine.</summary>
    public static SimdWidth EffectiveWidth => Width != SimdWidth.Auto ? Width
        : Simd512.IsAccelerated ? SimdWidth.Bits512
        : Simd256.IsAccelerated ? SimdWidth.Bits256
        : SimdWidth.Bits128;

    /// <summary>
    /// C[m×n] = op(A)[m×k] · op(B)[k×n], or C += op(A)·op(B) when <paramref name="accumulate"/> is set, where op(X) is
    /// X or, when <paramref name="transposed"/> says so, the transpose of X as stored (A as k×m, B as n×k).
    /// <paramref name="epilogue"/> then transforms each finished block of rows of C while it is in cache.
    /// Results are bitwise the same for any thread count.
    /// </summary>
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        Transposed transposed = Transposed.None, bool accumulate = false, IRowEpilogue? epilogue = null, Parallelism? parallelism = null)
    {
        if (m < 0 || k < 0 || n < 0) throw new ArgumentException($"MatMul shapes must not be negative: {m}x{k}, {k}x{n}.");
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
            throw new ArgumentException($"MatMul shapes: A {a.Length} < {m}x{k}, B {b.Length} < {k}x{n} or C {c.Length} < {m}x{n}.");
        if (m == 0 || n == 0) return;
        var par = parallelism ?? Parallelism.Serial;
        unsafe
        {
            fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            {
                switch (EffectiveWidth)
                {
                    case SimdWidth.Bits512: PackedGemm.Multiply<Simd512>(pa, pb, pc, m, k, n, transposed, accumulate, epilogue, par); break;
                    case SimdWidth.Bits256: PackedGemm.Multiply<Simd256>(pa, pb, pc, m, k, n, transposed, accumulate, epilogue, par); break;
                    default: PackedGemm.Multiply<Simd128>(pa, pb, pc, m, k, n, transposed, accumulate, epilogue, par); break;
                }
            }
        }
    }

    /// <summary>sums[j] = Σ_i m[i, j] for a rows×cols matrix (the bias gradient).</summary>
    public static void ColumnSums(ReadOnlySpan<float> m, Span<float> sums, int rows, int cols)
    {
        sums[..cols].Clear();
        for (int i = 0; i < rows; i++)
            System.Numerics.Tensors.TensorPrimitives.Add(sums[..cols], m.Slice(i * cols, cols), sums[..cols]);
    }

    /// <summary>Adds <paramref name="bias"/> to every row of a rows×cols matrix.</summary>
    public static void AddRowVector(Span<float> m, ReadOnlySpan<float> bias, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            System.Numerics.Tensors.TensorPrimitives.Add(m.Slice(i * cols, cols), bias[..cols], m.Slice(i * cols, cols));
    }
}
