using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.References;
using BoltzDrift.Sampling;
using Xunit.Abstractions;

namespace BoltzDrift.Tests.References;

/// <summary>The embedded DEM splits: the files are the published ones, and lj13's energy is the one they follow.</summary>
public class DemReferenceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("dw4", 8)]
    [InlineData("lj13", 39)]
    public void Load_GivesTheWholeSplit_Finite_AndCentred(string target, int dimension)
    {
        var dem = DemReference.Load(target.ToUpperInvariant());
        Assert.Equal(target, dem.Target);
        Assert.Equal(DemReference.SplitSize, dem.Samples.Count);
        Assert.Equal(dimension, dem.Samples.Dimension);
        Assert.All(dem.Samples.Values, v => Assert.True(double.IsFinite(v)));
        var layout = Targets.Get(target).Particles!.Value;
        for (int i = 0; i < dem.Samples.Count; i += 97)
            for (int a = 0; a < layout.SpatialDimension; a++)
                Assert.True(Math.Abs(Enumerable.Range(0, layout.Count).Sum(p => dem.Samples[i][p * layout.SpatialDimension + a])) < 1e-9);
    }

    [Fact]
    public void Parse_RejectsAFileThatIsNotThePublishedOne()
    {
        using var stream = typeof(DemReference).Assembly.GetManifestResourceStream("BoltzDrift.References.Data.test_split_DW4.npy")!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        Assert.Equal(DemReference.SplitSize, DemReference.Parse("dw4", bytes).Samples.Count);
        bytes[^1] ^= 1;  // one bit of the last coordinate
        var e = Assert.Throws<InvalidDataException>(() => DemReference.Parse("dw4", bytes));
        Assert.Contains("SHA-256", e.Message);
        Assert.Throws<ArgumentException>(() => DemReference.Load("gmm4"));
    }

    [Fact]
    public void Draws_AreDisjoint_Reproducible_AndDifferFromDrawToDraw()
    {
        var dem = DemReference.Load("dw4");
        var (reference, floor) = dem.Draw(2_000, draw: 1);
        Assert.Equal(2_000, reference.Count);
        Assert.Equal(2_000, floor.Count);
        // Disjoint as draws of rows: no configuration is used more often than the split holds it (the dw4 split
        // repeats some configurations, as MCMC output does after rejections).
        var available = Count(dem.Samples);
        var used = Count(reference);
        foreach (var (key, times) in Count(floor)) used[key] = used.GetValueOrDefault(key) + times;
        Assert.All(used, pair => Assert.True(pair.Value <= available[pair.Key]));
        Assert.Equal(reference.Values, dem.Draw(2_000, draw: 1).Reference.Values);
        Assert.NotEqual(reference.Values, dem.Draw(2_000, draw: 2).Reference.Values);
        Assert.Equal(DemReference.SplitSize / 2, dem.Draw(DemReference.SplitSize, 0).Floor.Count);
    }

    /// <summary>
    /// Equipartition: at kT = 1, E[x · ∇E(x)] = 1 per degree of freedom, d - D once the centre of mass is removed
    /// (the gradient of a translation-invariant energy has no component along it). The DEM split satisfies it
    /// under the field's lj13 (pairs counted twice, softened) to within its standard error, and misses it by
    /// many standard errors if pairs are counted once: the convention is read off the data, not assumed.
    /// </summary>
    [Theory]
    [InlineData("dw4")]
    [InlineData("lj13")]
    public void Split_IsInEquilibrium_UnderTheTargetsEnergy(string target)
    {
        var t = Targets.Get(target);
        var layout = t.Particles!.Value;
        var dem = DemReference.Load(target);
        var (mean, error) = MeanVirial(t.Energy, dem.Samples);
        double expected = layout.Dimension - layout.SpatialDimension;
        output.WriteLine($"{target}: E[x.grad E] = {mean:F3} ± {error:F3}, expected {expected}");
        Assert.InRange(mean, expected - 4 * error, expected + 4 * error);
        if (target == "lj13")
        {
            var once = new ParticleEnergy<LennardJonesPotential>(layout, new LennardJonesPotential(1, 1), confinement: 1);
            var (onceMean, onceError) = MeanVirial(once, dem.Samples);
            output.WriteLine($"lj13, pairs once: E[x.grad E] = {onceMean:F3} ± {onceError:F3}");
            Assert.True(Math.Abs(onceMean - expected) > 20 * onceError);
        }
    }

    /// <summary>
    /// The DEM lj13 split and an MCMC run on our lj13 (a short version of the tuned reference run: 16 HMC chains)
    /// have the same mean energy to within three standard errors of the difference. With pairs counted once the
    /// means would differ by about 40 kT, hundreds of standard errors.
    /// </summary>
    [Fact]
    public void Lj13_energy_reproduces_the_DEM_splits_mean_energy()
    {
        var lj13 = Targets.Get("lj13");
        var dem = DemReference.Load("lj13");
        var energies = Enumerable.Range(0, dem.Samples.Count).Select(i => lj13.Energy.Evaluate(dem.Samples[i])).ToArray();
        double mean = energies.Average();
        double error = Math.Sqrt(energies.Sum(e => (e - mean) * (e - mean)) / (energies.Length - 1) / energies.Length);
        var settings = ReferenceSettings.For("lj13", seed: 3) with { Chains = 16, WarmupSteps = 1_000, SamplingSteps = 4_000 };
        var mcmc = ReferenceGenerator.Generate(lj13, settings).Diagnostics;
        double combined = Math.Sqrt(error * error + mcmc.MeanEnergyStandardError * mcmc.MeanEnergyStandardError);
        output.WriteLine($"DEM split: {mean:F3} ± {error:F3}; MCMC: {mcmc.MeanEnergy:F3} ± {mcmc.MeanEnergyStandardError:F3}");
        Assert.InRange(mcmc.MeanEnergy - mean, -3 * combined, 3 * combined);
    }

    private static (double Mean, double StandardError) MeanVirial(Energy energy, SampleSet samples)
    {
        var gradient = new double[samples.Dimension];
        var values = new double[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            energy.Gradient(samples[i], gradient);
            double virial = 0;
            for (int k = 0; k < gradient.Length; k++) virial += samples[i][k] * gradient[k];
            values[i] = virial;
        }
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance / values.Length));
    }

    private static Dictionary<string, int> Count(SampleSet samples) =>
        Enumerable.Range(0, samples.Count).GroupBy(i => string.Join(",", samples[i].ToArray())).ToDictionary(g => g.Key, g => g.Count());
}
