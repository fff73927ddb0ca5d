using BoltzDrift.Metrics.Transport;
using BoltzDrift.Sampling;
using BoltzDrift.Tests.Metrics;
using static BoltzDrift.Tests.Metrics.Transport.TransportTestData;

namespace BoltzDrift.Tests.Metrics.Transport;

public class EnergyWassersteinTests
{
    [Fact]
    public void Is_the_root_mean_square_of_sorted_energy_differences()
    {
        var gaussian = new IsotropicGaussian([0, 0], 1);
        var a = Gaussian(400, 2, seed: 1);
        var b = Gaussian(400, 2, seed: 2, shift: [0.5, 0]);
        var ea = Enumerable.Range(0, a.Count).Select(i => gaussian.Evaluate(a[i])).Order().ToArray();
        var eb = Enumerable.Range(0, b.Count).Select(i => gaussian.Evaluate(b[i])).Order().ToArray();
        double expected = Math.Sqrt(ea.Zip(eb, (x, y) => (x - y) * (x - y)).Average());
        var result = EnergyWasserstein.Compute(gaussian, a, b);
        Assert.Equal(expected, result.Value, 1e-12);
        Assert.Equal((0, 0), (result.NonFiniteA, result.NonFiniteB));
    }

    [Fact]
    public void Skips_and_counts_non_finite_energies()
    {
        var result = EnergyWasserstein.FromEnergies([1, double.NaN, 2, double.PositiveInfinity], [1, 2, double.NegativeInfinity]);
        Assert.Equal(0, result.Value);
        Assert.Equal((2, 1), (result.NonFiniteA, result.NonFiniteB));

        var gaussian = new IsotropicGaussian([0, 0], 1);
        var a = new SampleSet([0, 0, double.NaN, 1, 1, 1], 2);
        var counted = EnergyWasserstein.Compute(gaussian, a, a);
        Assert.Equal((1, 1, 0.0), (counted.NonFiniteA, counted.NonFiniteB, counted.Value));
        Assert.Throws<ArgumentException>(() => EnergyWasserstein.FromEnergies([double.NaN], [1]));
    }
}
