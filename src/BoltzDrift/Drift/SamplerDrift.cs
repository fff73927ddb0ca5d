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
    /// isolated, so |V-| ≤ s·√(2 ln(n-1)) there (s·e^(-1/2) with one neighbour) and no sample can run away. The default.
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
/// Distances are computed once and shared by all bandwidth terms.
/// </summary>
public sealed class SamplerDrift
{
    private const int RowsPerChunk = 16;
    private readonly Parallelism _parallelism;

    public SamplerDrift(SelfPairMode selfPair = SelfPairMode.Guarded, Parallelism? parallelism = null)
    {
        SelfPair = selfPair;
        _parallelism = parallelism ?? Parallelism.Serial;
    }

    public SelfPairMode SelfPair { get; }

    /// <summary>
    /// Writes V- for every point (row-major, n × d) and every bandwidth: term k goes to
    /// <c>drifts[k * n * d ..]</c>.
    /// </summary>
    public void Estimate(ReadOnlySpan<float> points, int dimension, ReadOnlySpan<double> bandwidths, Span<float> drifts)
    {
        int d = dimension, n = points.Length / d, terms = bandwidths.Length;
        if (n < 2) throw new ArgumentException("The sampler-side mean shift needs a batch of at least 2 points.");
        if (drifts.Length < terms * n * d) throw new ArgumentException($"Need room for {terms} × {n} × {d} drift values.");
        // Coordinates as columns, so each distance row is a few whole-span operations.
        var columns = ArrayPool<float>.Shared.Rent(n * d);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) columns[k * n + i] = points[i * d + k];
        var scales = new float[terms];
        for (int t = 0; t < terms; t++) scales[t] = (float)(-0.5 / (bandwidths[t] * bandwidths[t]));
        var mode = SelfPair;
        unsafe
        {
            fixed (float* pv = drifts)
            {
                nint iv = (nint)pv;
                _parallelism.For(n, RowsPerChunk, (i0, i1) =>
                {
                    var v = new Span<float>((void*)iv, terms * n * d);
                    var col = columns.AsSpan(0, n * d);
                    var dist = ArrayPool<float>.Shared.Rent(n);
                    var diff = ArrayPool<float>.Shared.Rent(n);
                    var w = ArrayPool<float>.Shared.Rent(n);
                    for (int i = i0; i < i1; i++)
                    {
                        var di = dist.AsSpan(0, n);
                        di.Clear();
                        for (int k = 0; k < d; k++)
                        {
                            TensorPrimitives.Subtract(col.Slice(k * n, n), col[k * n + i], diff.AsSpan(0, n));
                            TensorPrimitives.FusedMultiplyAdd(diff.AsSpan(0, n), diff.AsSpan(0, n), di, di);
                        }
                        for (int t = 0; t < terms; t++)
                            MeanShiftRow(col, n, d, i, di, scales[t], w.AsSpan(0, n), v.Slice((t * n + i) * d, d), mode);
                    }
                    ArrayPool<float>.Shared.Return(dist);
                    ArrayPool<float>.Shared.Return(diff);
                    ArrayPool<float>.Shared.Return(w);
                });
            }
        }
        ArrayPool<float>.Shared.Return(columns);
    }

    /// <summary>One row: weights from squared distances, then the weighted mean minus the point.</summary>
    private static void MeanShiftRow(ReadOnlySpan<float> columns, int n, int d, int i, ReadOnlySpan<float> dist,
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
    }
}
