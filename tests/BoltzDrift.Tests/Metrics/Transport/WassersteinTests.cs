using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using static BoltzDrift.Tests.Metrics.Transport.TransportTestData;

namespace BoltzDrift.Tests.Metrics.Transport;

public class WassersteinTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Shifted_copy_is_at_the_length_of_the_shift(int d)
    {
        // Translating every point by c costs exactly |c|^2 per point and no matching does better
        // (the mean squared cost of any matching is |c|^2 + its cost between a and its own permutation).
        var a = Gaussian(300, d, seed: 1);
        var c = Enumerable.Range(0, d).Select(k => 0.3 + 0.2 * k).ToArray();
        double length = Math.Sqrt(c.Sum(x => x * x));
        Assert.Equal(length, Wasserstein.W2(a, Shuffled(Shifted(a, c), seed: 2)), 1e-9);
        Assert.Equal(0, Wasserstein.W2(a, Shuffled(a, seed: 3)), 1e-12);
    }

    [Fact]
    public void Matches_brute_force_on_small_sets()
    {
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 2 + trial % 6;
            var a = Gaussian(n, 2 + trial % 2, seed: (ulong)(10 + trial));
            var b = Gaussian(n, 2 + trial % 2, seed: (ulong)(100 + trial), shift: [0.5, -0.2, 0.1]);
            Assert.Equal(Math.Sqrt(BruteForceSquaredW2(a, b)), Wasserstein.W2(a, b, Parallelism.Serial), 1e-10);
        }
    }

    [Fact]
    public void One_dimensional_sets_match_the_sorted_matching()
    {
        var a = Gaussian(500, 1, seed: 4);
        var b = Gaussian(500, 1, seed: 5, shift: [0.7]);
        var sortedA = a.Values.Order().ToArray();
        var sortedB = b.Values.Order().ToArray();
        double expected = Math.Sqrt(sortedA.Zip(sortedB, (x, y) => (x - y) * (x - y)).Average());
        Assert.Equal(expected, Wasserstein.W2(a, b), 1e-10);       // exact assignment in 1-D
        Assert.Equal(expected, Wasserstein.W2(a.Values, b.Values), 1e-12);
    }

    [Fact]
    public void One_dimensional_unequal_sizes_equal_the_replicated_sorted_matching()
    {
        // Replicating each of |a| points |b| times and each of |b| points |a| times gives two equal-size
        // sets with the same empirical distributions.
        double[] a = [3, -1, 0.5];
        double[] b = [2, 0, -4, 1, 1.5];
        var ra = a.SelectMany(x => Enumerable.Repeat(x, b.Length)).Order().ToArray();
        var rb = b.SelectMany(x => Enumerable.Repeat(x, a.Length)).Order().ToArray();
        double expected = Math.Sqrt(ra.Zip(rb, (x, y) => (x - y) * (x - y)).Average());
        Assert.Equal(expected, Wasserstein.W2(a, b), 1e-12);
        Assert.Equal(expected, Wasserstein.W2(b, a), 1e-12);
        Assert.Equal(4, Wasserstein.W2([1.0], [5.0]));
    }

    [Fact]
    public void Rejects_unequal_sizes_dimensions_and_non_finite_points()
    {
        var a = Gaussian(4, 2, seed: 1);
        Assert.Contains("equal-size", Assert.Throws<ArgumentException>(() => Wasserstein.W2(a, Gaussian(5, 2, seed: 1))).Message);
        Assert.Throws<ArgumentException>(() => Wasserstein.W2(a, Gaussian(4, 3, seed: 1)));
        var bad = Gaussian(4, 2, seed: 2);
        bad.Values[3] = double.NaN;
        Assert.Throws<ArgumentException>(() => Wasserstein.W2(a, bad));
        Assert.Throws<ArgumentException>(() => Wasserstein.W2([1.0, double.PositiveInfinity], [2.0]));
        Assert.Throws<ArgumentException>(() => Wasserstein.W2(ReadOnlySpan<double>.Empty, [2.0]));
    }
}
