using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.References;

namespace BoltzDrift.Tests.Energies.Field;

/// <summary>Reference generation for targets without exact samplers: determinism, centring, caching and the mixing checks.</summary>
public class ReferenceGenerationTests
{
    /// <summary>A run of a few milliseconds: 4 tempering ladders of 2 temperatures, 40 kept draws each.</summary>
    internal static ReferenceSettings Tiny(ulong seed) => ReferenceSettings.For("dw4", seed) with
    {
        Chains = 4,
        WarmupSteps = 50,
        SamplingSteps = 200,
        Thinning = 5,
        Temperatures = 2,
    };

    [Fact]
    public void Generate_IsDeterministicGivenTheSeed_WhateverTheThreadCount()
    {
        var target = Targets.Get("dw4");
        var first = ReferenceGenerator.Generate(target, Tiny(3), Parallelism.Serial);
        var second = ReferenceGenerator.Generate(target, Tiny(3), new Parallelism(2));
        var otherSeed = ReferenceGenerator.Generate(target, Tiny(4), Parallelism.Serial);
        Assert.Equal(160, first.Samples.Count);
        Assert.Equal(Tiny(3).SampleCount, first.Samples.Count);
        Assert.Equal(first.Samples.Values, second.Samples.Values);
        Assert.Equal(first.Diagnostics.MeanEnergy, second.Diagnostics.MeanEnergy);
        Assert.NotEqual(first.Samples.Values, otherSeed.Samples.Values);
    }

    [Theory]
    [MemberData(nameof(FieldCases.Particles), MemberType = typeof(FieldCases))]
    public void Generate_RemovesTheCentreOfMass_AndReportsFiniteDiagnostics(string name)
    {
        var target = Targets.Get(name);
        var settings = ReferenceSettings.For(name, seed: 5) with { Chains = 4, WarmupSteps = 100, SamplingSteps = 100, Thinning = 10, Temperatures = 1 };
        var reference = ReferenceGenerator.Generate(target, settings);
        var layout = target.Particles!.Value;
        int dim = layout.SpatialDimension;
        for (int n = 0; n < reference.Samples.Count; n++)
            for (int a = 0; a < dim; a++)
                NumericAssert.Close(0, Enumerable.Range(0, layout.Count).Sum(i => reference.Samples[n][i * dim + a]), 1e-9);

        var diagnostics = reference.Diagnostics;
        Assert.Equal(4, diagnostics.Chains);
        Assert.Equal(10, diagnostics.DrawsPerChain);
        Assert.True(double.IsFinite(diagnostics.MeanEnergy));
        Assert.True(double.IsFinite(diagnostics.EnergyRHat));
        Assert.NotNull(diagnostics.PairDistanceRHat);
        Assert.InRange(diagnostics.Acceptance, 0.3, 1);
        Assert.Equal(0, diagnostics.NonFiniteProposals);
        Assert.Equal(diagnostics.Warnings.Count == 0, diagnostics.IsWellMixed);
    }

    /// <summary>Untempered MALA on dw4 for 200 steps cannot cross the pair-distance barriers: the checks must say so.</summary>
    [Fact]
    public void Diagnostics_FlagARunThatHasNotMixed()
    {
        var settings = Tiny(7) with { Temperatures = 1, Chains = 8 };
        var diagnostics = ReferenceGenerator.Generate(Targets.Get("dw4"), settings).Diagnostics;
        Assert.False(diagnostics.IsWellMixed);
        Assert.Contains(diagnostics.Warnings, w => w.Contains("R-hat"));
        Assert.Empty(diagnostics.SwapRates);
    }

    [Fact]
    public void Cache_ReusesMatchingSettings_AndRegeneratesOnAnyChange()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"boltzdrift-reference-{Guid.NewGuid():N}");
        try
        {
            var target = Targets.Get("dw4");
            var created = ReferenceCache.GetOrCreate(folder, target, Tiny(6), out bool reused);
            Assert.False(reused);
            Assert.True(File.Exists(ReferenceCache.SamplesPath(folder, "dw4", 6)));
            Assert.True(File.Exists(ReferenceCache.ManifestPath(folder, "dw4", 6)));

            var loaded = ReferenceCache.GetOrCreate(folder, target, Tiny(6), out reused);
            Assert.True(reused);
            Assert.Equal(created.Samples.Values, loaded.Samples.Values);
            Assert.Equal(created.Diagnostics.EnergyRHat, loaded.Diagnostics.EnergyRHat);
            Assert.Equal(created.Diagnostics.Warnings, loaded.Diagnostics.Warnings);

            var longer = Tiny(6) with { SamplingSteps = 300 };
            var regenerated = ReferenceCache.GetOrCreate(folder, target, longer, out reused);
            Assert.False(reused);
            Assert.Equal(longer.SampleCount, regenerated.Samples.Count);
            Assert.Null(ReferenceCache.TryLoad(folder, "dw4", Tiny(6)));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Settings_ExistForParticleTargets_AndAreValid()
    {
        foreach (string name in FieldCases.ParticleNames)
        {
            Assert.True(ReferenceSettings.HasDefaults(name));
            var settings = ReferenceSettings.For(name.ToUpperInvariant(), seed: 9);
            settings.Validate();
            Assert.Equal(9UL, settings.Seed);
            Assert.True(settings.SampleCount >= 100_000);
        }
        Assert.False(ReferenceSettings.HasDefaults("gmm40"));
        Assert.Throws<ArgumentException>(() => ReferenceSettings.For("gmm40"));
        Assert.Throws<ArgumentOutOfRangeException>(() => (Tiny(0) with { Chains = 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Tiny(0) with { SamplingSteps = 10, Thinning = 5 }).Validate());
    }

    [Fact]
    public void SplitRHat_IsNearOneForAgreeingChains_AndLargeForDisagreeingOnes()
    {
        var rng = new Rng(30);
        double[][] Chains(Func<int, double> offset) => Enumerable.Range(0, 8)
            .Select(c => Enumerable.Range(0, 1000).Select(_ => rng.NextGaussian() + offset(c)).ToArray()).ToArray();
        Assert.InRange(SplitRHat.Compute(Chains(_ => 0)), 0.99, 1.01);
        Assert.True(SplitRHat.Compute(Chains(c => c)) > 2);
        // A trend within each chain shows up through the split halves even when all chains agree.
        var trending = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 1000).Select(i => i / 100.0 + rng.NextGaussian()).ToArray()).ToArray();
        Assert.True(SplitRHat.Compute(trending) > 1.5);
        Assert.Throws<ArgumentException>(() => SplitRHat.Compute([[1, 2, 3]]));
    }
}
