using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BoltzDrift.Numerics;

namespace BoltzDrift.Engine;

/// <summary>
/// The dense kernels of the network engine: matrix product, transpose, column sums. All matrices are
/// float32, row-major. The product is written once over <see cref="ISimdFloat{TSelf}"/> and runs with
/// 512-, 256- or 128-bit registers; each output row is computed by the same sequence of operations
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

    private const int RowsPerChunk = 32;

    /// <summary>
    /// C[m×n] = A[m×k] · B[k×n], or C += A·B when <paramref name="accumulate"/> is set.
    /// </summary>
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool accumulate = false, Parallelism? parallelism = null)
    {
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
            throw new ArgumentException($"MatMul shapes: A {a.Length} < {m}x{k}, B {b.Length} < {k}x{n} or C {c.Length} < {m}x{n}.");
        var par = parallelism ?? Parallelism.Serial;
        // Spans cannot cross into lambdas: pin the buffers for the duration of the call.
        unsafe
        {
            fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                SimdWidth width = EffectiveWidth;
                par.For(m, RowsPerChunk, (r0, r1) =>
                {
                    ref float ra = ref Unsafe.AsRef<float>((void*)ia);
                    ref float rb = ref Unsafe.AsRef<float>((void*)ib);
                    ref float rc = ref Unsafe.AsRef<float>((void*)ic);
                    switch (width)
                    {
                        case SimdWidth.Bits512: MatMulRows<Simd512>(ref ra, ref rb, ref rc, r0, r1, k, n, accumulate); break;
                        case SimdWidth.Bits256: MatMulRows<Simd256>(ref ra, ref rb, ref rc, r0, r1, k, n, accumulate); break;
                        default: MatMulRows<Simd128>(ref ra, ref rb, ref rc, r0, r1, k, n, accumulate); break;
                    }
                });
            }
        }
    }

    /// <summary>
    /// Rows [r0, r1) of C = A·B. Main tile: 4 rows × 2 registers of columns, held in 8 accumulators
    /// while the shared dimension streams through; remaining rows use 1 row × 1 register, remaining
    /// columns a scalar loop.
    /// </summary>
    private static void MatMulRows<TV>(ref float a, ref float b, ref float c, int r0, int r1, int k, int n, bool accumulate)
        where TV : struct, ISimdFloat<TV>
    {
        int w = TV.Count;
        int nVec = n - n % w;
        int r = r0;
        for (; r + 4 <= r1; r += 4)
        {
            int j = 0;
            for (; j + 2 * w <= nVec; j += 2 * w)
                Tile4x2<TV>(ref a, ref b, ref c, r, j, k, n, accumulate);
            for (int rr = r; rr < r + 4; rr++)
            {
                for (int jj = j; jj < nVec; jj += w) Tile1x1<TV>(ref a, ref b, ref c, rr, jj, k, n, accumulate);
                ScalarTail(ref a, ref b, ref c, rr, nVec, k, n, accumulate);
            }
        }
        for (; r < r1; r++)
        {
            for (int jj = 0; jj < nVec; jj += w) Tile1x1<TV>(ref a, ref b, ref c, r, jj, k, n, accumulate);
            ScalarTail(ref a, ref b, ref c, r, nVec, k, n, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x2<TV>(ref float a, ref float b, ref float c, int r, int j, int k, int n, bool accumulate)
        where TV : struct, ISimdFloat<TV>
    {
        int w = TV.Count;
        TV c00 = TV.Zero, c01 = TV.Zero, c10 = TV.Zero, c11 = TV.Zero, c20 = TV.Zero, c21 = TV.Zero, c30 = TV.Zero, c31 = TV.Zero;
        nuint a0 = (nuint)(r * k), a1 = a0 + (nuint)k, a2 = a1 + (nuint)k, a3 = a2 + (nuint)k;
        for (int p = 0; p < k; p++)
        {
            nuint bo = (nuint)(p * n + j);
            TV b0 = TV.Load(ref b, bo), b1 = TV.Load(ref b, bo + (nuint)w);
            TV x = TV.Broadcast(Unsafe.Add(ref a, a0 + (nuint)p)); c00 = TV.MultiplyAdd(x, b0, c00); c01 = TV.MultiplyAdd(x, b1, c01);
            x = TV.Broadcast(Unsafe.Add(ref a, a1 + (nuint)p)); c10 = TV.MultiplyAdd(x, b0, c10); c11 = TV.MultiplyAdd(x, b1, c11);
            x = TV.Broadcast(Unsafe.Add(ref a, a2 + (nuint)p)); c20 = TV.MultiplyAdd(x, b0, c20); c21 = TV.MultiplyAdd(x, b1, c21);
            x = TV.Broadcast(Unsafe.Add(ref a, a3 + (nuint)p)); c30 = TV.MultiplyAdd(x, b0, c30); c31 = TV.MultiplyAdd(x, b1, c31);
        }
        nuint co = (nuint)(r * n + j), wn = (nuint)w, nn = (nuint)n;
        StoreTile(ref c, co, c00, accumulate); StoreTile(ref c, co + wn, c01, accumulate);
        StoreTile(ref c, co + nn, c10, accumulate); StoreTile(ref c, co + nn + wn, c11, accumulate);
        StoreTile(ref c, co + 2 * nn, c20, accumulate); StoreTile(ref c, co + 2 * nn + wn, c21, accumulate);
        StoreTile(ref c, co + 3 * nn, c30, accumulate); StoreTile(ref c, co + 3 * nn + wn, c31, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x1<TV>(ref float a, ref float b, ref float c, int r, int j, int k, int n, bool accumulate)
        where TV : struct, ISimdFloat<TV>
    {
        TV acc = TV.Zero;
        nuint ao = (nuint)(r * k);
        for (int p = 0; p < k; p++)
            acc = TV.MultiplyAdd(TV.Broadcast(Unsafe.Add(ref a, ao + (nuint)p)), TV.Load(ref b, (nuint)(p * n + j)), acc);
        StoreTile(ref c, (nuint)(r * n + j), acc, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTile<TV>(ref float c, nuint offset, TV value, bool accumulate) where TV : struct, ISimdFloat<TV>
    {
        if (accumulate) value = TV.Add(value, TV.Load(ref c, offset));
        TV.Store(value, ref c, offset);
    }

    private static void ScalarTail(ref float a, ref float b, ref float c, int r, int j0, int k, int n, bool accumulate)
    {
        for (int j = j0; j < n; j++)
        {
            float s = 0;
            for (int p = 0; p < k; p++) s = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, r * k + p), Unsafe.Add(ref b, p * n + j), s);
            ref float dst = ref Unsafe.Add(ref c, r * n + j);
            dst = accumulate ? dst + s : s;
        }
    }

    /// <summary>Writes the transpose of <paramref name="source"/> (rows×cols) into <paramref name="destination"/> (cols×rows).</summary>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int cols)
    {
        const int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block)
        for (int j0 = 0; j0 < cols; j0 += block)
        {
            int i1 = Math.Min(rows, i0 + block), j1 = Math.Min(cols, j0 + block);
            for (int i = i0; i < i1; i++)
            for (int j = j0; j < j1; j++)
                destination[j * rows + i] = source[i * cols + j];
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
