using BoltzDrift.Metrics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics;

public class MomentsTests
{
    // Points (1, 2), (3, 4), (5, 0): mean (3, 2); deviations (-2, 0), (0, 2), (2, -2), so with divisor
    // n - 1 = 2 the covariance is [[4, -2], [-2, 4]].
    private static readonly SampleSet Example = new([1, 2, 3, 4, 5, 0], 2);

    [Fact]
    public void Mean_and_covariance_match_hand_computed_example()
    {
        Assert.Equal([3.0, 2.0], Moments.Mean(Example));
        Assert.Equal([4.0, -2.0, -2.0, 4.0], Moments.Covariance(Example));
    }

    [Fact]
    public void Errors_are_euclidean_and_frobenius_norms()
    {
        // mean - 0 = (3, 2): sqrt(13); Cov - I = [[3, -2], [-2, 3]]: sqrt(9 + 4 + 4 + 9).
        Assert.Equal(Math.Sqrt(13), Moments.MeanError(Example, [0, 0]), 14);
        Assert.Equal(Math.Sqrt(26), Moments.CovarianceError(Example, [1, 0, 0, 1]), 14);
    }

    [Fact]
    public void Errors_are_zero_for_exact_moments()
    {
        var samples = new IsotropicGaussian([1, -2, 0.5], 2).Sample(1000, seed: 3);
        Assert.Equal(0, Moments.MeanError(samples, Moments.Mean(samples)));
        Assert.Equal(0, Moments.CovarianceError(samples, Moments.Covariance(samples)));
    }

    [Fact]
    public void Covariance_keeps_small_variance_under_large_offset()
    {
        var samples = new SampleSet([1e9 + 1, 1e9 + 2, 1e9 + 3], 1);
        Assert.Equal(1.0, Moments.Covariance(samples)[0], 12);
    }

    [Fact]
    public void Wrong_dimensions_are_rejected_with_both_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Moments.MeanError(Example, [0, 0, 0]));
        Assert.Contains("dimension 2", error.Message);
        Assert.Contains("dimension 3", error.Message);
        Assert.Throws<ArgumentException>(() => Moments.CovarianceError(Example, [1, 0, 1]));
        Assert.Throws<ArgumentException>(() => Moments.Covariance(new SampleSet([1, 2], 2)));
    }
}
