namespace BoltzDrift.Baselines;

/// <summary>
/// Effective sample size of MCMC draws: how many independent draws would estimate a mean as precisely.
/// Draws are given per chain, as [chain][draw][coordinate] (see <see cref="McmcResult.Chains"/>) or, for
/// one scalar, [chain][draw]; all chains must have the same number of draws (at least 4).
/// Two estimators: from autocorrelations (Geyer's initial monotone sequence over chains, as Stan's ESS
/// without rank normalisation), and from batch means. Both return NaN for constant draws.
/// </summary>
public static class Ess
{
    /// <summary>Autocorrelation ESS of each coordinate.</summary>
    public static double[] PerCoordinate(double[][][] chains) =>
        Coordinates(chains).Select(Autocorrelation).ToArray();

    /// <summary>The smallest autocorrelation ESS over coordinates: the figure to quote for a run.</summary>
    public static double Min(double[][][] chains) => PerCoordinate(chains).Min();

    /// <summary>Batch-means ESS of each coordinate.</summary>
    /// <param name="chains">Draws as [chain][draw][coordinate].</param>
    /// <param name="batchSize">Draws per batch; 0 for ⌊√draws⌋.</param>
    public static double[] BatchMeansPerCoordinate(double[][][] chains, int batchSize = 0) =>
        Coordinates(chains).Select(series => BatchMeans(series, batchSize)).ToArray();

    /// <summary>Autocorrelation ESS of a scalar statistic f(x) of the draws, e.g. an indicator or a product of coordinates.</summary>
    public static double OfStatistic(double[][][] chains, Func<double[], double> statistic)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(statistic);
        return Autocorrelation(chains.Select(chain => chain.Select(statistic).ToArray()).ToArray());
    }

    /// <summary>
    /// Autocorrelation ESS of a scalar series [chain][draw]: M n / τ with τ = -1 + 2 Σ_t ρ_t, the multi-chain
    /// autocorrelations ρ_t = 1 - (W - mean_m γ_m(t)) / var⁺ (W the mean within-chain variance, var⁺ adding the
    /// between-chain variance) summed in pairs while positive and made monotone (Geyer 1992; Stan).
    /// </summary>
    public static double Autocorrelation(double[][] series)
    {
        int chains = CheckSeries(series), n = series[0].Length;
        var autocovariances = series.Select(chain => Autocovariance.Compute(chain)).ToArray();
        double meanVariance = autocovariances.Average(acov => acov[0]) * n / (n - 1.0);
        double totalVariance = meanVariance * (n - 1.0) / n + (chains > 1 ? SampleVariance(series.Select(chain => chain.Average())) : 0);
        if (!(totalVariance > 0)) return double.NaN;
        double Rho(int t) => 1 - (meanVariance - autocovariances.Average(acov => acov[t])) / totalVariance;

        // Geyer's initial positive sequence: pairs ρ_t + ρ_{t+1} (t even) while the pair sum stays positive.
        var rho = new double[n];
        int last = 0;
        double even = 1, odd = Rho(1);
        rho[0] = even;
        rho[1] = odd;
        while (last < n - 5 && even + odd > 0)
        {
            last += 2;
            even = Rho(last);
            odd = Rho(last + 1);
            if (even + odd >= 0)
            {
                rho[last] = even;
                rho[last + 1] = odd;
            }
        }
        if (even > 0) rho[last] = even;

        // Geyer's initial monotone sequence: pair sums may not increase.
        for (int t = 2; t <= last - 2; t += 2)
        {
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1])
                rho[t] = rho[t + 1] = (rho[t - 2] + rho[t - 1]) / 2;
        }

        double draws = (double)chains * n;
        double tau = -1 + rho[last];
        for (int t = 0; t < last; t++) tau += 2 * rho[t];
        return draws / Math.Max(tau, 1 / Math.Log10(draws));
    }

    /// <summary>
    /// Batch-means ESS of a scalar series [chain][draw]: each chain is cut into ⌊n/b⌋ batches of b draws (a
    /// remainder is dropped), and ESS = N s² / (b s²_batch) with s² the variance of the N used draws and
    /// s²_batch that of the batch means about the grand mean, pooled over chains.
    /// </summary>
    /// <param name="series">Draws as [chain][draw].</param>
    /// <param name="batchSize">Draws per batch b; 0 for ⌊√n⌋.</param>
    public static double BatchMeans(double[][] series, int batchSize = 0)
    {
        int chains = CheckSeries(series), n = series[0].Length;
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        int b = batchSize == 0 ? (int)Math.Sqrt(n) : batchSize;
        int batchesPerChain = n / b, batches = chains * batchesPerChain;
        if (batches < 2)
            throw new ArgumentException($"Batches of {b} draws leave fewer than 2 batches in {chains} chain(s) of {n} draws.", nameof(batchSize));
        var used = series.Select(chain => chain.AsSpan(0, batchesPerChain * b).ToArray()).ToArray();
        double variance = SampleVariance(used.SelectMany(chain => chain));
        if (!(variance > 0)) return double.NaN;
        var batchMeans = used.SelectMany(chain => chain.Chunk(b).Select(batch => batch.Average()));
        double grandMean = used.SelectMany(chain => chain).Average();
        double batchVariance = batchMeans.Sum(m => (m - grandMean) * (m - grandMean)) / (batches - 1);
        return (double)batches * b * variance / (b * batchVariance);
    }

    private static int CheckSeries(double[][] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("No chains.", nameof(series));
        int n = series[0].Length;
        if (n < 4) throw new ArgumentException($"Need at least 4 draws per chain, got {n}.", nameof(series));
        if (series.Any(chain => chain.Length != n))
            throw new ArgumentException("All chains must have the same number of draws.", nameof(series));
        return series.Length;
    }

    /// <summary>Coordinate k of every draw, as a scalar series [chain][draw], for each k.</summary>
    private static IEnumerable<double[][]> Coordinates(double[][][] chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Length == 0 || chains[0].Length == 0) throw new ArgumentException("No draws.", nameof(chains));
        int d = chains[0][0].Length;
        return Enumerable.Range(0, d).Select(k => chains.Select(chain => chain.Select(point => point[k]).ToArray()).ToArray());
    }

    private static double SampleVariance(IEnumerable<double> values)
    {
        var array = values as double[] ?? values.ToArray();
        double mean = array.Average();
        return array.Sum(x => (x - mean) * (x - mean)) / (array.Length - 1);
    }
}
