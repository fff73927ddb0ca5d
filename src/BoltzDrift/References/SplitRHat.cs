namespace BoltzDrift.References;

/// <summary>
/// The split potential scale reduction factor R̂ (Gelman et al., BDA3 §11.4) of a scalar series [chain][draw]:
/// each chain is cut in half, and R̂ = √(var⁺ / W) compares the pooled variance estimate
/// var⁺ = (n-1)/n W + B/n with the mean within-half variance W. Halves that disagree, because chains have not
/// forgotten their starts or sit in different modes, push R̂ above 1; 1.01 is the usual threshold.
/// </summary>
public static class SplitRHat
{
    /// <summary>Split-R̂ of <paramref name="series"/>; NaN if every half is constant.</summary>
    /// <exception cref="ArgumentException">Fewer than 4 draws per chain, or chains of different lengths.</exception>
    public static double Compute(double[][] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("No chains.", nameof(series));
        int n = series[0].Length / 2;
        if (n < 2) throw new ArgumentException($"Need at least 4 draws per chain, got {series[0].Length}.", nameof(series));
        if (series.Any(chain => chain.Length != series[0].Length))
            throw new ArgumentException("All chains must have the same number of draws.", nameof(series));

        // With an odd length the middle draw is dropped so that both halves have n draws.
        var halves = series.SelectMany(chain => new[] { chain.AsSpan(0, n).ToArray(), chain.AsSpan(chain.Length - n, n).ToArray() }).ToArray();
        var means = halves.Select(half => half.Average()).ToArray();
        double within = halves.Select((half, h) => half.Sum(x => (x - means[h]) * (x - means[h])) / (n - 1)).Average();
        double grand = means.Average();
        double betweenOverN = means.Sum(m => (m - grand) * (m - grand)) / (means.Length - 1);
        double pooled = (n - 1.0) / n * within + betweenOverN;
        return Math.Sqrt(pooled / within);
    }
}
