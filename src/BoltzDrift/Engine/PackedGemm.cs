using System.Buffers;
using System.Runtime.CompilerServices;
using BoltzDrift.Numerics;

namespace BoltzDrift.Engine;

/// <summary>
/// The matrix product behind <see cref="Kernels.MatMul"/>. An 8-row × 2-register tile of C stays in registers
/// (16 accumulators, enough independent FMAs to keep two pipelines busy) while the shared dimension streams
/// through op(A) and op(B). The engine's matrices are small enough to stay in L2, so operands are read in
/// place, with strides, wherever the tile can do so at full speed: rows of op(A) when A is stored plain, and rows
/// of op(B) when B is stored plain. The rest is packed: op(B) when B is stored transposed, the last panel of
/// columns when n is not a multiple of the tile's width, and the last micro-panel of rows when m is not a multiple
/// of 8 (both zero-padded); and, one depth block at a time, each 8-row micro-panel of op(A) when A is stored
/// transposed (the weight gradient aᵀ·g, whose depth is the batch).
/// <para>
/// Reproducibility: the shared dimension is cut into fixed blocks of <see cref="DepthPerBlock"/>, and each entry of C
/// is the sum of its depth blocks' tile results, in order; C's rows are cut into blocks (the unit of parallel work)
/// that only decide which thread computes which entries. Each entry of C is therefore computed by the same
/// operations in the same order whichever thread runs its block and however many threads there are.
/// </para>
/// </summary>
internal static class PackedGemm
{
    /// <summary>Rows of the register tile (MR).</summary>
    internal const int TileRows = 8;

    /// <summary>Rows of C per unit of parallel work (MC), a multiple of <see cref="TileRows"/>; more when A is transposed.</summary>
    internal const int RowsPerChunk = 64;

    /// <summary>Depth of one pass over the shared dimension (KC): the slice of op(B) one pass sweeps stays in L1/L2.</summary>
    internal const int DepthPerBlock = 256;

    [ThreadStatic] private static float[]? t_packedA;

    public static unsafe void Multiply<TV>(float* a, float* b, float* c, int m, int k, int n, Transposed transposed,
        bool accumulate, IRowEpilogue? epilogue, Parallelism parallelism) where TV : struct, ISimdFloat<TV>
    {
        if (n < TV.Count && !transposed.HasFlag(Transposed.A))
        {
            MultiplyNarrow<TV>(a, b, c, m, k, n, transposed.HasFlag(Transposed.B), accumulate, epilogue, parallelism);
            return;
        }
        int nr = 2 * TV.Count;
        int panels = (n + nr - 1) / nr;
        bool transposeB = transposed.HasFlag(Transposed.B);
        // Panels read from packed storage: all of them when B is transposed, else only a partial last one.
        int firstPacked = transposeB ? 0 : n / nr;
        float[] packedB = ArrayPool<float>.Shared.Rent(Math.Max(1, (panels - firstPacked) * k * nr));
        fixed (float* pb = packedB)
        {
            for (int jp = firstPacked; jp < panels; jp++)
                PackPanel(b, pb + (nint)(jp - firstPacked) * k * nr, k, n, nr, jp, transposeB);
            var operands = new Operands(a, b, pb, c, m, k, n, firstPacked, transposed.HasFlag(Transposed.A), accumulate);
            // With A transposed (the weight gradient aᵀ·g: few rows of C, the batch as depth) every block of rows
            // streams all of op(B) from beyond L2, so blocks are as large as the threads allow: one stream per thread
            // instead of one per 64 rows. (Which rows share a block changes no entry's operations.)
            int rowsPerBlock = transposed.HasFlag(Transposed.A)
                ? Math.Max(RowsPerChunk, ((m + parallelism.Threads - 1) / parallelism.Threads + TileRows - 1) / TileRows * TileRows)
                : RowsPerChunk;
            parallelism.For(m, rowsPerBlock, (r0, r1) =>
            {
                MultiplyRows<TV>(operands, r0, r1);
                epilogue?.Apply(new Span<float>(operands.C + (nint)r0 * n, (r1 - r0) * n), r0, r1 - r0, n);
            });
        }
        ArrayPool<float>.Shared.Return(packedB);
    }

