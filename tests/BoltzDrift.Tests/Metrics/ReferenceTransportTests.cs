using System.Text.Json;
using BoltzDrift.Benchmarks;
using BoltzDrift.Energies;
using BoltzDrift.Metrics;
using BoltzDrift.Numerics;
using BoltzDrift.References;
using BoltzDrift.Sampling;
using BoltzDrift.Tests.Energies;
using BoltzDrift.Tests.Energies.Field;

namespace BoltzDrift.Tests.Metrics;

/// <summary>Transport metrics against a long-MCMC reference set: reference and floor from disjoint halves of its chains.</summary>
public class ReferenceTransportTests
{
    private static readonly Target Dw4 = Targets.Get("dw4");

    private static readonly TransportOptions Small = new() { SampleSize = 100, Sinkhorn = false, Parallelism = Parallelism.Serial };

    /// <summary>A tiny dw4 reference run: <paramref name="chains"/> chains of 40 kept draws, a few milliseconds.</summary>
    private static ReferenceSet Tiny(ulong seed, int chains = 8) =>
        ReferenceGenerator.Generate(Dw4, ReferenceGenerationTests.Tiny(seed) with { Chains = chains }, Parallelism.Serial);

    /// <summary><paramref name="reference"/> with every coordinate of row i set to i, so that a chosen row names its index.</summary>
    private static ReferenceSet Labelled(ReferenceSet reference)
    {
        var samples = reference.Samples;
        var values = new double[samples.Values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = i / samples.Dimension;
        return reference with { Samples = new SampleSet(values, samples.Dimension) };
    }

    private static int[] Rows(SampleSet subset) => Enumerable.Range(0, subset.Count).Select(i => (int)subset[i][0]).ToArray();

    [Theory]
    [InlineData(8, 50)]
    [InlineData(5, 30)]     // odd: the floor's half has the extra chain
    [InlineData(8, 1000)]   // more than a half holds: all 160 of the first half
    public void Halves_come_from_disjoint_halves_of_the_chains_spread_over_every_chain_deterministically(int chains, int count)
    {
        var reference = Labelled(Tiny(11, chains));
        int perChain = reference.Samples.Count / chains, firstHalf = chains / 2 * perChain;
        int n = Math.Min(count, firstHalf);

        var (referencePoints, floorPoints) = reference.IndependentHalves(count);
        int[] referenceRows = Rows(referencePoints), floorRows = Rows(floorPoints);
        Assert.Equal(n, referenceRows.Distinct().Count());
        Assert.Equal(n, floorRows.Distinct().Count());
        Assert.All(referenceRows, i => Assert.InRange(i, 0, firstHalf - 1));
        Assert.All(floorRows, i => Assert.InRange(i, firstHalf, reference.Samples.Count - 1));
        Assert.Equal(Enumerable.Range(0, chains / 2), referenceRows.Select(i => i / perChain).Distinct());
        Assert.Equal(Enumerable.Range(chains / 2, chains - chains / 2), floorRows.Select(i => i / perChain).Distinct());

        var again = reference.IndependentHalves(count);
        Assert.Equal(referencePoints.Values, again.Reference.Values);
        Assert.Equal(floorPoints.Values, again.Floor.Values);
    }

    [Fact]
    public void Halves_reject_a_count_below_one_and_samples_that_are_not_whole_chains()
    {
        var reference = Tiny(11);
        Assert.Throws<ArgumentOutOfRangeException>(() => reference.IndependentHalves(0));
        var ragged = reference with { Samples = reference.Samples.Take(reference.Samples.Count - 1) };
        Assert.Throws<InvalidDataException>(() => ragged.IndependentHalves(10));
    }

    [Fact]
    public void Samples_get_symmetry_aware_and_energy_W2_next_to_a_finite_long_MCMC_floor()
    {
        var reference = Tiny(11);
        var samples = Tiny(12).Samples;   // other chains of the same target
        var report = TransportEvaluator.Evaluate(Dw4, samples, reference, Small);

        Assert.Equal(FloorSource.LongMcmc, report.FloorSource);
        Assert.Equal(100, report.N);
        Assert.Null(report.Seed);
        double?[] values = [report.Metrics.SymmetryAwareW2, report.Metrics.EnergyW2, report.Metrics.W2,
            report.Floor.SymmetryAwareW2, report.Floor.EnergyW2, report.Floor.W2];
        Assert.All(values, v => Assert.True(v is { } x && double.IsFinite(x) && x > 0, $"{v}"));
        Assert.True(report.Metrics.SymmetryAwareW2 < report.Metrics.W2);

        // The floor is the metric of the second half against the first: evaluating that half reproduces it.
        var (_, floorPoints) = reference.IndependentHalves(100);
        var half = TransportEvaluator.Evaluate(Dw4, floorPoints, reference, Small);
        Assert.Equal(half.Floor, half.Metrics);

        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal("long-MCMC", json.RootElement.GetProperty("floor_source").GetString());
        Assert.Equal(report.Floor.SymmetryAwareW2, json.RootElement.GetProperty("floor").GetProperty("sym_w2").GetDouble());
        Assert.Throws<ArgumentException>(() => TransportEvaluator.Evaluate(Targets.Get("lj13"), samples, reference, Small));
    }

    /// <summary>Reference sets are centred; samples need not be: the symmetry-aware W2 centres both sides and the energy is translation invariant.</summary>
    [Fact]
    public void Translating_the_samples_moves_the_raw_W2_only()
    {
        var reference = Tiny(11);
        var samples = Tiny(12).Samples;
        var shifted = new SampleSet((double[])samples.Values.Clone(), samples.Dimension);
        for (int k = 0; k < shifted.Values.Length; k++) shifted.Values[k] += k % 2 == 0 ? 3 : -2;   // every particle by (3, -2)

        var centred = TransportEvaluator.Evaluate(Dw4, samples, reference, Small);
        var moved = TransportEvaluator.Evaluate(Dw4, shifted, reference, Small);
        NumericAssert.Close(centred.Metrics.SymmetryAwareW2!.Value, moved.Metrics.SymmetryAwareW2!.Value, 1e-9);
        NumericAssert.Close(centred.Metrics.EnergyW2!.Value, moved.Metrics.EnergyW2!.Value, 1e-9);
        Assert.True(moved.Metrics.W2 > centred.Metrics.W2 + 1);
        Assert.Equal(centred.Floor, moved.Floor);
    }

    [Fact]
    public void Benchmark_quality_of_a_particle_target_has_symmetry_aware_and_energy_W2_from_the_reference()
    {
        var reference = Tiny(11);
        var samples = Tiny(12).Samples;
        var figures = SampleQuality.Measure(Dw4, samples, seed: 0, reference);
        Assert.Equal(["mean_error", "cov_error", "mmd2_rbf_h1", "w2", "sym_w2", "energy_w2"], figures.Select(f => f.Key));
        Assert.All(figures.Skip(3), f => Assert.True(f.Value > 0 && f.Floor > 0, f.Key));
        Assert.Throws<ArgumentException>(() => SampleQuality.Measure(Dw4, samples, seed: 0));
    }
}
