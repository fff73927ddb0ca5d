using BoltzDrift.Baselines;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Baselines;

public class EssTests
{
    /// <summary>Stationary AR(1) chains x_t = ρ x_{t-1} + √(1 - ρ²) ε_t; ρ = 0 gives i.i.d. N(0, 1) draws.</summary>
    private static double[][] Ar1(int chains, int draws, double rho, ulong seed)
    {
        var series = new double[chains][];
        for (int c = 0; c < chains; c++)
        {
            var rng = new Rng(seed, (ulong)c);
            var x = series[c] = new double[draws];
            x[0] = rng.NextGaussian();
            for (int t = 1; t < draws; t++) x[t] = rho * x[t - 1] + Math.Sqrt(1 - rho * rho) * rng.NextGaussian();
        }
        return series;
    }

    [Fact]
    public void Iid_draws_have_ess_close_to_their_number()
    {
        var series = Ar1(4, 5000, 0, seed: 1);
        Assert.InRange(Ess.Autocorrelation(series), 0.9 * 20_000, 1.1 * 20_000);
        Assert.InRange(Ess.BatchMeans(series), 0.75 * 20_000, 1.25 * 20_000);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Ar1_chains_have_ess_n_times_one_minus_rho_over_one_plus_rho(double rho)
    {
        var series = Ar1(4, 25_000, rho, seed: 2);
        double expected = 100_000 * (1 - rho) / (1 + rho);
        Assert.InRange(Ess.Autocorrelation(series), 0.85 * expected, 1.15 * expected);
        Assert.InRange(Ess.BatchMeans(series), 0.7 * expected, 1.3 * expected);
    }

    [Fact]
    public void Per_coordinate_ess_treats_coordinates_separately_and_min_takes_the_worst()
    {
        var iid = Ar1(3, 4000, 0, seed: 3);
        var correlated = Ar1(3, 4000, 0.8, seed: 4);
        var chains = Enumerable.Range(0, 3)
            .Select(c => Enumerable.Range(0, 4000).Select(t => new[] { iid[c][t], correlated[c][t] }).ToArray())
            .ToArray();

        var ess = Ess.PerCoordinate(chains);
        Assert.Equal(Ess.Autocorrelation(iid), ess[0]);
        Assert.Equal(Ess.Autocorrelation(correlated), ess[1]);
        Assert.Equal(ess[1], Ess.Min(chains));
        Assert.Equal([Ess.BatchMeans(iid, 50), Ess.BatchMeans(correlated, 50)], Ess.BatchMeansPerCoordinate(chains, 50));
        Assert.Equal(ess[1], Ess.OfStatistic(chains, x => x[1]));
    }

    [Fact]
    public void Chains_that_disagree_lower_the_ess()
    {
        var series = Ar1(4, 2000, 0, seed: 5);
        for (int t = 0; t < 2000; t++) series[0][t] += 3;
        Assert.True(Ess.Autocorrelation(series) < 0.1 * 8000);
        Assert.True(Ess.BatchMeans(series) < 0.1 * 8000);
    }

    [Fact]
    public void Constant_draws_have_no_ess_and_bad_shapes_are_rejected()
    {
        double[][] constant = [[1, 1, 1, 1, 1, 1]];
        Assert.True(double.IsNaN(Ess.Autocorrelation(constant)));
        Assert.True(double.IsNaN(Ess.BatchMeans(constant)));
        Assert.Throws<ArgumentException>(() => Ess.Autocorrelation([[1, 2, 3]]));
        Assert.Throws<ArgumentException>(() => Ess.Autocorrelation([[1, 2, 3, 4], [1, 2, 3, 4, 5]]));
        Assert.Throws<ArgumentException>(() => Ess.BatchMeans([[1, 2, 3, 4, 5]], batchSize: 3));
    }

    [Fact]
    public void Fft_autocovariance_matches_the_direct_sum()
    {
        var rng = new Rng(6);
        var x = new double[37];
        rng.FillGaussian(x);
        double mean = x.Average();
        var fast = Autocovariance.Compute(x);
        for (int t = 0; t < x.Length; t++)
        {
            double direct = 0;
            for (int i = 0; i + t < x.Length; i++) direct += (x[i] - mean) * (x[i + t] - mean);
            Assert.Equal(direct / x.Length, fast[t], 12);
        }
    }
}
