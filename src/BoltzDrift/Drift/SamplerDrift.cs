using System.Buffers;
using System.Numerics.Tensors;
using BoltzDrift.Engine;
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
/// <see cref="Measure"/> finds the batch's nearest-neighbour distances (from which <see cref="DriftField"/> floors the
/// bandwidths); <see cref="Estimate(ReadOnlySpan{double}, Span{float}, Span{double})"/> then evaluates every bandwidth
/// term, with each term's effective neighbour count. A point's squared distances are computed into a row that stays in
/// cache while it is used (once by Measure, once for all terms by Estimate): no n × n matrix goes through memory.
/// </summary>
public sealed class SamplerDrift : ISamplerDrift
{
    private const int RowsPerChunk = 16;
    private readonly Parallelism _parallelism;
    private float[] _columns = [], _nearest = [], _nearestSquared = [];
    private int _n, _total, _d, _stride;

    public SamplerDrift(SelfPairMode selfPair = SelfPairMode.Guarded, Parallelism? parallelism = null)
    {
        SelfPair = selfPair;
        _parallelism = parallelism ?? Parallelism.Serial;
    }

    public SelfPairMode SelfPair { get; }

    /// <summary>
    /// Takes the batch (row-major, n × d) and the <paramref name="extra"/> samples of q (m × d), kept for
    /// <see cref="Estimate(ReadOnlySpan{double}, Span{float}, Span{double})"/>, and returns the median over the batch of each
    /// point's distance to its nearest neighbour among both.
    /// </summary>
    public double Measure(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<float> extra = default)
    {
        int d = dimension, n = points.Length / d, total = n + extra.Length / d;
        if (n < 1 || total < 2) throw new ArgumentException("The sampler-side mean shift needs a batch of at least 2 points.");
        // Rows padded to whole registers: the padding's distance is +∞ (weight 0), like the self-pair's, so the
        // kernels need no remainder loops and no special case for the diagonal.
        int stride = (total + DriftKernels.RowAlignment - 1) / DriftKernels.RowAlignment * DriftKernels.RowAlignment;
        _n = n;
        _total = total;
        _d = d;
        _stride = stride;
        if (_columns.Length < stride * d) _columns = new float[stride * d];
        if (_nearest.Length < n) _nearest = new float[n];
        if (_nearestSquared.Length < n) _nearestSquared = new float[n];
        // Coordinates as columns, so each distance row is whole-register operations: the batch first, then the extra samples.
        for (int i = 0; i < total; i++)
        {
            var point = i < n ? points.Slice(i * d, d) : extra.Slice((i - n) * d, d);
            for (int k = 0; k < d; k++) _columns[k * stride + i] = point[k];
        }
        var nearest = _nearest;
        var nearestSquared = _nearestSquared;
        ForRows((i, distances) =>
        {
            nearestSquared[i] = TensorPrimitives.Min(distances);
            nearest[i] = MathF.Sqrt(nearestSquared[i]);
        });
        return Selection.Median(_nearest.AsSpan(0, n));
    }

    /// <summary>The body of <see cref="ForRows"/>: point i and its row of squared distances.</summary>
    private delegate void RowBody(int i, ReadOnlySpan<float> distances);

    /// <summary>
    /// Calls <paramref name="body"/> for every point of the measured batch with its squared distances to all points,
    /// extra samples included (+∞ to itself and for the padding), computed into a per-chunk row that is reused from
    /// point to point.
    /// </summary>
    private void ForRows(RowBody body)
    {
        int n = _n, total = _total, d = _d, stride = _stride;
        var columns = _columns;
        _parallelism.For(n, RowsPerChunk, (i0, i1) =>
        {
            var row = ArrayPool<float>.Shared.Rent(stride);
            Span<float> point = d <= 256 ? stackalloc float[d] : new float[d];
            var di = row.AsSpan(0, stride);
            for (int i = i0; i < i1; i++)
            {
                for (int k = 0; k < d; k++) point[k] = columns[k * stride + i];
                DriftKernels.SquaredDistances(point, columns.AsSpan(0, stride * d), stride, di);
                di[i] = float.PositiveInfinity;
                di[total..].Fill(float.PositiveInfinity);
                body(i, di);
            }
            ArrayPool<float>.Shared.Return(row);
        });
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
        int d = _d, n = _n, stride = _stride, terms = bandwidths.Length;
        if (n == 0) throw new InvalidOperationException("Measure a batch before estimating its drift.");
        if (drifts.Length < terms * n * d) throw new ArgumentException($"Need room for {terms} × {n} × {d} drift values.");
        var scales = new float[terms];
        for (int t = 0; t < terms; t++) scales[t] = (float)(-0.5 / (bandwidths[t] * bandwidths[t]));
        var neighbours = new float[terms * n];
        var mode = SelfPair;
        var columns = _columns;
        var nearestSquared = _nearestSquared;
        unsafe
        {
            fixed (float* pv = drifts)
            {
                nint iv = (nint)pv;
                ForRows((i, distances) =>
                {
                    var v = new Span<float>((void*)iv, terms * n * d);
                    for (int t = 0; t < terms; t++)
                        neighbours[t * n + i] = MeanShiftRow(columns.AsSpan(0, stride * d), stride, i, distances,
                            nearestSquared[i], scales[t], v.Slice((t * n + i) * d, d), mode);
                });
            }
        }
        for (int t = 0; t < terms; t++) effectiveNeighbours[t] = Selection.Median(neighbours.AsSpan(t * n, n));
    }

    /// <summary>
    /// One row: the weighted mean of the other points minus the point, with weights exp(-|x_i - x_j|² / (2 s²) - max)
    /// (log domain: max, the log kernel of the nearest neighbour, follows from the nearest distance); returns the
    /// row's effective neighbour count. The self-pair and the padding have distance +∞ in the row (weight 0) and
    /// enter only through the denominator.
    /// </summary>
    private static float MeanShiftRow(ReadOnlySpan<float> columns, int stride, int i, ReadOnlySpan<float> dist,
        float nearestSquared, float scale, Span<float> vi, SelfPairMode mode)
    {
        float max = scale * nearestSquared;
        double mass = DriftKernels.GaussianKernelSums(dist, scale, -max, columns, stride, vi, out float squares); // Σ_{j≠i} k_ij, in units of e^max
        double self = Math.Exp(-(double)max);        // k_ii = 1 in the same units (may be +∞: isolated)
        double denominator = mode switch
        {
            SelfPairMode.Exclude => mass,
            SelfPairMode.Include => mass + self,
            _ => Math.Max(mass, self),
        };
        for (int k = 0; k < vi.Length; k++)
            vi[k] = (float)((vi[k] - columns[k * stride + i] * mass) / denominator);
        return (float)(mass * mass / squares);
    }
}
