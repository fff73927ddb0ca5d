using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics;

/// <summary>
/// Column-major copies of sample sets: with each coordinate contiguous, per-coordinate reductions and
/// one-point-against-many distance sweeps become long span operations that TensorPrimitives vectorises.
/// </summary>
internal static class ColumnMajor
{
    /// <summary>Returns the d columns of <paramref name="samples"/>, column k at <c>[k * n, (k + 1) * n)</c>.</summary>
    public static double[] Transpose(SampleSet samples)
    {
        int n = samples.Count, d = samples.Dimension;
        var columns = new double[n * d];
        var values = samples.Values;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
                columns[k * n + i] = values[i * d + k];
        return columns;
    }
}