    /// <summary>
    /// C = A op(B) for fewer columns than one register holds (a network's output layer: n = d, often 2): a tile of
    /// two registers would be mostly padding, so each entry is a dot product of a row of A with a column of op(B),
    /// vectorised along the shared dimension. The columns of op(B) are rows of B when it is stored transposed, and
    /// are gathered once otherwise.
    /// </summary>
    private static unsafe void MultiplyNarrow<TV>(float* a, float* b, float* c, int m, int k, int n, bool transposeB,
        bool accumulate, IRowEpilogue? epilogue, Parallelism parallelism) where TV : struct, ISimdFloat<TV>
    {
        float[] columns = ArrayPool<float>.Shared.Rent(Math.Max(1, n * k));
        fixed (float* gathered = columns)
        {
            float* bt = b;
            if (!transposeB)
            {
                for (int p = 0; p < k; p++)
                    for (int j = 0; j < n; j++) gathered[(nint)j * k + p] = b[(nint)p * n + j];
                bt = gathered;
            }
            nint ia = (nint)a, ibt = (nint)bt, ic = (nint)c;
            parallelism.For(m, RowsPerChunk, (r0, r1) =>
            {
                float* rows = (float*)ia, cols = (float*)ibt, output = (float*)ic;
                for (int i = r0; i < r1; i++)
                    for (int j = 0; j < n; j++)
                    {
                        float dot = Dot<TV>(rows + (nint)i * k, cols + (nint)j * k, k);
                        float* dst = output + (nint)i * n + j;
                        *dst = accumulate ? dot + *dst : dot;
                    }
                epilogue?.Apply(new Span<float>(output + (nint)r0 * n, (r1 - r0) * n), r0, r1 - r0, n);
            });
        }
        ArrayPool<float>.Shared.Return(columns);
    }

    /// <summary>Σ_p x[p] y[p]: whole registers, their lanes summed, then the scalar tail.</summary>
    private static unsafe float Dot<TV>(float* x, float* y, int length) where TV : struct, ISimdFloat<TV>
    {
        int w = TV.Count, p = 0;
        TV acc = TV.Zero;
        for (; p + w <= length; p += w) acc = TV.MultiplyAdd(TV.Load(ref x[p], 0), TV.Load(ref y[p], 0), acc);
        float sum = TV.Sum(acc);
        for (; p < length; p++) sum = MathF.FusedMultiplyAdd(x[p], y[p], sum);
        return sum;
    }

    /// <summary>Everything a block of rows needs, passed by value into the parallel loop (pointers stay pinned by the caller).</summary>
    private readonly unsafe struct Operands(float* a, float* b, float* packedB, float* c, int m, int k, int n, int firstPackedPanel,
        bool transposeA, bool accumulate)
    {
        public readonly float* A = a, B = b, PackedB = packedB, C = c;
        public readonly int M = m, K = k, N = n, FirstPackedPanel = firstPackedPanel;
        public readonly bool TransposeA = transposeA, Accumulate = accumulate;
    }

