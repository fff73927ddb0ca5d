using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>
/// Maximum mean discrepancy with a Gaussian (RBF) kernel k(u, v) = exp(-|u - v|^2 / (2 h^2)):
/// zero exactly when two distributions agree, and sensitive to every moment, which is why docs/metrics.md
/// uses it alongside the mean and covariance errors.
/// </summary>
public static class Mmd
{
    /// <summary>
    /// The unbiased U-statistic estimate of MMD^2 between the distributions of <paramref name="x"/> and
    /// <paramref name="y"/>: the within-set kernel averages exclude i = j, so the expectation is exactly 0
    /// when both sets come from one distribution, and single estimates may be slightly negative.
    /// Rows are processed in parallel and their sums added in order, so the result does not depend on
    /// thread scheduling.
    /// </summary>
    public static double SquaredRbfUnbiased(SampleSet x, SampleSet y, double bandwidth = 1)
    {
        SampleChecks.RequireDimension(y, x.Dimension, "the first sample set", nameof(y));
        SampleChecks.RequireCount(x, 2, nameof(x));
        SampleChecks.RequireCount(y, 2, nameof(y));
        if (!(bandwidth > 0) || !double.IsFinite(bandwidth))
            throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "The bandwidth must be positive and finite.");

        double gamma = -1 / (2 * bandwidth * bandwidth);
        var yColumns = ColumnMajor.Transpose(y);
        double m = x.Count, n = y.Count;
        double xx = KernelSum(x, ColumnMajor.Transpose(x), x.Count, pairsAboveDiagonal: true, gamma);
        double yy = KernelSum(y, yColumns, y.Count, pairsAboveDiagonal: true, gamma);
        double xy = KernelSum(x, yColumns, y.Count, pairsAboveDiagonal: false, gamma);
        return 2 * xx / (m * (m - 1)) + 2 * yy / (n * (n - 1)) - 2 * xy / (m * n);
    }

    /// <summary>
    /// The median heuristic bandwidth: the median Euclidean distance between distinct points of the pooled
    /// sets, on a deterministic evenly spaced subsample of at most <paramref name="maxPointsPerSet"/> points
    /// from each set (so it costs O(maxPointsPerSet^2) however large the sets are). It puts the kernel at the
    /// scale of the data, where h = 1 may be too wide or too narrow.
    /// </summary>
    public static double MedianHeuristicBandwidth(SampleSet x, SampleSet y, int maxPointsPerSet = 500)
    {
        SampleChecks.RequireDimension(y, x.Dimension, "the first sample set", nameof(y));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPointsPerSet, 1);
        var points = EvenSubsample(x, maxPointsPerSet).Concat(EvenSubsample(y, maxPointsPerSet)).ToArray();
        if (points.Length < 2)
            throw new ArgumentException("The median heuristic needs at least two points in the pooled sets.");

        var distances = new double[points.Length * (points.Length - 1) / 2];
        int p = 0;
        for (int i = 0; i < points.Length; i++)
            for (int j = i + 1; j < points.Length; j++)
                distances[p++] = TensorPrimitives.Distance(points[i], points[j]);
        Array.Sort(distances);
        int half = distances.Length / 2;
        double median = distances.Length % 2 == 1 ? distances[half] : 0.5 * (distances[half - 1] + distances[half]);
        if (!(median > 0))
            throw new ArgumentException("The median pairwise distance is zero: most sampled points coincide.");
        return median;
    }

    private static IEnumerable<double[]> EvenSubsample(SampleSet samples, int maxPoints)
    {
        int count = Math.Min(samples.Count, maxPoints);
        for (int i = 0; i < count; i++)
            yield return samples[(int)((long)i * samples.Count / count)].ToArray();
    }

    /// <summary>
    /// Sum of k(rows_i, column point j) over all pairs, or over j &gt; i only when
    /// <paramref name="pairsAboveDiagonal"/> (rows and columns then hold the same set).
    /// </summary>
    private static double KernelSum(SampleSet rows, double[] columns, int columnCount, bool pairsAboveDiagonal, double gamma)
    {
        var rowSums = new double[rows.Count];
        Parallel.For(0, rows.Count, i =>
            rowSums[i] = RowKernelSum(rows[i], columns, columnCount, pairsAboveDiagonal ? i + 1 : 0, gamma));
        double total = 0;
        foreach (double s in rowSums) total += s;
        return total;
    }

    /// <summary>
    /// Sum over column points j in [start, n) of exp(gamma |point - column point j|^2), in one fused
    /// Vector&lt;double&gt; pass. Compiled fully optimised from the first call, as the first evaluation of a
    /// run would otherwise spend most of its time in unoptimised code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RowKernelSum(ReadOnlySpan<double> point, double[] columns, int n, int start, double gamma)
    {
        int d = point.Length, width = Vector<double>.Count, j = start;
        var sums = Vector<double>.Zero;
        for (; j <= n - width; j += width)
        {
            var squared = Vector<double>.Zero;
            for (int k = 0; k < d; k++)
            {
                var difference = new Vector<double>(columns, k * n + j) - new Vector<double>(point[k]);
                squared += difference * difference;
            }
            sums += Vector.Exp(squared * gamma);
        }
        double total = Vector.Sum(sums);
        for (; j < n; j++)
        {
            double squared = 0;
            for (int k = 0; k < d; k++)
            {
                double difference = columns[k * n + j] - point[k];
                squared += difference * difference;
            }
            total += Math.Exp(squared * gamma);
        }
        return total;
    }
}
