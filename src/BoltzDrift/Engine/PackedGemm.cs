using System.Buffers;
using System.Runtime.CompilerServices;
using BoltzDrift.Numerics;

namespace BoltzDrift.Engine;

/// <summary>
/// The matrix product behind <see cref="Kernels.MatMul"/>,
/// organised the way fast BLAS libraries are: op(B) is packed once into panels of <see cref="PanelWidth{TV}"/> columns
/// (two registers), each block of <see cref="RowsPerChunk"/> rows of op(A) into micro-panels of <see cref="TileRows"/>
/// rows, and an 8 × 2-register tile of C stays in registers while the shared dimension streams through both packed
/// operands in order. Transposed operands cost nothing extra: packing reads them either way.
/// <para>
/// Reproducibility: C is cut into fixed blocks of <see cref="RowsPerChunk"/> rows, and the shared dimension into fixed
/// blocks of <see cref="DepthPerBlock"/>. Each entry of C is computed by the same operations in the same order
/// whichever thread runs its block and however many threads there are.
/// </para>
/// </summary>
internal static class PackedGemm
{
    /// <summary>Rows of the register tile (MR): 8 rows × 2 registers = 16 accumulators, enough independent FMAs to fill two pipelines.</summary>
    internal const int TileRows = 8;

    /// <summary>Rows of C per unit of parallel work (MC), a multiple of <see cref="TileRows"/>; their packed A stays in L2.</summary>
    internal const int RowsPerChunk = 64;

    /// <summary>Depth of one pass over the shared dimension (KC): a packed B panel of this depth stays in L1.</summary>
    internal const int DepthPerBlock = 256;

    /// <summary>Columns of the register tile (NR): two registers.</summary>
    internal static int PanelWidth<TV>() where TV : struct, ISimdFloat<TV> => 2 * TV.Count;

    [ThreadStatic] private static float[]? t_packedA;

    public static unsafe void Multiply<TV>(float* a, float* b, float* c, int m, int k, int n, Transposed transposed,
        bool accumulate, IRowEpilogue? epilogue, Parallelism parallelism) where TV : struct, ISimdFloat<TV>
    {
        int nr = PanelWidth<TV>();
        int panels = (n + nr - 1) / nr;
        float[] packedB = ArrayPool<float>.Shared.Rent(Math.Max(1, k * panels * nr));
        nint ia = (nint)a, ib = (nint)b, ic = (nint)c;
        bool transposeA = transposed.HasFlag(Transposed.A), transposeB = transposed.HasFlag(Transposed.B);
        fixed (float* pb = packedB)
        {
            nint ipb = (nint)pb;
            parallelism.For(panels, 1, (j0, j1) =>
            {
                for (int jp = j0; jp < j1; jp++) PackB((float*)ib, (float*)ipb, k, n, nr, panels, jp, transposeB);
            });
            parallelism.For(m, RowsPerChunk, (r0, r1) =>
            {
                var packedA = t_packedA ??= new float[RowsPerChunk * DepthPerBlock];
                fixed (float* pa = packedA)
                    MultiplyRows<TV>((float*)ia, (float*)ipb, pa, (float*)ic, r0, r1, m, k, n, panels, transposeA, accumulate);
                epilogue?.Apply(new Span<float>((float*)ic + (nint)r0 * n, (r1 - r0) * n), r0, r1 - r0, n);
            });
        }
        ArrayPool<float>.Shared.Return(packedB);
    }