    /// <summary>Rows [r0, r1) of C, one depth block after another; each block sweeps every panel of op(B) with every micro-panel of op(A).</summary>
    private static unsafe void MultiplyRows<TV>(in Operands o, int r0, int r1) where TV : struct, ISimdFloat<TV>
    {
        int nr = 2 * TV.Count, n = o.N, k = o.K;
        int panels = (n + nr - 1) / nr;
        if (k == 0)
        {
            if (!o.Accumulate) new Span<float>(o.C + (nint)r0 * n, (r1 - r0) * n).Clear();
            return;
        }
        // op(A)[i, p] is at A + i·rowStride + p·depthStride, whether A is stored m × k or (transposed) k × m.
        nint rowStride = o.TransposeA ? 1 : k, depthStride = o.TransposeA ? o.M : 1;
        float* tile = stackalloc float[TileRows * 2 * 16];
        var packedARows = t_packedA ??= new float[TileRows * DepthPerBlock];
        fixed (float* packedA = packedARows)
        for (int p0 = 0; p0 < k; p0 += DepthPerBlock)
        {
            int depth = Math.Min(DepthPerBlock, k - p0);
            bool add = o.Accumulate || p0 > 0;
            for (int i = r0; i < r1; i += TileRows)
            {
                int rows = Math.Min(TileRows, r1 - i);
                float* aTile = o.A + i * rowStride + p0 * depthStride;
                nint aRowStride = rowStride, aDepthStride = depthStride;
                if (o.TransposeA || rows < TileRows)
                {
                    // Pack the micro-panel as depth steps of 8 contiguous values, reused by every panel of op(B).
                    // Rows past the end of op(A) cannot be read in place (they are zero-padded); a transposed A
                    // could be, but each depth step would then fetch a new line m floats further on (packing took
                    // at·g 1024x256 from about 80 to 88 % of OpenBLAS's speed, measured).
                    if (rows == TileRows)   // hence A is transposed: the 8 values of a depth step are adjacent
                        for (int p = 0; p < depth; p++)
                            Unsafe.CopyBlockUnaligned(packedA + p * TileRows, aTile + p * depthStride, TileRows * sizeof(float));
                    else
                        for (int p = 0; p < depth; p++)
                            for (int t = 0; t < TileRows; t++)
                                packedA[p * TileRows + t] = t < rows ? aTile[t * rowStride + p * depthStride] : 0;
                    aTile = packedA;
                    (aRowStride, aDepthStride) = (1, TileRows);
                }
                for (int jp = 0; jp < panels; jp++)
                {
                    int j = jp * nr, cols = Math.Min(nr, n - j);
                    bool packed = jp >= o.FirstPackedPanel;
                    float* bTile = packed ? o.PackedB + (nint)(jp - o.FirstPackedPanel) * k * nr + (nint)p0 * nr : o.B + (nint)p0 * n + j;
                    nint bDepthStride = packed ? nr : n;
                    if (rows == TileRows && cols == nr)
                        Tile<TV>(aTile, aRowStride, aDepthStride, bTile, bDepthStride, depth, o.C + (nint)i * n + j, n, add);
                    else
                    {
                        // An edge tile: compute it whole into scratch, then add or copy the part inside C.
                        Tile<TV>(aTile, aRowStride, aDepthStride, bTile, bDepthStride, depth, tile, nr, add: false);
                        for (int ti = 0; ti < rows; ti++)
                        {
                            float* dst = o.C + (nint)(i + ti) * n + j, src = tile + ti * nr;
                            for (int tj = 0; tj < cols; tj++) dst[tj] = add ? src[tj] + dst[tj] : src[tj];
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs columns [jp·nr, jp·nr + nr) of op(B) (k × n) as k rows of <paramref name="nr"/> values, zero beyond n.</summary>
    private static unsafe void PackPanel(float* b, float* packed, int k, int n, int nr, int jp, bool transposeB)
    {
        int j0 = jp * nr, cols = Math.Min(nr, n - j0);
        for (int p = 0; p < k; p++, packed += nr)
        {
            if (transposeB)
                for (int j = 0; j < cols; j++) packed[j] = b[(nint)(j0 + j) * k + p];   // B stored n × k
            else
                new ReadOnlySpan<float>(b + (nint)p * n + j0, cols).CopyTo(new Span<float>(packed, cols));
            new Span<float>(packed + cols, nr - cols).Clear();
        }
    }

    /// <summary>
    /// The register tile: C[8 × 2 registers] (row stride <paramref name="ldc"/>) = Σ_p op(A)[0..8, p] op(B)[p, 0..2w]
    /// over <paramref name="depth"/> steps, added to C when <paramref name="add"/>. op(A)[t, p] is at
    /// a + t·<paramref name="aRowStride"/> + p·<paramref name="aDepthStride"/>; row p of op(B) starts at b + p·<paramref name="bDepthStride"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]  // its own register allocation: nothing of the caller's spills into the loop
    private static unsafe void Tile<TV>(float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, int depth,
        float* c, nint ldc, bool add) where TV : struct, ISimdFloat<TV>
    {
        nuint w = (nuint)TV.Count;
        // Rows 0-3 from a, rows 4-7 from a + 4 rows: five registers address all eight, none spill.
        nint s1 = aRowStride, s2 = 2 * s1, s3 = 3 * s1, upper = 4 * s1;
        TV c00 = TV.Zero, c01 = TV.Zero, c10 = TV.Zero, c11 = TV.Zero, c20 = TV.Zero, c21 = TV.Zero, c30 = TV.Zero, c31 = TV.Zero;
        TV c40 = TV.Zero, c41 = TV.Zero, c50 = TV.Zero, c51 = TV.Zero, c60 = TV.Zero, c61 = TV.Zero, c70 = TV.Zero, c71 = TV.Zero;
        for (int p = 0; p < depth; p++, a += aDepthStride, b += bDepthStride)
        {
            TV b0 = TV.Load(ref *b, 0), b1 = TV.Load(ref *b, w);
            float* a4 = a + upper;
            TV x = TV.Broadcast(a[0]); c00 = TV.MultiplyAdd(x, b0, c00); c01 = TV.MultiplyAdd(x, b1, c01);
            x = TV.Broadcast(a[s1]); c10 = TV.MultiplyAdd(x, b0, c10); c11 = TV.MultiplyAdd(x, b1, c11);
            x = TV.Broadcast(a[s2]); c20 = TV.MultiplyAdd(x, b0, c20); c21 = TV.MultiplyAdd(x, b1, c21);
            x = TV.Broadcast(a[s3]); c30 = TV.MultiplyAdd(x, b0, c30); c31 = TV.MultiplyAdd(x, b1, c31);
            x = TV.Broadcast(a4[0]); c40 = TV.MultiplyAdd(x, b0, c40); c41 = TV.MultiplyAdd(x, b1, c41);
            x = TV.Broadcast(a4[s1]); c50 = TV.MultiplyAdd(x, b0, c50); c51 = TV.MultiplyAdd(x, b1, c51);
            x = TV.Broadcast(a4[s2]); c60 = TV.MultiplyAdd(x, b0, c60); c61 = TV.MultiplyAdd(x, b1, c61);
            x = TV.Broadcast(a4[s3]); c70 = TV.MultiplyAdd(x, b0, c70); c71 = TV.MultiplyAdd(x, b1, c71);
        }
        ref float cr = ref *c;
        nuint l = (nuint)ldc;
        StoreRow(ref cr, 0, w, c00, c01, add); StoreRow(ref cr, l, w, c10, c11, add);
        StoreRow(ref cr, 2 * l, w, c20, c21, add); StoreRow(ref cr, 3 * l, w, c30, c31, add);
        StoreRow(ref cr, 4 * l, w, c40, c41, add); StoreRow(ref cr, 5 * l, w, c50, c51, add);
        StoreRow(ref cr, 6 * l, w, c60, c61, add); StoreRow(ref cr, 7 * l, w, c70, c71, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TV>(ref float c, nuint offset, nuint w, TV left, TV right, bool add) where TV : struct, ISimdFloat<TV>
    {
        if (add)
        {
            left = TV.Add(left, TV.Load(ref c, offset));
            right = TV.Add(right, TV.Load(ref c, offset + w));
        }
        TV.Store(left, ref c, offset);
        TV.Store(right, ref c, offset + w);
    }
}

/// <summary>Which operands of a matrix product are stored transposed.</summary>
[Flags]
public enum Transposed
{
    None = 0,
    /// <summary>A is stored k × m: the product uses Aᵀ.</summary>
    A = 1,
    /// <summary>B is stored n × k: the product uses Bᵀ.</summary>
    B = 2,
}

/// <summary>
/// Work applied to each finished block of rows of a product's C while it is still in cache (bias, activation,
/// derivative), instead of in a separate pass over the whole matrix afterwards.
/// </summary>
public interface IRowEpilogue
{
    /// <summary>Transforms <paramref name="rows"/> = C's rows [firstRow, firstRow + rowCount), each of <paramref name="columns"/> values.</summary>
    void Apply(Span<float> rows, int firstRow, int rowCount, int columns);
}
