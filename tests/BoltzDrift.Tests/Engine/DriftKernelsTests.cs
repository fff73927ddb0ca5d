using BoltzDrift.Engine;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Engine;

/// <summary>
/// The SIMD elementary functions and drift kernels against plain double-precision loops, for every register width
/// (widths the CPU does not accelerate run through the runtime's software fallback, so all are tested everywhere).
/// </summary>
[Collection(KernelWidthCollection.Name)]
public class DriftKernelsTests
{
    private const double Ulp = 1.0 / (1 << 23);

    public static TheoryData<SimdWidth> Widths => new(SimdWidth.Bits128, SimdWidth.Bits256, SimdWidth.Bits512);

    [Fact]
    public void Exp_is_within_a_few_ulp_and_flushes_overflows_and_keeps_nan_as_documented()
    {
        CheckExp<Simd128>();
        CheckExp<Simd256>();
        CheckExp<Simd512>();
    }

    private static void CheckExp<T>() where T : struct, ISimdFloat<T>
    {
        var x = Grid(-86.4, 87.9, 4096);
        var y = Apply<T>(x, SimdMath.Exp);
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Exp(x[i]);
            Assert.True(Math.Abs(y[i] - exact) <= 3 * Ulp * exact, $"{typeof(T).Name}: exp({x[i]}) = {y[i]}, exact {exact}");
        }
        // ±1e30: 2^n far outside the integers the exponent arithmetic can take, in lanes that are then replaced.
        float[] special = Padded([float.NaN, float.NegativeInfinity, -87f, -1000f, -1e30f, float.PositiveInfinity, 88.5f, 1e30f, 0f, -0f]);
        var s = Apply<T>(special, SimdMath.Exp);
        Assert.True(float.IsNaN(s[0]));
        Assert.Equal([0f, 0f, 0f, 0f], s[1..5]);
        Assert.Equal([float.PositiveInfinity, float.PositiveInfinity, float.PositiveInfinity], s[5..8]);
        Assert.Equal([1f, 1f], s[8..10]);
    }

    [Fact]
    public void Log_is_within_a_few_ulp_of_the_result_over_the_normal_floats()
    {
        CheckLog<Simd128>();
        CheckLog<Simd256>();
        CheckLog<Simd512>();
    }

    private static void CheckLog<T>() where T : struct, ISimdFloat<T>
    {
        var exponents = Grid(-125.9, 127.9, 4096);
        var x = exponents.Select(e => MathF.Pow(2, e)).ToArray();
        x[0] = float.Epsilon * (1 << 23); // the smallest normal float
        x[1] = 1f;
        x[2] = 1f / 8589934592f;          // the smallest uniform GaussianNoise draws
        var y = Apply<T>(x, SimdMath.Log);
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Log(x[i]);
            Assert.True(Math.Abs(y[i] - exact) <= 2 * Ulp * Math.Max(1, Math.Abs(exact)), $"{typeof(T).Name}: log({x[i]}) = {y[i]}, exact {exact}");
        }
    }

    [Fact]
    public void SinCos_is_within_a_few_ulp_on_the_reduced_range()
    {
        CheckSinCos<Simd128>();
        CheckSinCos<Simd256>();
        CheckSinCos<Simd512>();
    }

    private static void CheckSinCos<T>() where T : struct, ISimdFloat<T>
    {
        var x = Grid(-Math.PI / 4, Math.PI / 4, 1024);
        var sin = Apply<T>(x, v => SimdMath.SinCos(v, out _));
        var cos = Apply<T>(x, v => { SimdMath.SinCos(v, out var c); return c; });
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(sin[i] - Math.Sin(x[i])) <= 2 * Ulp, $"sin({x[i]}) = {sin[i]}");
            Assert.True(Math.Abs(cos[i] - Math.Cos(x[i])) <= 2 * Ulp, $"cos({x[i]}) = {cos[i]}");
        }
    }

    [Fact]
    public void Gaussian_noise_is_the_same_stream_for_every_width_and_any_length_is_a_prefix_of_it()
    {
        var reference = Noise(SimdWidth.Bits128, 1000);
        Assert.Equal(reference, Noise(SimdWidth.Bits256, 1000));
        Assert.Equal(reference, Noise(SimdWidth.Bits512, 1000));
        Assert.Equal(reference[..37], Noise(SimdWidth.Auto, 37));
    }

    /// <summary>
    /// Mean, variance, fourth moment, the mass within one σ and the correlation of each Box–Muller pair, against
    /// their standard normal values with tolerances of 5 standard errors.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Gaussian_noise_has_the_standard_normal_moments_and_uncorrelated_pairs(SimdWidth width)
    {
        const int n = 320_000;
        var z = Noise(width, n);
        double mean = z.Average(v => (double)v);
        double variance = z.Average(v => (double)v * v);
        double fourth = z.Average(v => Math.Pow(v, 4));
        double withinOne = z.Count(v => Math.Abs(v) < 1) / (double)n;
        double pairs = 0;
        for (int b = 0; b < n; b += 32)
            for (int l = 0; l < 16; l++) pairs += (double)z[b + l] * z[b + 16 + l];
        pairs /= n / 2;
        Assert.True(Math.Abs(mean) < 5 / Math.Sqrt(n), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 5 * Math.Sqrt(2.0 / n), $"variance {variance}");
        Assert.True(Math.Abs(fourth - 3) < 5 * Math.Sqrt(96.0 / n), $"fourth moment {fourth}");
        const double p = 0.6826894921;
        Assert.True(Math.Abs(withinOne - p) < 5 * Math.Sqrt(p * (1 - p) / n), $"P(|z| < 1) {withinOne}");
        Assert.True(Math.Abs(pairs) < 5 / Math.Sqrt(n / 2.0), $"pair correlation {pairs}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Softmax_of_negative_matches_a_double_reference_and_gives_bad_energies_weight_zero(SimdWidth width)
    {
        var rng = new Rng(11);
        foreach (int length in new[] { 1, 3, 16, 17, 64, 100 })
        {
            var energies = new float[length];
            for (int i = 0; i < length; i++) energies[i] = (float)(30 * rng.NextDouble() - 10);
            if (length > 2) { energies[1] = float.NaN; energies[length - 1] = float.PositiveInfinity; }
            var (expected, expectedBad) = ReferenceSoftmax(energies);
            var weights = (float[])energies.Clone();
            float sumOfSquares = 0;
            int bad = WithWidth(width, () => DriftKernels.SoftmaxOfNegative(weights, out sumOfSquares));
            Assert.Equal(expectedBad, bad);
            for (int i = 0; i < length; i++) Assert.True(Math.Abs(weights[i] - expected[i]) <= 1e-6, $"length {length}, weight {i}: {weights[i]} vs {expected[i]}");
            Assert.Equal(expected.Sum(w => w * w), sumOfSquares, 1e-6);
        }
        var allBad = new[] { float.NaN, float.PositiveInfinity, float.NaN };
        Assert.Equal(3, WithWidth(width, () => DriftKernels.SoftmaxOfNegative(allBad, out _)));
        Assert.Equal([0f, 0f, 0f], allBad);
        Assert.Throws<ArithmeticException>(() => WithWidth(width, () => DriftKernels.SoftmaxOfNegative([1f, float.NegativeInfinity], out _)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Squared_distances_and_gaussian_kernel_sums_match_double_references(SimdWidth width)
    {
        const int n = 40, stride = 48;
        var rng = new Rng(12);
        // Up to four coordinates are summed in the sweep that computes the weights, more in further sweeps of four.
        foreach (int d in new[] { 1, 2, 4, 5, 9 })
        {
            var columns = new float[d * stride];
            for (int k = 0; k < d; k++)
                for (int j = 0; j < n; j++) columns[k * stride + j] = (float)(4 * rng.NextDouble() - 2);
            var point = new float[d];
            for (int k = 0; k < d; k++) point[k] = columns[k * stride + 7];
            var row = new float[stride];
            WithWidth(width, () => DriftKernels.SquaredDistances(point, columns, stride, row));
            for (int j = 0; j < n; j++)
            {
                double exact = 0;
                for (int k = 0; k < d; k++) exact += Math.Pow(columns[k * stride + j] - point[k], 2);
                Assert.Equal(exact, row[j], 1e-5);
            }
            row[7] = float.PositiveInfinity;
            row.AsSpan(n).Fill(float.PositiveInfinity);
            float scale = -0.8f, shift = 0.3f, squares = 0;
            var weighted = new float[d];
            float mass = WithWidth(width, () => DriftKernels.GaussianKernelSums(row, scale, shift, columns, stride, weighted, out squares));
            double expectedMass = 0, expectedSquares = 0;
            var expectedWeighted = new double[d];
            for (int j = 0; j < n; j++)
            {
                if (j == 7) continue;
                double w = Math.Exp(scale * (double)row[j] + shift);
                expectedMass += w;
                expectedSquares += w * w;
                for (int k = 0; k < d; k++) expectedWeighted[k] += w * columns[k * stride + j];
            }
            Assert.Equal(expectedMass, mass, 1e-5 * expectedMass);
            Assert.Equal(expectedSquares, squares, 1e-5 * expectedSquares);
            for (int k = 0; k < d; k++) Assert.Equal(expectedWeighted[k], weighted[k], 1e-5 * expectedMass);
        }
    }

    [Fact]
    public void Weighted_row_sum_matches_a_double_reference_for_short_and_long_rows()
    {
        var rng = new Rng(13);
        foreach (int d in new[] { 1, 2, 3, 70 })
        {
            const int m = 9;
            var rows = new float[m * d];
            var weights = new float[m];
            for (int i = 0; i < rows.Length; i++) rows[i] = (float)(2 * rng.NextDouble() - 1);
            for (int p = 0; p < m; p++) weights[p] = (float)rng.NextDouble();
            var result = new float[d];
            result.AsSpan().Fill(99f); // overwritten, not added to
            DriftKernels.WeightedRowSum(rows, weights, result);
            for (int k = 0; k < d; k++)
            {
                double exact = 0;
                for (int p = 0; p < m; p++) exact += (double)weights[p] * rows[p * d + k];
                Assert.Equal(exact, result[k], 1e-5);
            }
        }
    }

    private static (double[] Weights, int Bad) ReferenceSoftmax(float[] energies)
    {
        bool Usable(float e) => !float.IsNaN(e) && e != float.PositiveInfinity;
        double min = energies.Where(Usable).Select(e => (double)e).DefaultIfEmpty(double.NaN).Min();
        var w = energies.Select(e => Usable(e) ? Math.Exp(min - e) : 0).ToArray();
        double sum = w.Sum();
        return (w.Select(v => v / sum).ToArray(), energies.Count(e => !Usable(e)));
    }

    private static float[] Noise(SimdWidth width, int length)
    {
        var z = new float[length];
        var rng = new Rng(2026, 3);
        WithWidth(width, () => GaussianNoise.Fill(ref rng, z));
        return z;
    }

    private delegate void Body();

    private static void WithWidth(SimdWidth width, Body body) => WithWidth(width, () => { body(); return 0; });

    private static TResult WithWidth<TResult>(SimdWidth width, Func<TResult> body)
    {
        var saved = Kernels.Width;
        try
        {
            Kernels.Width = width;
            return body();
        }
        finally { Kernels.Width = saved; }
    }

    /// <summary>count points evenly spaced over [from, to], as floats.</summary>
    private static float[] Grid(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => (float)(from + (to - from) * i / (count - 1))).ToArray();

    /// <summary>The values followed by zeros up to a whole number of the widest register.</summary>
    private static float[] Padded(float[] values)
    {
        var padded = new float[(values.Length + 15) / 16 * 16];
        values.CopyTo(padded, 0);
        return padded;
    }

    private static float[] Apply<T>(float[] x, Func<T, T> f) where T : struct, ISimdFloat<T>
    {
        var input = Padded(x);
        var output = new float[input.Length];
        for (int i = 0; i < input.Length; i += T.Count) T.Store(f(T.Load(ref input[i], 0)), ref output[i], 0);
        return output[..x.Length];
    }
}