    /// <summary>Rows [r0, r1) of C: for each depth block, pack those rows of op(A), then sweep every B panel with every micro-panel.</summary>
    private static unsafe void MultiplyRows<TV>(float* a, float* packedB, float* packedA, float* c, int r0, int r1, int m, int k, int n,
        int panels, bool transposeA, bool accumulate) where TV : struct, ISimdFloat<TV>
    {
        int nr = PanelWidth<TV>();
        int rows = r1 - r0, microPanels = (rows + TileRows - 1) / TileRows;
        if (k == 0)
        {
            if (!accumulate) new Span<float>(c + (nint)r0 * n, rows * n).Clear();
            return;
        }
        float* tile = stackalloc float[TileRows * 2 * 16];
        for (int p0 = 0; p0 < k; p0 += DepthPerBlock)
        {
            int depth = Math.Min(DepthPerBlock, k - p0);
            PackA(a, packedA, r0, rows, p0, depth, m, k, transposeA);
            bool add = accumulate || p0 > 0;
            for (int jp = 0; jp < panels; jp++)
            {
                int j = jp * nr, cols = Math.Min(nr, n - j);
                float* bPanel = packedB + (nint)p0 * panels * nr + (nint)jp * depth * nr;
                for (int ip = 0; ip < microPanels; ip++)
                {
                    int i = r0 + ip * TileRows, tileRows = Math.Min(TileRows, r1 - i);
                    float* aPanel = packedA + (nint)ip * TileRows * depth;
                    if (tileRows == TileRows && cols == nr)
                        Tile<TV>(ref *aPanel, ref *bPanel, depth, ref *(c + (nint)i * n + j), (nuint)n, add);
                    else
                    {
                        // An edge tile: compute it whole into scratch, then add or copy the part inside C.
                        Tile<TV>(ref *aPanel, ref *bPanel, depth, ref *tile, (nuint)nr, add: false);
                        for (int ti = 0; ti < tileRows; ti++)
                        {
                            float* dst = c + (nint)(i + ti) * n + j, src = tile + ti * nr;
                            for (int tj = 0; tj < cols; tj++) dst[tj] = add ? src[tj] + dst[tj] : src[tj];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs panel <paramref name="jp"/> of op(B) (k × n) for every depth block: block p0 holds, for each of its rows,
    /// <paramref name="nr"/> consecutive columns, zero beyond n. Block p0 of all panels starts at p0 · panels · nr.
    /// </summary>
    private static unsafe void PackB(float* b, float* packed, int k, int n, int nr, int panels, int jp, bool transposeB)
    {
        int j0 = jp * nr, cols = Math.Min(nr, n - j0);
        for (int p0 = 0; p0 < k; p0 += DepthPerBlock)
        {
            int depth = Math.Min(DepthPerBlock, k - p0);
            float* dst = packed + (nint)p0 * panels * nr + (nint)jp * depth * nr;
            for (int p = 0; p < depth; p++, dst += nr)
            {
                if (transposeB)
                    for (int j = 0; j < cols; j++) dst[j] = b[(nint)(j0 + j) * k + p0 + p];   // B stored n × k
                else
                    new ReadOnlySpan<float>(b + (nint)(p0 + p) * n + j0, cols).CopyTo(new Span<float>(dst, cols));
                new Span<float>(dst + cols, nr - cols).Clear();
            }
        }
    }

    /// <summary>
    /// Packs rows [r0, r0 + rows) × columns [p0, p0 + depth) of op(A) (m × k) into micro-panels of
    /// <see cref="TileRows"/> rows: for each column, the micro-panel's rows side by side, zero beyond the last row.
    /// </summary>
    private static unsafe void PackA(float* a, float* packed, int r0, int rows, int p0, int depth, int m, int k, bool transposeA)
    {
        for (int ip = 0; ip * TileRows < rows; ip++)
        {
            int i0 = r0 + ip * TileRows, count = Math.Min(TileRows, rows - ip * TileRows);
            float* dst = packed + (nint)ip * TileRows * depth;
            if (transposeA)
            {
                // A stored k × m: the micro-panel's rows are contiguous in each stored row.
                for (int p = 0; p < depth; p++, dst += TileRows)
                {
                    float* src = a + (nint)(p0 + p) * m + i0;
                    for (int t = 0; t < count; t++) dst[t] = src[t];
                    for (int t = count; t < TileRows; t++) dst[t] = 0;
                }
            }
            else
            {
                for (int t = 0; t < TileRows; t++)
                {
                    float* src = a + (nint)(i0 + t) * k + p0;
                    for (int p = 0; p < depth; p++) dst[p * TileRows + t] = t < count ? src[p] : 0;
                }
            }
        }
    }

    /// <summary>
    /// The register tile: C[8 × 2 registers] (row stride <paramref name="ldc"/>) = Σ_p a[p, :]ᵀ b[p, :] over the packed
    /// micro-panel and B panel, added to C when <paramref name="add"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TV>(ref float a, ref float b, int depth, ref float c, nuint ldc, bool add) where TV : struct, ISimdFloat<TV>
    {
        nuint w = (nuint)TV.Count;
        TV c00 = TV.Zero, c01 = TV.Zero, c10 = TV.Zero, c11 = TV.Zero, c20 = TV.Zero, c21 = TV.Zero, c30 = TV.Zero, c31 = TV.Zero;
        TV c40 = TV.Zero, c41 = TV.Zero, c50 = TV.Zero, c51 = TV.Zero, c60 = TV.Zero, c61 = TV.Zero, c70 = TV.Zero, c71 = TV.Zero;
        for (int p = 0; p < depth; p++)
        {
            TV b0 = TV.Load(ref b, 0), b1 = TV.Load(ref b, w);
            TV x = TV.Broadcast(a); c00 = TV.MultiplyAdd(x, b0, c00); c01 = TV.MultiplyAdd(x, b1, c01);
            x = TV.Broadcast(Unsafe.Add(ref a, 1)); c10 = TV.MultiplyAdd(x, b0, c10); c11 = TV.MultiplyAdd(x, b1, c11);
            x = TV.Broadcast(Unsafe.Add(ref a, 2)); c20 = TV.MultiplyAdd(x, b0, c20); c21 = TV.MultiplyAdd(x, b1, c21);
            x = TV.Broadcast(Unsafe.Add(ref a, 3)); c30 = TV.MultiplyAdd(x, b0, c30); c31 = TV.MultiplyAdd(x, b1, c31);
            x = TV.Broadcast(Unsafe.Add(ref a, 4)); c40 = TV.MultiplyAdd(x, b0, c40); c41 = TV.MultiplyAdd(x, b1, c41);
            x = TV.Broadcast(Unsafe.Add(ref a, 5)); c50 = TV.MultiplyAdd(x, b0, c50); c51 = TV.MultiplyAdd(x, b1, c51);
            x = TV.Broadcast(Unsafe.Add(ref a, 6)); c60 = TV.MultiplyAdd(x, b0, c60); c61 = TV.MultiplyAdd(x, b1, c61);
            x = TV.Broadcast(Unsafe.Add(ref a, 7)); c70 = TV.MultiplyAdd(x, b0, c70); c71 = TV.MultiplyAdd(x, b1, c71);
            a = ref Unsafe.Add(ref a, TileRows);
            b = ref Unsafe.Add(ref b, 2 * w);
        }
        StoreRow(ref c, 0, w, c00, c01, add); StoreRow(ref c, ldc, w, c10, c11, add);
        StoreRow(ref c, 2 * ldc, w, c20, c21, add); StoreRow(ref c, 3 * ldc, w, c30, c31, add);
        StoreRow(ref c, 4 * ldc, w, c40, c41, add); StoreRow(ref c, 5 * ldc, w, c50, c51, add);
        StoreRow(ref c, 6 * ldc, w, c60, c61, add); StoreRow(ref c, 7 * ldc, w, c70, c71, add);
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
