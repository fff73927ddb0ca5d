using BoltzDrift.Metrics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics;

public class MmdTests
{
    private static readonly IsotropicGaussian StandardNormal2D = new([0, 0], 1);

    [Theory]
    [InlineData(2, 2, 1, 1.0)]
    [InlineData(37, 23, 3, 0.7)]
    [InlineData(64, 65, 2, 1.0)]
    [InlineData(19, 30, 5, 2.5)]
    public void Matches_brute_force_u_statistic(int m, int n, int d, double bandwidth)
    {
        var gaussian = new IsotropicGaussian(new double[d], 1);
        var x = gaussian.Sample(m, seed: 1);
        var y = new IsotropicGaussian(Enumerable.Repeat(0.3, d).ToArray(), 1.2).Sample(n, seed: 2);
        Assert.Equal(BruteForce(x, y, bandwidth), Mmd.SquaredRbfUnbiased(x, y, bandwidth), 1e-12);
    }

    [Fact]
    public void Is_symmetric_and_reproducible()
    {
        var x = StandardNormal2D.Sample(300, seed: 1);
        var y = new IsotropicGaussian([0.5, 0], 1).Sample(200, seed: 2);
        double value = Mmd.SquaredRbfUnbiased(x, y);
        Assert.Equal(value, Mmd.SquaredRbfUnbiased(x, y));
        Assert.Equal(value, Mmd.SquaredRbfUnbiased(y, x), 1e-14);
    }

    [Fact]
    public void Is_near_zero_and_unbiased_for_the_same_distribution()
    {
        const int replicates = 30, size = 400;
        var values = Enumerable.Range(0, replicates)
            .Select(r => Mmd.SquaredRbfUnbiased(StandardNormal2D.Sample(size, seed: (ulong)(2 * r + 10)), StandardNormal2D.Sample(size, seed: (ulong)(2 * r + 11))))
            .ToArray();
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (replicates - 1));
        // The V-statistic would be biased upwards by 2 (1 - 1/3) / 400 ≈ 3.3e-3, many standard errors here.
        Assert.True(Math.Abs(mean) < 4 * std / Math.Sqrt(replicates), $"mean {mean}, std {std}");
        Assert.True(Math.Abs(values[0]) < 4 * std, $"value {values[0]}, std {std}");
    }

    [Fact]
    public void Is_clearly_positive_for_shifted_distributions()
    {
        // For N(0, I) against N((1, 0), I) in 2-D with h = 1, E k = 1/3 within each distribution and
        // (1/3) exp(-1/6) across, so MMD^2 = (2/3)(1 - exp(-1/6)) ≈ 0.1023.
        var x = StandardNormal2D.Sample(1000, seed: 5);
        var y = new IsotropicGaussian([1, 0], 1).Sample(1000, seed: 6);
        Assert.Equal(2.0 / 3 * (1 - Math.Exp(-1.0 / 6)), Mmd.SquaredRbfUnbiased(x, y), 0.015);
    }

    [Fact]
    public void Median_heuristic_is_median_pooled_distance()
    {
        // Pooled 1-D points 0, 1, 3: distances 1, 3, 2.
        Assert.Equal(2, Mmd.MedianHeuristicBandwidth(new SampleSet([0, 1], 1), new SampleSet([3], 1)));
        // Subsampling is deterministic.
        var x = StandardNormal2D.Sample(2000, seed: 7);
        Assert.Equal(Mmd.MedianHeuristicBandwidth(x, x, 100), Mmd.MedianHeuristicBandwidth(x, x, 100));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        var x = new SampleSet([0, 1, 2, 3], 2);
        Assert.Throws<ArgumentException>(() => Mmd.SquaredRbfUnbiased(x, new SampleSet([0, 1, 2], 1)));
        Assert.Throws<ArgumentException>(() => Mmd.SquaredRbfUnbiased(x, new SampleSet([0, 1], 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mmd.SquaredRbfUnbiased(x, x, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mmd.SquaredRbfUnbiased(x, x, double.NaN));
    }

    private static double BruteForce(SampleSet x, SampleSet y, double h)
    {
        double K(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
        {
            double s = 0;
            for (int k = 0; k < u.Length; k++) s += (u[k] - v[k]) * (u[k] - v[k]);
            return Math.Exp(-s / (2 * h * h));
        }
        int m = x.Count, n = y.Count;
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) if (i != j) xx += K(x[i], x[j]);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) yy += K(y[i], y[j]);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) xy += K(x[i], y[j]);
        return xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / ((double)m * n);
    }
}
