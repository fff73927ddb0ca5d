using BoltzDrift.Engine;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Engine;

/// <summary>
/// <see cref="Kernels.Width"/> is process-wide, so the tests that switch it run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelWidthCollection
{
    public const string Name = "Kernels.Width (process-wide)";
}

/// <summary>The dense kernels against naive loops in double precision, for every register width and thread count.</summary>
[Collection(KernelWidthCollection.Name)]
public class KernelsTests
{
    /// <summary>Unit roundoff of float32.</summary>
    private const double U = 1.0 / (1 << 24);

    /// <summary>
    /// Every explicit width, plus Auto. A width the CPU does not accelerate still has to compute the same product
    /// (through the runtime's software fallback), so all are tested on every machine; <see cref="Accelerated"/> says
    /// which of them ran in hardware here.
    /// </summary>
    public static TheoryData<SimdWidth> Widths => new(SimdWidth.Auto, SimdWidth.Bits128, SimdWidth.Bits256, SimdWidth.Bits512);

    /// <summary>
    /// (m, k, n): degenerate, odd, prime, exactly one 8-row × 2-register tile for each width, several 64-row chunks
    /// with edge tiles, and shared dimensions spanning several 256-deep blocks; 136 × 777 × 72: whole tiles of rows
    /// over three 64-row chunks (which a transposed A splits differently for each thread count), three full depth
    /// blocks and a partial one.
    /// </summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 7, 3 }, { 7, 13, 5 }, { 8, 8, 8 }, { 8, 3, 16 }, { 8, 5, 32 }, { 5, 17, 33 },
        { 33, 129, 17 }, { 65, 3, 129 }, { 97, 31, 64 }, { 130, 300, 47 }, { 67, 513, 35 }, { 136, 777, 72 }, { 9, 0, 4 },
    };

    public static TheoryData<SimdWidth, int, int, int> WidthsAndShapes
    {
        get
        {
            var data = new TheoryData<SimdWidth, int, int, int>();
            foreach (SimdWidth w in Widths)
                foreach (var shape in Shapes)
                    data.Add(w, (int)shape[0], (int)shape[1], (int)shape[2]);
            return data;
        }
    }

    [Fact]
    public void Auto_resolves_to_the_widest_accelerated_width()
    {
        var saved = Kernels.Width;
        try
        {
            Kernels.Width = SimdWidth.Auto;
            var expected = Accelerated(SimdWidth.Bits512) ? SimdWidth.Bits512 : Accelerated(SimdWidth.Bits256) ? SimdWidth.Bits256 : SimdWidth.Bits128;
            Assert.Equal(expected, Kernels.EffectiveWidth);
            Kernels.Width = SimdWidth.Bits128;
            Assert.Equal(SimdWidth.Bits128, Kernels.EffectiveWidth);
        }
        finally { Kernels.Width = saved; }
    }

    [Theory]
    [MemberData(nameof(WidthsAndShapes))]
    public void MatMul_matches_naive_product_for_every_transposition_and_is_bitwise_independent_of_threads(SimdWidth width, int m, int k, int n)
    {
        var rng = new Rng(0xA11CE, (ulong)(m * 1_000_000 + k * 1000 + n));
        float[] a = Random(ref rng, m * k), b = Random(ref rng, k * n), c0 = Random(ref rng, m * n);
        var (exact, magnitude) = NaiveProduct(a, b, m, k, n);
        var saved = Kernels.Width;
        try
        {
            Kernels.Width = width;
            foreach (Transposed transposed in new[] { Transposed.None, Transposed.A, Transposed.B, Transposed.A | Transposed.B })
            {
                float[] storedA = transposed.HasFlag(Transposed.A) ? TransposeOf(a, m, k) : a;
                float[] storedB = transposed.HasFlag(Transposed.B) ? TransposeOf(b, k, n) : b;
                foreach (bool accumulate in new[] { false, true })
                {
                    string label = $"{width} {m}x{k}·{k}x{n} {transposed} accumulate={accumulate}";
                    float[] serial = (float[])c0.Clone();
                    Kernels.MatMul(storedA, storedB, serial, m, k, n, transposed, accumulate);
                    for (int i = 0; i < m * n; i++)
                    {
                        double expected = exact[i] + (accumulate ? c0[i] : 0);
                        // Each entry is a length-k float32 dot product, cut into blocks summed in turn (plus one add):
                        // |error| <= (k + 2) u Σ|a||b| + |result| u.
                        double tolerance = (k + 2) * U * (magnitude[i] + (accumulate ? Math.Abs(c0[i]) : 0)) + U * Math.Abs(expected);
                        NumericAssert.Close(expected, serial[i], tolerance, $"{label} entry {i}");
                    }
                    foreach (int threads in new[] { 2, 3, 8 })
                    {
                        float[] parallel = (float[])c0.Clone();
                        Kernels.MatMul(storedA, storedB, parallel, m, k, n, transposed, accumulate, parallelism: new Parallelism(threads));
                        Assert.True(Bits(serial).SequenceEqual(Bits(parallel)), $"{label}: {threads} threads differ from 1");
                    }
                }
            }
        }
        finally { Kernels.Width = saved; }
    }

    [Fact]
    public void MatMul_epilogue_sees_each_finished_row_once_and_in_blocks_that_tile_C()
    {
        const int m = 130, k = 40, n = 21;
        var rng = new Rng(11);
        float[] a = Random(ref rng, m * k), b = Random(ref rng, k * n);
        float[] plain = new float[m * n], withEpilogue = new float[m * n];
        Kernels.MatMul(a, b, plain, m, k, n);
        var epilogue = new RecordingEpilogue(plain, m);
        Kernels.MatMul(a, b, withEpilogue, m, k, n, epilogue: epilogue, parallelism: new Parallelism(3));
        Assert.All(epilogue.TimesSeen, count => Assert.Equal(1, count));
        Assert.Equal(plain.Select(x => 2 * x), withEpilogue);
    }

    /// <summary>Doubles the rows it is given after checking they hold the finished product, and counts visits per row.</summary>
    private sealed class RecordingEpilogue(float[] finished, int rows) : IRowEpilogue
    {
        public int[] TimesSeen { get; } = new int[rows];

        public void Apply(Span<float> block, int firstRow, int rowCount, int columns)
        {
            Assert.True(block.SequenceEqual(finished.AsSpan(firstRow * columns, rowCount * columns)), $"rows {firstRow}.. not finished");
            for (int i = firstRow; i < firstRow + rowCount; i++) Interlocked.Increment(ref TimesSeen[i]);
            foreach (ref float x in block) x *= 2;
        }
    }

    [Fact]
    public void MatMul_touches_nothing_outside_C_and_uses_only_the_leading_parts_of_the_inputs()
    {
        const int m = 6, k = 5, n = 19;
        var rng = new Rng(7);
        float[] a = Random(ref rng, m * k + 11), b = Random(ref rng, k * n + 13);
        float[] c = Enumerable.Repeat(float.NaN, m * n + 17).ToArray();
        Kernels.MatMul(a, b, c, m, k, n);
        Assert.All(c[..(m * n)], x => Assert.True(float.IsFinite(x)));
        Assert.All(c[(m * n)..], x => Assert.True(float.IsNaN(x)));
    }

    [Fact]
    public void MatMul_rejects_buffers_smaller_than_the_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Kernels.MatMul(new float[6], new float[6], new float[3], 2, 3, 2));
        Assert.Contains("2x3", error.Message);
        Assert.Throws<ArgumentException>(() => Kernels.MatMul(new float[5], new float[6], new float[4], 2, 3, 2));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 13)]
    [InlineData(33, 129)]
    [InlineData(300, 5)]
    public void ColumnSums_match_naive_loop_and_overwrite_the_destination(int rows, int cols)
    {
        var rng = new Rng(4, (ulong)(rows * 1000 + cols));
        float[] matrix = Random(ref rng, rows * cols);
        float[] sums = Enumerable.Repeat(123f, cols + 1).ToArray();
        Kernels.ColumnSums(matrix, sums, rows, cols);
        for (int j = 0; j < cols; j++)
        {
            double exact = 0, magnitude = 0;
            for (int i = 0; i < rows; i++) { exact += matrix[i * cols + j]; magnitude += Math.Abs(matrix[i * cols + j]); }
            NumericAssert.Close(exact, sums[j], rows * U * magnitude, $"column {j}");
        }
        Assert.Equal(123f, sums[cols]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 13)]
    [InlineData(33, 129)]
    public void AddRowVector_adds_the_bias_to_every_row(int rows, int cols)
    {
        var rng = new Rng(5, (ulong)(rows * 1000 + cols));
        float[] matrix = Random(ref rng, rows * cols), bias = Random(ref rng, cols);
        float[] result = (float[])matrix.Clone();
        Kernels.AddRowVector(result, bias, rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                Assert.Equal(matrix[i * cols + j] + bias[j], result[i * cols + j]);  // one correctly rounded add: exact
    }

    internal static bool Accelerated(SimdWidth width) => width switch
    {
        SimdWidth.Bits512 => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
        SimdWidth.Bits256 => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
        SimdWidth.Bits128 => System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated,
        _ => true,
    };

    private static float[] Random(ref Rng rng, int count)
    {
        var values = new float[count];
        rng.FillGaussian(values);
        return values;
    }

    private static float[] TransposeOf(float[] matrix, int rows, int cols)
    {
        var transposed = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                transposed[j * rows + i] = matrix[i * cols + j];
        return transposed;
    }

    /// <summary>A·B in double, and Σ_p |a_ip||b_pj| for the error bound.</summary>
    private static (double[] Product, double[] Magnitude) NaiveProduct(float[] a, float[] b, int m, int k, int n)
    {
        var product = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++)
                {
                    double t = (double)a[i * k + p] * b[p * n + j];
                    product[i * n + j] += t;
                    magnitude[i * n + j] += Math.Abs(t);
                }
        return (product, magnitude);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
