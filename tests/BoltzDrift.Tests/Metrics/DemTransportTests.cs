using BoltzDrift.Energies;
using BoltzDrift.Metrics;
using BoltzDrift.Numerics;
using BoltzDrift.References;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics;

/// <summary>Transport metrics against the DEM split: one draw per evaluation, several averaged with their spread.</summary>
public class DemTransportTests
{
    private static readonly Target Dw4 = Targets.Get("dw4");

    private static readonly TransportOptions Small = new()
    {
        SampleSize = 60, W2 = false, SlicedW2 = false, Sinkhorn = false, MedianMmd = false, Parallelism = Parallelism.Serial,
    };

    private static SampleSet Samples(int count)
    {
        var rng = new Rng(12);
        var values = new double[count * 8];
        rng.FillGaussian(values);
        for (int i = 0; i < values.Length; i++) values[i] *= 2;
        return new SampleSet(values, 8);
    }

    [Fact]
    public void A_draw_is_labelled_DEM_split_and_draws_differ()
    {
        var dem = DemReference.Load("dw4");
        var first = TransportEvaluator.Evaluate(Dw4, Samples(60), dem, Small, draw: 1);
        var again = TransportEvaluator.Evaluate(Dw4, Samples(60), dem, Small, draw: 1);
        var other = TransportEvaluator.Evaluate(Dw4, Samples(60), dem, Small, draw: 2);
        Assert.Equal(FloorSource.DemSplit, first.FloorSource);
        Assert.Equal("DEM split", first.FloorSource.Label());
        Assert.Equal(first.Metrics, again.Metrics);
        Assert.NotEqual(first.Floor.SymmetryAwareW2, other.Floor.SymmetryAwareW2);
        Assert.True(first.Metrics.SymmetryAwareW2 > 2 * first.Floor.SymmetryAwareW2);  // wide Gaussians are far from the split
    }

    /// <summary>The dw4 split's known limit travels with every figure computed against it, into the JSON; lj13's split has none.</summary>
    [Fact]
    public void The_reference_caveat_is_in_the_report_and_its_json()
    {
        var dw4 = TransportEvaluator.Evaluate(Dw4, Samples(120), DemReference.Load("dw4"), draws: 2, seed: 3, Small);
        Assert.Equal(DemReference.Load("dw4").Caveat, dw4.ReferenceNote);
        Assert.False(string.IsNullOrWhiteSpace(dw4.ReferenceNote));
        Assert.Equal(dw4.ReferenceNote, System.Text.Json.Nodes.JsonNode.Parse(dw4.ToJson())!["reference_note"]!.GetValue<string>());
        Assert.Null(DemReference.Load("lj13").Caveat);
        var gmm4 = Targets.Get("gmm4");
        var rng = new Rng(1);
        var exact = TransportEvaluator.Evaluate(gmm4, gmm4.ExactSampler!.Sample(60, ref rng), seed: 2, Small);
        Assert.Null(exact.ReferenceNote);
        Assert.DoesNotContain("reference_note", exact.ToJson());
    }

    /// <summary>Three draws: the report's values are the draws' means, the spreads their standard deviations, each draw on its own random subset.</summary>
    [Fact]
    public void Several_draws_average_the_single_draws_and_report_their_spread()
    {
        var dem = DemReference.Load("dw4");
        var samples = Samples(180);
        var averaged = TransportEvaluator.Evaluate(Dw4, samples, dem, draws: 3, seed: 7, Small);
        var singles = Enumerable.Range(0, 3)
            .Select(k => TransportEvaluator.Evaluate(Dw4, TransportEvaluator.DrawSamples(samples, 60, 7 + (ulong)k), dem, Small, draw: 7 + (ulong)k))
            .ToArray();
        var subset = TransportEvaluator.DrawSamples(samples, 60, 7);
        Assert.Equal(60, subset.Count);
        Assert.Equal(60, Enumerable.Range(0, 60).Select(i => subset[i][0]).Distinct().Count());
        Assert.NotEqual(samples.Take(60).Values, subset.Values);
        Assert.Same(samples, TransportEvaluator.DrawSamples(samples, 180, 7));
        double[] values = singles.Select(r => r.Metrics.SymmetryAwareW2!.Value).ToArray();
        double[] floors = singles.Select(r => r.Floor.EnergyW2!.Value).ToArray();
        Assert.Equal(3, averaged.Draws);
        Assert.Equal(7UL, averaged.Seed);
        Assert.Equal(values.Average(), averaged.Metrics.SymmetryAwareW2!.Value, 12);
        Assert.Equal(floors.Average(), averaged.Floor.EnergyW2!.Value, 12);
        double mean = values.Average();
        Assert.Equal(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 2), averaged.Spread!.SymmetryAwareW2!.Value, 12);
        Assert.Null(averaged.Spread.W2);
        Assert.NotNull(averaged.FloorSpread);
        Assert.Null(singles[0].Spread);
    }
}
