namespace BoltzDrift.Sampling;

/// <summary>
/// A set of points in R^d, row-major in double precision: the currency of sampling, I/O and metrics.
/// </summary>
public sealed class SampleSet
{
    /// <summary>Wraps <paramref name="values"/> (length a multiple of <paramref name="dimension"/>) without copying.</summary>
    public SampleSet(double[] values, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (values.Length % dimension != 0)
            throw new ArgumentException($"{values.Length} values are not a whole number of points of dimension {dimension}.");
        Values = values;
        Dimension = dimension;
    }

    /// <summary>The coordinates, point after point.</summary>
    public double[] Values { get; }

    /// <summary>Dimension d of each point.</summary>
    public int Dimension { get; }

    /// <summary>Number of points.</summary>
    public int Count => Values.Length / Dimension;

    /// <summary>Point <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> this[int i] => Values.AsSpan(i * Dimension, Dimension);

    /// <summary>The first <paramref name="count"/> points (a copy).</summary>
    public SampleSet Take(int count) => Rows(0, count);

    /// <summary>Up to <paramref name="count"/> points from point <paramref name="start"/> on (a copy).</summary>
    public SampleSet Rows(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Count);
        return new(Values.AsSpan(start * Dimension, Math.Min(count, Count - start) * Dimension).ToArray(), Dimension);
    }

    /// <summary>Converts float32 points (for example a generator's output) to a sample set.</summary>
    public static SampleSet FromSingle(ReadOnlySpan<float> values, int dimension)
    {
        var v = new double[values.Length];
        for (int i = 0; i < v.Length; i++) v[i] = values[i];
        return new SampleSet(v, dimension);
    }
}
