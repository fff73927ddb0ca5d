using System.Numerics.Tensors;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>
/// Sample mean and covariance, and the paper's moment metrics: how far they are from a target's exact
/// mean (Euclidean norm) and covariance (Frobenius norm). See docs/metrics.md.
/// </summary>
public static class Moments
{
    /// <summary>The sample mean, a vector of length d.</summary>
    public static double[] Mean(SampleSet samples)
    {
        SampleChecks.RequireCount(samples, 1, nameof(samples));
        return Mean(ColumnMajor.Transpose(samples), samples.Count, samples.Dimension);
    }

    /// <summary>
    /// The unbiased sample covariance (divisor n - 1), d×d row-major. Computed from centred columns
    /// (two passes) so that a large mean does not cancel away the digits of a small variance.
    /// </summary>
    public static double[] Covariance(SampleSet samples)
    {
        SampleChecks.RequireCount(samples, 2, nameof(samples));
        int n = samples.Count, d = samples.Dimension;
        var columns = ColumnMajor.Transpose(samples);
        var mean = Mean(columns, n, d);
        for (int k = 0; k < d; k++)
        {
            var column = columns.AsSpan(k * n, n);
            TensorPrimitives.Subtract(column, mean[k], column);
        }
        var covariance = new double[d * d];
        for (int a = 0; a < d; a++)
        {
            for (int b = a; b < d; b++)
            {
                double c = TensorPrimitives.Dot(columns.AsSpan(a * n, n), columns.AsSpan(b * n, n)) / (n - 1);
                covariance[a * d + b] = c;
                covariance[b * d + a] = c;
            }
        }
        return covariance;
    }

    /// <summary>Mean error |mean(X) - mu|_2 against the exact mean <paramref name="exactMean"/> (length d).</summary>
    public static double MeanError(SampleSet samples, ReadOnlySpan<double> exactMean)
    {
        SampleChecks.RequireDimension(samples, exactMean.Length, "the exact mean", nameof(samples));
        return TensorPrimitives.Distance(Mean(samples), exactMean);
    }

    /// <summary>Covariance error |Cov(X) - Sigma|_F against the exact covariance (d×d row-major).</summary>
    public static double CovarianceError(SampleSet samples, ReadOnlySpan<double> exactCovariance)
    {
        int d = samples.Dimension;
        if (exactCovariance.Length != d * d)
            throw new ArgumentException(
                $"Samples have dimension {d} but the exact covariance has {exactCovariance.Length} entries, not {d}×{d}.",
                nameof(exactCovariance));
        return TensorPrimitives.Distance(Covariance(samples), exactCovariance);
    }

    private static double[] Mean(double[] columns, int n, int d)
    {
        var mean = new double[d];
        for (int k = 0; k < d; k++) mean[k] = TensorPrimitives.Sum(columns.AsSpan(k * n, n)) / n;
        return mean;
    }
}
