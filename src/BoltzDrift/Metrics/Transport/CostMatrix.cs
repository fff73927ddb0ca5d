using System.Numerics.Tensors;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics.Transport;

/// <summary>Dense squared-Euclidean cost matrices between two sample sets, the ground cost of W2 and Sinkhorn.</summary>
internal static class CostMatrix
{
    /// <summary>Rows per parallel chunk: fixed, so the result never depends on the thread count.</summary>
    private const int Chunk = 64;

    /// <summary>
    /// The |a|×|b| row-major matrix C[i, j] = |a_i - b_j|^2, each entry summed from coordinate differences
    /// (no |a|^2 + |b|^2 - 2 a·b cancellation), so identical points cost exactly 0.
    /// </summary>
    public static double[] SquaredEuclidean(SampleSet a, SampleSet b, Parallelism parallelism)
    {
        int n = a.Count, m = b.Count, d = a.Dimension;
        var columns = ColumnMajor.Transpose(b);
        var cost = new double[(long)n * m];
        parallelism.For(n, Chunk, (start, end) =>
        {
            var difference = new double[m];
            for (int i = start; i < end; i++)
            {
                var row = cost.AsSpan(i * m, m);
                var point = a[i];
                for (int k = 0; k < d; k++)
                {
                    TensorPrimitives.Subtract(columns.AsSpan(k * m, m), point[k], difference);
                    TensorPrimitives.MultiplyAdd(difference, difference, row, row);
                }
            }
        });
        return cost;
    }

    /// <summary>
    /// The mean of |a_i - b_j|² over all pairs, in closed form: mean |a|² + mean |b|² - 2 mean(a)·mean(b), each
    /// part summed about the sets' means so nothing large cancels. O((|a| + |b|) d).
    /// </summary>
    public static double MeanSquaredEuclidean(SampleSet a, SampleSet b)
    {
        int d = a.Dimension;
        var meanA = Mean(a);
        var meanB = Mean(b);
        double gap = 0;
        for (int k = 0; k < d; k++) gap += (meanA[k] - meanB[k]) * (meanA[k] - meanB[k]);
        return Spread(a, meanA) + Spread(b, meanB) + gap;
    }

    private static double[] Mean(SampleSet samples)
    {
        var mean = new double[samples.Dimension];
        for (int i = 0; i < samples.Count; i++)
            TensorPrimitives.Add(mean, samples[i], mean);
        TensorPrimitives.Divide(mean, samples.Count, mean);
        return mean;
    }

    /// <summary>Mean squared distance of the points from <paramref name="mean"/>.</summary>
    private static double Spread(SampleSet samples, double[] mean)
    {
        double total = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var point = samples[i];
            for (int k = 0; k < mean.Length; k++) total += (point[k] - mean[k]) * (point[k] - mean[k]);
        }
        return total / samples.Count;
    }
}
