using System.Runtime.CompilerServices;

namespace BoltzDrift.Engine;

/// <summary>
/// The inner loops of the two drift estimators, fused so that each input is read once, written once over
/// <see cref="ISimdFloat{TSelf}"/> for every register width (<see cref="Kernels.EffectiveWidth"/>) with
/// <see cref="SimdMath.Exp{T}"/>. Each output is computed by the same operations whatever the thread count.
/// </summary>
public static class DriftKernels
{
    /// <summary>Row lengths that <see cref="GaussianKernelSums"/> accepts are multiples of this (the widest register).</summary>
    public const int RowAlignment = 16;

    /// <summary>
    /// Replaces energies by softmax(-E) in place, in the log domain (the minimum energy is subtracted). NaN and +∞
    /// energies get weight zero; returns how many there were (when all are, every weight is zero). Writes
    /// Σ w² (0 when all are bad). Throws on -∞: a density that cannot be normalised is an error in the energy.
    /// </summary>
    public static int SoftmaxOfNegative(Span<float> energies, out float sumOfSquares) => Kernels.EffectiveWidth switch
    {
        SimdWidth.Bits512 => SoftmaxOfNegative<Simd512>(energies, out sumOfSquares),
        SimdWidth.Bits256 => SoftmaxOfNegative<Simd256>(energies, out sumOfSquares),
        _ => SoftmaxOfNegative<Simd128>(energies, out sumOfSquares),
    };

    /// <summary>
    /// For one point's row of squared distances r_j (length a multiple of <see cref="RowAlignment"/>, +∞ where a
    /// pair is to be left out): the Gaussian kernel weights w_j = exp(scale · r_j + shift), returning Σ w and writing
    /// Σ w² and, for each coordinate k, Σ_j w_j columns[k · stride + j] (coordinates stored as columns of length stride).
    /// </summary>
    public static float GaussianKernelSums(ReadOnlySpan<float> squaredDistances, float scale, float shift,
        ReadOnlySpan<float> columns, int stride, Span<float> weightedSums, out float sumOfSquares)
    {
        if (squaredDistances.Length % RowAlignment != 0 || squaredDistances.Length > stride || columns.Length < weightedSums.Length * stride)
            throw new ArgumentException($"Rows must be a multiple of {RowAlignment} long and within the columns' stride.");
        return Kernels.EffectiveWidth switch
        {
            SimdWidth.Bits512 => GaussianKernelSums<Simd512>(squaredDistances, scale, shift, columns, stride, weightedSums, out sumOfSquares),
            SimdWidth.Bits256 => GaussianKernelSums<Simd256>(squaredDistances, scale, shift, columns, stride, weightedSums, out sumOfSquares),
            _ => GaussianKernelSums<Simd128>(squaredDistances, scale, shift, columns, stride, weightedSums, out sumOfSquares),
        };
    }

    /// <summary>
    /// Squared distances from <paramref name="point"/> (d coordinates) to every point stored as columns
    /// (coordinate k of point j at columns[k · stride + j]), for the first <paramref name="squaredDistances"/>.Length
    /// points, a multiple of <see cref="RowAlignment"/>.
    /// </summary>
    public static void SquaredDistances(ReadOnlySpan<float> point, ReadOnlySpan<float> columns, int stride, Span<float> squaredDistances)
    {
        if (squaredDistances.Length % RowAlignment != 0 || squaredDistances.Length > stride || columns.Length < point.Length * stride)
            throw new ArgumentException($"Rows must be a multiple of {RowAlignment} long and within the columns' stride.");
        switch (Kernels.EffectiveWidth)
        {
            case SimdWidth.Bits512: SquaredDistances<Simd512>(point, columns, stride, squaredDistances); break;
            case SimdWidth.Bits256: SquaredDistances<Simd256>(point, columns, stride, squaredDistances); break;
            default: SquaredDistances<Simd128>(point, columns, stride, squaredDistances); break;
        }
    }

