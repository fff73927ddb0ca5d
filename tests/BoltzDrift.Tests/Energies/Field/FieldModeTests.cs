using BoltzDrift.Energies;
using BoltzDrift.Energies.Modes;

namespace BoltzDrift.Tests.Energies.Field;

/// <summary>Mode structures: assignment of constructed points, exact weights, and the region-mass quadrature.</summary>
public class FieldModeTests
{
    [Theory]
    [InlineData("gmm4", 4)]
    [InlineData("double-well", 2)]
    [InlineData("gmm40", 40)]
    [InlineData("gmm25", 25)]
    [InlineData("manywell32", 65536)]
    [InlineData("mw5", 32)]
    [InlineData("rings", 2)]
    public void Weights_ArePositiveAndSumToOne(string name, int count)
    {
        var modes = Targets.Get(name).Modes!;
        Assert.Equal(count, modes.Count);
        double[] weights = modes.Weights();
        Assert.All(weights, w => Assert.True(w > 0));
        NumericAssert.Close(1, weights.Sum(), 1e-9);
    }

    [Fact]
    public void UnimodalAndParticleTargets_HaveNoModes()
    {
        foreach (string name in new[] { "banana", "funnel10", "dw4", "lj13" }) Assert.Null(Targets.Get(name).Modes);
    }

    [Theory]
    [InlineData("gmm40")]
    [InlineData("gmm25")]
    public void Mixture_AssignsEachMeanToItsComponent(string name)
    {
        var target = Targets.Get(name);
        var mixture = (GaussianMixtureEnergy)target.Energy;
        for (int k = 0; k < mixture.ComponentCount; k++)
            Assert.Equal(k, target.Modes!.Assign(mixture.Means.Slice(2 * k, 2)));
    }

    [Fact]
    public void Gmm25_AssignsToTheNearestGridPoint()
    {
        var modes = Targets.Get("gmm25").Modes!;
        // Component index = 5 i + j for the mean (grid[i], grid[j]), grid = {-10, -5, 0, 5, 10}.
        Assert.Equal(5 * 2 + 2, modes.Assign([2.4, -2.4]));
        Assert.Equal(5 * 3 + 2, modes.Assign([2.6, -2.4]));
        Assert.Equal(5 * 4 + 0, modes.Assign([30, -30]));
        Assert.Equal(0, modes.Assign([-7.6, -7.6]));
    }

    /// <summary>All components of gmm25 are 9σ apart, so every region holds exactly its weight; gmm40's overlap.</summary>
    [Fact]
    public void RegionMasses_EqualWeightsWhenSeparated_DifferWhenOverlapping()
    {
        Assert.All(Targets.Get("gmm25").Modes!.Weights(), w => NumericAssert.Close(0.04, w, 1e-12));
        double[] gmm40 = Targets.Get("gmm40").Modes!.Weights();
        Assert.Contains(gmm40, w => Math.Abs(w - 0.025) > 5e-4);
        Assert.All(gmm40, w => Assert.InRange(w, 0.02, 0.03));
    }

    /// <summary>
    /// Two components: the regions are half-planes split where w₁ N(x; μ₁) = w₂ N(x; μ₂), at distance
    /// t* = D/2 + σ² log(w₁/w₂)/D from μ₁ along μ₂ - μ₁, so region 1 holds w₁ Φ(t*/σ) + w₂ Φ(-(D - t*)/σ).
    /// </summary>
    [Fact]
    public void PlanarRegionMasses_MatchTheClosedFormForTwoComponents()
    {
        const double sigma = 0.8, w1 = 0.7, w2 = 0.3;
        var mixture = new GaussianMixtureEnergy(2, [0.3, -0.2, 1.1, 0.4], std: sigma, weights: [w1, w2]);
        double distance = Math.Sqrt(0.8 * 0.8 + 0.6 * 0.6);
        double split = distance / 2 + sigma * sigma * Math.Log(w1 / w2) / distance;
        double region1 = w1 * StandardNormalCdf(split / sigma) + w2 * StandardNormalCdf(-(distance - split) / sigma);
        var modes = MixtureModes.Planar(mixture);
        NumericAssert.Close(region1, modes.Weight(0), 1e-9);
        NumericAssert.Close(1 - region1, modes.Weight(1), 1e-9);
    }

