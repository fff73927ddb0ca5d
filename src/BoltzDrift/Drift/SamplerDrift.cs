using System.Buffers;
using System.Numerics.Tensors;
using BoltzDrift.Numerics;

namespace BoltzDrift.Drift;

/// <summary>How the sampler-side mean shift treats each sample's kernel weight on itself (docs/method.md §4).</summary>
public enum SelfPairMode
{
    /// <summary>
    /// Leave-one-out, but never dividing by less kernel mass than the sample's own (weight 1): exact
    /// leave-one-out where the batch is dense, the bounded self-included form where a sample is
    /// isolated, so |V-| ≤ s·√(2 ln(n-1)) there (s·e^(-1/2) with one neighbour) and no sample can run away.
    /// Alone, in 8-D and up it removes nearly all repulsion (the neighbours' mass falls below the self weight);
    /// <see cref="DriftField"/>'s nearest-neighbour floor keeps the bandwidths where the kernel sees neighbours,
    /// so that this happens only to outliers. The default. (Leave-one-out with the cap s·√(2 ln N) instead was
    /// tried: on the banana an outlier's capped repulsion outweighed the bounded target pull and samples ran
    /// away, covariance error 2.4e6.)
    /// </summary>
    Guarded,
    /// <summary>Self-pair excluded: unbiased in dense regions, but an isolated sample is pushed away from its nearest neighbour without bound.</summary>
    Exclude,
    /// <summary>Self-pair included: bounded, but repulsion is weakened by (1 - a_ii) where the batch is sparse.</summary>
    Include,
}

/// <summary>
/// The sampler side of the drift, V-(x_i) = Σ_j a_ij (x_j - x_i) with
/// a_ij ∝ exp(-|x_i - x_j|² / (2 s²)) over the current batch: the Gaussian mean shift that
/// estimates s² ∇log q_s from the generator's own samples. Softmax in the log domain.
/// <see cref="Measure"/> computes the batch's squared distances once (and its nearest-neighbour distances,
/// from which <see cref="DriftField"/> floors the bandwidths); <see cref="Estimate(ReadOnlySpan{double}, Span{float}, Span{double})"/>
/// then evaluates every bandwidth term from them, with each term's effective neighbour count.
/// </summary>
public sealed class SamplerDrift : ISamplerDrift
{
    private const int RowsPerChunk = 16;
    private readonly Parallelism _parallelism;
    private float[] _columns = [], _distances = [], _nearest = [];
    private int _n, _d;

    public SamplerDrift(SelfPairMode selfPair = SelfPairMode.Guarded, Parallelism? parallelism = null)
    {
        SelfPair = selfPair;
        _parallelism = parallelism ?? Parallelism.Serial;
    }

    public SelfPairMode SelfPair { get; }

