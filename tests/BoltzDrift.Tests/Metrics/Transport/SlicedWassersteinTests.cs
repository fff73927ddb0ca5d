using BoltzDrift.Metrics.Transport;
using static BoltzDrift.Tests.Metrics.Transport.TransportTestData;

namespace BoltzDrift.Tests.Metrics.Transport;

public class SlicedWassersteinTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Shifted_copy_gives_the_shift_over_root_d(int d)
    {
        // Along θ the copy moves by θ·c, so each 1-D W2^2 is (θ·c)^2, whose mean over uniform directions is |c|^2 / d.
        var a = Gaussian(200, d, seed: 1);
        var c = new double[d];
        c[0] = 1.2;
        c[d - 1] += 0.5;
        double length = Math.Sqrt(c.Sum(x => x * x));
        double value = SlicedWasserstein.W2(a, Shifted(a, c), directions: 4000, seed: 7);
        Assert.Equal(length / Math.Sqrt(d), value, 0.04 * length / Math.Sqrt(d));
    }

    [Fact]
    public void Shifted_isotropic_gaussians_are_near_the_shift_over_root_d_and_far_above_unshifted()
    {
        var a = Gaussian(1000, 2, seed: 2);
        var b = Gaussian(1000, 2, seed: 3, shift: [1, 1]);
        var same = Gaussian(1000, 2, seed: 4);
        double shifted = SlicedWasserstein.W2(a, b, directions: 200, seed: 1);
        Assert.Equal(1.0, shifted, 0.08);  // |c| / sqrt(2) = 1, plus a small sampling floor
        Assert.True(SlicedWasserstein.W2(a, same, directions: 200, seed: 1) < 0.12);
    }

    [Fact]
    public void In_one_dimension_it_is_the_exact_w2_and_it_is_reproducible()
    {
        var a = Gaussian(300, 1, seed: 5);
        var b = Gaussian(200, 1, seed: 6, shift: [0.4]);
        Assert.Equal(Wasserstein.W2(a.Values, b.Values), SlicedWasserstein.W2(a, b, directions: 3), 1e-12);

        var x = Gaussian(100, 4, seed: 8);
        var y = Gaussian(100, 4, seed: 9);
        Assert.Equal(SlicedWasserstein.W2(x, y, 16, seed: 3), SlicedWasserstein.W2(x, y, 16, seed: 3));
        Assert.NotEqual(SlicedWasserstein.W2(x, y, 16, seed: 3), SlicedWasserstein.W2(x, y, 16, seed: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlicedWasserstein.W2(x, y, directions: 0));
    }
}