    /// <summary>
    /// The ray-walk region masses against a brute-force grid (midpoint rule of p·1[argmax = k]) on a mixture
    /// with unequal weights and strongly overlapping components whose regions meet at corners.
    /// </summary>
    [Fact]
    public void PlanarRegionMasses_MatchBruteForceQuadrature()
    {
        var mixture = new GaussianMixtureEnergy(2, [0, 0, 1.2, 0.3, 0.4, 1.5, -1, 0.8], std: 0.9, weights: [4, 3, 2, 1]);
        var modes = MixtureModes.Planar(mixture);
        const double step = 0.01, lower = -6, upper = 7;
        int cells = (int)Math.Round((upper - lower) / step);
        var grid = new double[cells, 4];
        Parallel.For(0, cells, i =>
        {
            var point = new double[2];
            point[0] = lower + (i + 0.5) * step;
            for (int j = 0; j < cells; j++)
            {
                point[1] = lower + (j + 0.5) * step;
                grid[i, modes.Assign(point)] += Math.Exp(-mixture.Evaluate(point)) * step * step;
            }
        });
        for (int k = 0; k < 4; k++)
        {
            double bruteForce = Enumerable.Range(0, cells).Sum(i => grid[i, k]);
            // The grid's staircase region boundaries make it wander by about 1e-4 as the step changes
            // (0.02 to 0.0025); the closed-form test above pins the ray walk far more tightly.
            NumericAssert.Close(bruteForce, modes.Weight(k), 3e-4, $"region {k}");
        }
        Assert.NotEqual(0.4, modes.Weight(0), 3);
    }

    /// <summary>Φ(z) = 1/2 + ∫₀^z φ by Simpson's rule (20,000 intervals: error far below 1e-12).</summary>
    private static double StandardNormalCdf(double z)
    {
        const int intervals = 20_000;
        double h = z / intervals, sum = 0;
        for (int i = 0; i <= intervals; i++)
            sum += Math.Exp(-0.5 * (i * h) * (i * h)) * (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2);
        return 0.5 + sum * h / 3 / Math.Sqrt(2 * Math.PI);
    }

    [Fact]
    public void Mw5_ModeIsTheSignPatternInBinary()
    {
        var modes = Targets.Get("mw5").Modes!;
        Assert.Equal(0, modes.Assign([-2, -2, -2, -2, -2]));
        Assert.Equal(31, modes.Assign([2, 2, 2, 2, 2]));
        Assert.Equal(1 + 4 + 8, modes.Assign([2, -2, 1.5, 0.1, -3]));
        Assert.All(modes.Weights(), w => Assert.Equal(1 / 32.0, w, 15));
    }

    [Fact]
    public void ManyWell_ModeIsTheSignPatternOfTheFirstCoordinates_WeightedByPairProducts()
    {
        var modes = (ProductModes)Targets.Get("manywell32").Modes!;
        Assert.Equal(16, modes.Factors.Count);
        double p = DoubleWellEnergy.RightWellProbability;
        Assert.All(modes.Factors, f => Assert.Equal(p, ((SignModes)f).PositiveWeight));

        var point = new double[32];
        for (int i = 0; i < 16; i++)
        {
            point[2 * i] = -1.7;
            point[2 * i + 1] = 5; // the second coordinate of a pair never matters
        }
        Assert.Equal(0, modes.Assign(point));
        point[0] = 1.7;
        point[2 * 15] = 1.7;
        Assert.Equal(1 + (1 << 15), modes.Assign(point));
        Assert.Equal(p * p * Math.Pow(1 - p, 14), modes.Weight(1 + (1 << 15)), 15);
        Assert.Equal(Math.Pow(p, 16), modes.Weight(65535), 15);
    }

    [Fact]
    public void Rings_AssignByNearestRadius_WithMassesProportionalToRadius()
    {
        var modes = Targets.Get("rings").Modes!;
        Assert.Equal(0, modes.Assign([0.5, 0]));
        Assert.Equal(0, modes.Assign([0, -1.49]));
        Assert.Equal(1, modes.Assign([1.2, 1.2])); // radius 1.70
        Assert.Equal(1, modes.Assign([-9, 9]));
        // Ring masses ∝ r (to e^-32); the overlap across |x| = 1.5 shifts them by about 1e-6.
        NumericAssert.Close(1 / 3.0, modes.Weight(0), 2e-6);
        NumericAssert.Close(2 / 3.0, modes.Weight(1), 2e-6);
    }

    [Fact]
    public void Fractions_CountSamplesPerMode()
    {
        var modes = Targets.Get("mw5").Modes!;
        var samples = new Sampling.SampleSet([2, 2, 2, 2, 2, -2, -2, -2, -2, -2, 2, 2, 2, 2, 2, 1, -1, -1, -1, -1], 5);
        double[] fractions = modes.Fractions(samples);
        Assert.Equal(0.5, fractions[31]);
        Assert.Equal(0.25, fractions[0]);
        Assert.Equal(0.25, fractions[1]);
    }

    [Fact]
    public void ProductModes_RejectsMoreModesThanAnIntCanNumber() =>
        Assert.Throws<ArgumentException>(() => new ProductModes(Enumerable.Range(0, 31).Select(i => new SignModes(i, 0.5))));
}
