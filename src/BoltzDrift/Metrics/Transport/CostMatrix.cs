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
}
