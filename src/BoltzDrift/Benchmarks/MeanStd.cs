namespace BoltzDrift.Benchmarks;

/// <summary>The mean and sample standard deviation (divisor n - 1) of one figure over seeds.</summary>
/// <param name="Mean">Mean over the values; +∞ if any value is +∞.</param>
/// <param name="Std">Sample standard deviation; 0 for a single value, NaN when a value is infinite.</param>
/// <param name="Count">Number of values.</param>
public readonly record struct MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Summarises <paramref name="values"/> (at least one).</summary>
    public static MeanStd Of(IEnumerable<double> values)
    {
        var array = values.ToArray();
        if (array.Length == 0) throw new ArgumentException("Nothing to summarise.", nameof(values));
        double mean = array.Average();
        if (array.Length == 1 || double.IsInfinity(mean) || double.IsNaN(mean))
            return new(mean, array.Length == 1 && double.IsFinite(mean) ? 0 : double.NaN, array.Length);
        double squares = array.Sum(x => (x - mean) * (x - mean));
        return new(mean, Math.Sqrt(squares / (array.Length - 1)), array.Length);
    }

    /// <summary>Summarises the values that exist, or null when none does.</summary>
    public static MeanStd? OfAvailable(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : Of(present);
    }
}