    /// <summary>
    /// result = Σ_p weights[p] · rows[p], the rows being consecutive runs of result.Length values. Short rows (the
    /// common d = 2) go coordinate by coordinate with four independent sums, so that neither a library call per row nor
    /// the latency of one chain of additions sets the pace.
    /// </summary>
    public static void WeightedRowSum(ReadOnlySpan<float> rows, ReadOnlySpan<float> weights, Span<float> result)
    {
        int d = result.Length, m = weights.Length;
        if (rows.Length < m * d) throw new ArgumentException($"Need {m} rows of {d} values.");
        if (d >= 4 * RowAlignment)
        {
            result.Clear();
            for (int p = 0; p < m; p++)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(rows.Slice(p * d, d), weights[p], result, result);
            return;
        }
        ref float row = ref Unsafe.AsRef(in rows[0]);
        ref float w = ref Unsafe.AsRef(in weights[0]);
        for (int k = 0; k < d; k++)
        {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int p = 0;
            for (; p <= m - 4; p += 4)
            {
                s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w, p), Unsafe.Add(ref row, p * d + k), s0);
                s1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w, p + 1), Unsafe.Add(ref row, (p + 1) * d + k), s1);
                s2 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w, p + 2), Unsafe.Add(ref row, (p + 2) * d + k), s2);
                s3 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w, p + 3), Unsafe.Add(ref row, (p + 3) * d + k), s3);
            }
            for (; p < m; p++) s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w, p), Unsafe.Add(ref row, p * d + k), s0);
            result[k] = (s0 + s1) + (s2 + s3);
        }
    }

    private static int SoftmaxOfNegative<T>(Span<float> energies, out float sumOfSquares) where T : struct, ISimdFloat<T>
    {
        int n = energies.Length, whole = n - n % T.Count;
        Span<float> tail = stackalloc float[T.Count];
        var infinity = T.Broadcast(float.PositiveInfinity);
        var one = T.Broadcast(1f);
        // Pass 1: the smallest usable energy and the number of unusable ones (NaN and +∞ fail e < +∞).
        var least = infinity;
        var unusable = T.Zero;
        for (int j = 0; j <= n - T.Count; j += T.Count)
            Tally(T.Load(ref energies[0], (nuint)j), ref least, ref unusable);
        if (whole < n)
        {
            tail.Fill(float.PositiveInfinity);
            energies[whole..].CopyTo(tail);
            Tally(T.Load(ref tail[0], 0), ref least, ref unusable);
        }
        int bad = (int)T.Sum(unusable) - (whole < n ? T.Count - (n - whole) : 0);
        sumOfSquares = 0;
        if (bad == n) { energies.Clear(); return bad; }
        float min = T.Min(least);
        if (float.IsNegativeInfinity(min)) throw new ArithmeticException("The energy returned -∞: the target density is not normalisable there.");
        // Pass 2: unnormalised weights exp(min - E) ≤ 1 and their sum; pass 3: normalise, summing squares.
        var shift = T.Broadcast(min);
        var total = T.Zero;
        for (int j = 0; j < whole; j += T.Count)
        {
            var w = Weight(T.Load(ref energies[0], (nuint)j), shift, infinity);
            T.Store(w, ref energies[0], (nuint)j);
            total = T.Add(total, w);
        }
        if (whole < n)
        {
            var w = Weight(T.Load(ref tail[0], 0), shift, infinity);
            T.Store(w, ref tail[0], 0);
            total = T.Add(total, w);
            tail[..(n - whole)].CopyTo(energies[whole..]);
        }
        float inverse = 1f / T.Sum(total);
        var scale = T.Broadcast(inverse);
        var squares = T.Zero;
        for (int j = 0; j < whole; j += T.Count)
        {
            var w = T.Multiply(T.Load(ref energies[0], (nuint)j), scale);
            T.Store(w, ref energies[0], (nuint)j);
            squares = T.MultiplyAdd(w, w, squares);
        }
        float tailSquares = 0;
        for (int j = whole; j < n; j++)
        {
            energies[j] *= inverse;
            tailSquares += energies[j] * energies[j];
        }
        sumOfSquares = T.Sum(squares) + tailSquares;
        return bad;

        static void Tally(T e, ref T least, ref T unusable)
        {
            var usable = T.LessThan(e, T.Broadcast(float.PositiveInfinity));
            var candidate = T.Select(usable, e, T.Broadcast(float.PositiveInfinity));
            least = T.Select(T.LessThan(candidate, least), candidate, least);
            unusable = T.Add(unusable, T.Select(usable, T.Zero, T.Broadcast(1f)));
        }

        static T Weight(T e, T shift, T infinity) =>
            T.Select(T.LessThan(e, infinity), SimdMath.Exp(T.Subtract(shift, e)), T.Zero);
    }

    /// <summary>Coordinates whose weighted sums <see cref="GaussianKernelSums"/> accumulates in registers during one sweep.</summary>
    private const int CoordinatesPerSweep = 4;

    /// <summary>Per-thread room for the weights of a row, for the sweeps over coordinates past the first four.</summary>
    [ThreadStatic] private static float[]? t_weights;

    private static float GaussianKernelSums<T>(ReadOnlySpan<float> squaredDistances, float scale, float shift,
        ReadOnlySpan<float> columns, int stride, Span<float> weightedSums, out float sumOfSquares) where T : unmanaged, ISimdFloat<T>
    {
        int d = weightedSums.Length, n = squaredDistances.Length;
        // The first sweep computes the weights and the first four coordinates' sums; with more coordinates the weights
        // are kept and swept again, four coordinates at a time. Every sum is one register accumulating in j order.
        var weights = d > CoordinatesPerSweep ? (t_weights is { } kept && kept.Length >= n ? kept : t_weights = new float[n]) : [];
        var a = T.Broadcast(scale);
        var b = T.Broadcast(shift);
        T mass = T.Zero, squares = T.Zero, s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
        ref float r = ref Unsafe.AsRef(in squaredDistances[0]);
        ref float c = ref Unsafe.AsRef(in columns[0]);
        for (int j = 0; j < n; j += T.Count)
        {
            var w = SimdMath.Exp(T.MultiplyAdd(T.Load(ref r, (nuint)j), a, b));
            mass = T.Add(mass, w);
            squares = T.MultiplyAdd(w, w, squares);
            Accumulate(w, ref c, stride, d, j, ref s0, ref s1, ref s2, ref s3);
            if (d > CoordinatesPerSweep) T.Store(w, ref weights[0], (nuint)j);
        }
        Write(weightedSums, 0, s0, s1, s2, s3);
        for (int k = CoordinatesPerSweep; k < d; k += CoordinatesPerSweep)
        {
            s0 = s1 = s2 = s3 = T.Zero;
            ref float ck = ref Unsafe.Add(ref c, k * stride);
            for (int j = 0; j < n; j += T.Count)
                Accumulate(T.Load(ref weights[0], (nuint)j), ref ck, stride, d - k, j, ref s0, ref s1, ref s2, ref s3);
            Write(weightedSums, k, s0, s1, s2, s3);
        }
        sumOfSquares = T.Sum(squares);
        return T.Sum(mass);
    }

    /// <summary>s_k += w · columns[k · stride + j ..] for the first min(4, <paramref name="coordinates"/>) columns from <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<T>(T w, ref float c, int stride, int coordinates, int j, ref T s0, ref T s1, ref T s2, ref T s3)
        where T : unmanaged, ISimdFloat<T>
    {
        s0 = T.MultiplyAdd(w, T.Load(ref c, (nuint)j), s0);
        if (coordinates > 1) s1 = T.MultiplyAdd(w, T.Load(ref c, (nuint)(stride + j)), s1);
        if (coordinates > 2) s2 = T.MultiplyAdd(w, T.Load(ref c, (nuint)(2 * stride + j)), s2);
        if (coordinates > 3) s3 = T.MultiplyAdd(w, T.Load(ref c, (nuint)(3 * stride + j)), s3);
    }

    /// <summary>Sums the lanes of the accumulators of coordinates k, k + 1, ... (as many as are left, up to four).</summary>
    private static void Write<T>(Span<float> weightedSums, int k, T s0, T s1, T s2, T s3) where T : unmanaged, ISimdFloat<T>
    {
        int left = weightedSums.Length - k;
        weightedSums[k] = T.Sum(s0);
        if (left > 1) weightedSums[k + 1] = T.Sum(s1);
        if (left > 2) weightedSums[k + 2] = T.Sum(s2);
        if (left > 3) weightedSums[k + 3] = T.Sum(s3);
    }

    private static void SquaredDistances<T>(ReadOnlySpan<float> point, ReadOnlySpan<float> columns, int stride,
        Span<float> squaredDistances) where T : struct, ISimdFloat<T>
    {
        int d = point.Length;
        ref float c = ref Unsafe.AsRef(in columns[0]);
        for (int j = 0; j < squaredDistances.Length; j += T.Count)
        {
            var sum = T.Zero;
            for (int k = 0; k < d; k++)
            {
                var difference = T.Subtract(T.Load(ref c, (nuint)(k * stride + j)), T.Broadcast(point[k]));
                sum = T.MultiplyAdd(difference, difference, sum);
            }
            T.Store(sum, ref squaredDistances[0], (nuint)j);
        }
    }
}