    /// <summary>
    /// Takes the batch (row-major, n × d): computes every squared distance, kept for
    /// <see cref="Estimate(ReadOnlySpan{double}, Span{float}, Span{double})"/>, and returns the median over the
    /// batch of each point's distance to its nearest neighbour.
    /// </summary>
    public double Measure(ReadOnlySpan<float> points, int dimension)
    {
        int d = dimension, n = points.Length / d;
        if (n < 2) throw new ArgumentException("The sampler-side mean shift needs a batch of at least 2 points.");
        _n = n;
        _d = d;
        if (_columns.Length < n * d) _columns = new float[n * d];
        if (_distances.Length < n * n) _distances = new float[n * n];
        if (_nearest.Length < n) _nearest = new float[n];
        // Coordinates as columns, so each distance row is a few whole-span operations.
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) _columns[k * n + i] = points[i * d + k];
        var columns = _columns;
        var distances = _distances;
        var nearest = _nearest;
        _parallelism.For(n, RowsPerChunk, (i0, i1) =>
        {
            var diff = ArrayPool<float>.Shared.Rent(n);
            for (int i = i0; i < i1; i++)
            {
                var di = distances.AsSpan(i * n, n);
                di.Clear();
                for (int k = 0; k < d; k++)
                {
                    TensorPrimitives.Subtract(columns.AsSpan(k * n, n), columns[k * n + i], diff.AsSpan(0, n));
                    TensorPrimitives.FusedMultiplyAdd(diff.AsSpan(0, n), diff.AsSpan(0, n), di, di);
                }
                float self = di[i];
                di[i] = float.PositiveInfinity;
                nearest[i] = MathF.Sqrt(TensorPrimitives.Min(di));
                di[i] = self;
            }
            ArrayPool<float>.Shared.Return(diff);
        });
        return Median(_nearest.AsSpan(0, n));
    }

    /// <summary>
    /// Writes V- for every point (row-major, n × d) and every bandwidth: term k goes to
    /// <c>drifts[k * n * d ..]</c>.
    /// </summary>
    public void Estimate(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<double> bandwidths, Span<float> drifts)
    {
        Measure(points, dimension);
        Estimate(bandwidths, drifts, new double[bandwidths.Length]);
    }

    /// <summary>
    /// Writes V- of the measured batch for every bandwidth (term k to <c>drifts[k * n * d ..]</c>) and each term's
    /// median effective neighbour count n_eff = (Σ_{j≠i} k_ij)² / Σ_{j≠i} k_ij² into <paramref name="effectiveNeighbours"/>.
    /// </summary>
    public void Estimate(ReadOnlySpan<double> bandwidths, Span<float> drifts, Span<double> effectiveNeighbours)
    {
        int d = _d, n = _n, terms = bandwidths.Length;
        if (n == 0) throw new InvalidOperationException("Measure a batch before estimating its drift.");
        if (drifts.Length < terms * n * d) throw new ArgumentException($"Need room for {terms} × {n} × {d} drift values.");
        var scales = new float[terms];
        for (int t = 0; t < terms; t++) scales[t] = (float)(-0.5 / (bandwidths[t] * bandwidths[t]));
        var neighbours = new float[terms * n];
        var mode = SelfPair;
        var columns = _columns;
        var distances = _distances;
        unsafe
        {
            fixed (float* pv = drifts)
            {
                nint iv = (nint)pv;
                _parallelism.For(n, RowsPerChunk, (i0, i1) =>
                {
                    var v = new Span<float>((void*)iv, terms * n * d);
                    var w = ArrayPool<float>.Shared.Rent(n);
                    for (int i = i0; i < i1; i++)
                        for (int t = 0; t < terms; t++)
                            neighbours[t * n + i] = MeanShiftRow(columns.AsSpan(0, n * d), n, d, i, distances.AsSpan(i * n, n), scales[t],
                                w.AsSpan(0, n), v.Slice((t * n + i) * d, d), mode);
                    ArrayPool<float>.Shared.Return(w);
                });
            }
        }
        for (int t = 0; t < terms; t++) effectiveNeighbours[t] = Median(neighbours.AsSpan(t * n, n));
    }

    /// <summary>The median of <paramref name="values"/>, which it sorts in place.</summary>
    private static double Median(Span<float> values)
    {
        values.Sort();
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    /// <summary>One row: weights from squared distances, then the weighted mean minus the point; returns the row's effective neighbour count.</summary>
    private static float MeanShiftRow(ReadOnlySpan<float> columns, int n, int d, int i, ReadOnlySpan<float> dist,
        float scale, Span<float> w, Span<float> vi, SelfPairMode mode)
    {
        TensorPrimitives.Multiply(dist, scale, w);   // log kernel: -|x_i - x_j|² / (2 s²)
        w[i] = float.NegativeInfinity;               // the self-pair enters only through the denominator below
        float max = TensorPrimitives.Max(w);
        TensorPrimitives.Subtract(w, max, w);
        TensorPrimitives.Exp(w, w);
        double mass = TensorPrimitives.Sum(w);       // Σ_{j≠i} k_ij, in units of e^max
        double self = Math.Exp(-(double)max);        // k_ii = 1 in the same units (may be +∞: isolated)
        double denominator = mode switch
        {
            SelfPairMode.Exclude => mass,
            SelfPairMode.Include => mass + self,
            _ => Math.Max(mass, self),
        };
        for (int k = 0; k < d; k++)
        {
            var ck = columns.Slice(k * n, n);
            double weighted = TensorPrimitives.Dot(w, ck);
            vi[k] = (float)((weighted - ck[i] * mass) / denominator);
        }
        return (float)(mass * mass / TensorPrimitives.SumOfSquares(w));
    }
}
