using BoltzDrift.Baselines;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Baselines;

public class BlockMeansEssTests
{
    /// <summary>AR(1) chains with coefficient ρ around a per-chain centre, as [chain][draw].</summary>
    private static double[][] Ar1(int chains, int draws, double rho, ulong seed, Func<int, double>? centre = null)
    {
        var series = new double[chains][];
        for (int c = 0; c < chains; c++)
        {
            var rng = new Rng(seed, (ulong)c);
            var x = series[c] = new double[draws];
            double m = centre?.Invoke(c) ?? 0, value = rng.NextGaussian();
            for (int t = 0; t < draws; t++)
            {
                value = rho * value + Math.Sqrt(1 - rho * rho) * rng.NextGaussian();
                x[t] = m + value;
            }
        }
        return series;
    }

    private static BlockMeansEss Accumulate(double[][] series, int blocksPerChain)
    {
        var ess = new BlockMeansEss(series.Length, 1, series[0].Length, blocksPerChain);
        for (int t = 0; t < series[0].Length; t++)
            for (int c = 0; c < series.Length; c++)
                ess.Add(c, [series[c][t]]);
        return ess;
    }

    [Fact]
    public void With_blocks_of_one_draw_it_is_the_autocorrelation_ess()
    {
        var series = Ar1(4, 400, 0.7, seed: 1);
        var ess = Accumulate(series, blocksPerChain: 400);
        Assert.Equal(1, ess.BlockSize);
        Assert.Equal(Ess.Autocorrelation(series), ess.Min(), 6);
    }

    [Fact]
    public void Long_correlated_chains_in_blocks_keep_the_ess_of_every_draw()
    {
        const double rho = 0.9;
        var series = Ar1(8, 50_000, rho, seed: 2);
        double expected = 8 * 50_000 * (1 - rho) / (1 + rho);   // 21,053
        var ess = Accumulate(series, blocksPerChain: 500);
        Assert.Equal(100, ess.BlockSize);
        Assert.InRange(ess.Min(), 0.8 * expected, 1.2 * expected);
    }

    [Fact]
    public void Chains_stuck_in_different_modes_count_as_few_samples()
    {
        // Independent draws, but each chain sits in its own mode at ±3: the mean rests on the 16 chains' modes.
        var series = Ar1(16, 20_000, 0, seed: 3, centre: c => c % 2 == 0 ? 3 : -3);
        var ess = Accumulate(series, blocksPerChain: 200);
        Assert.InRange(ess.Min(), 1, 100);
        Assert.True(Ess.BatchMeans(series) > 1000);   // plain batch means counts the ~2,300 batches as nearly independent
    }

    [Fact]
    public void The_ess_is_refused_before_every_chain_has_contributed_its_blocks()
    {
        var ess = new BlockMeansEss(2, 1, 8, blocksPerChain: 4);
        for (int t = 0; t < 8; t++) ess.Add(0, [t * 1.0]);
        Assert.Throws<InvalidOperationException>(() => ess.Min());
    }
}
