using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Metrics;
using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using Xunit.Abstractions;
using static BoltzDrift.Tests.Metrics.Transport.ParticleTestData;

namespace BoltzDrift.Tests.Metrics;

/// <summary>
/// The field's conventions (docs/metrics.md, "As-published protocols"): their exact-vs-exact floors are the figures
/// read from the field's own code, and the one-pass geometric W2 bounds ours from above.
/// </summary>
public class PublishedProtocolTests(ITestOutputHelper output)
{
    private static TransportOptions Published(string target) =>
        PublishedProtocol.For(Targets.Get(target), new TransportOptions { Parallelism = new Parallelism(2) });

    /// <summary>
    /// mw5 under the ASBS harness's Sinkhorn (epsilon 0.05 × mean squared cost): two exact 2,000-point sets score
    /// about 0.56-0.80 (docs/metrics.md), far above the published 0.15 / 0.32. One seed (each divergence is three
    /// 2,000 × 2,000 problems) gives two exact-vs-exact figures, the evaluated exact set's and the floor set's against
    /// one reference: their mean lies in that range, each within the spread seen over seeds (0.46-0.80).
    /// </summary>
    [Fact]
    public void Mw5_harness_sinkhorn_floor_is_the_fields_figure()
    {
        var mw5 = Targets.Get("mw5");
        var rng = new Rng(0, 9);
        var report = TransportEvaluator.Evaluate(mw5, mw5.ExactSampler!.Sample(2_000, ref rng), 0, Published("mw5"));
        Assert.Equal(MetricProtocol.Published, report.Protocol);
        Assert.Null(report.Metrics.Sinkhorn);
        Assert.Null(report.Metrics.W2);
        double[] figures = [report.Metrics.HarnessSinkhorn!.Value, report.Floor.HarnessSinkhorn!.Value];
        output.WriteLine($"exact samples {figures[0]:F3}, floor {figures[1]:F3}");
        Assert.All(figures, f => Assert.InRange(f, 0.35, 1.0));
        Assert.InRange(figures.Average(), 0.56, 0.80);
    }

    /// <summary>
    /// gmm25 against a stratified ground truth (80 points per component) scores lower than against an i.i.d. one,
    /// which is why the published figures look better than ours. Three seeds, six exact-vs-exact figures each
    /// (the evaluated exact set's and the floor set's): 0.71-1.05, mean 0.90, against the stratified set and
    /// 0.95-1.31, mean 1.05, against an i.i.d. one when written. docs/metrics.md quotes about 1.04 and 1.35: the
    /// stratified one lower, as here, but both higher than measured here (see README).
    /// </summary>
    [Fact]
    public void Gmm25_stratified_floor_is_below_the_iid_floor()
    {
        var gmm25 = Targets.Get("gmm25");
        var stratified = new List<double>();
        var iid = new List<double>();
        for (int seed = 0; seed < 3; seed++)
        {
            var rng = new Rng((ulong)seed, 9);
            var samples = gmm25.ExactSampler!.Sample(2_000, ref rng);
            var published = TransportEvaluator.Evaluate(gmm25, samples, (ulong)seed, Published("gmm25"));
            var ours = TransportEvaluator.Evaluate(gmm25, samples, (ulong)seed, OursW2Only);
            stratified.AddRange([published.Metrics.W2!.Value, published.Floor.W2!.Value]);
            iid.AddRange([ours.Metrics.W2!.Value, ours.Floor.W2!.Value]);
            output.WriteLine($"seed {seed}: stratified {published.Metrics.W2:F3} / {published.Floor.W2:F3}, i.i.d. {ours.Metrics.W2:F3} / {ours.Floor.W2:F3}");
        }
        Assert.InRange(stratified.Average(), 0.76, 0.96);
        Assert.InRange(iid.Average(), 0.85, 1.20);
        Assert.True(stratified.Average() < iid.Average());
    }

    private static readonly TransportOptions OursW2Only = new()
    {
        SlicedW2 = false, EnergyW2 = false, Sinkhorn = false, MedianMmd = false, ModeWeights = false, Parallelism = new Parallelism(2),
    };

    [Fact]
    public void Stratified_reference_has_equal_counts_per_component_and_needs_a_multiple_of_them()
    {
        var gmm25 = Targets.Get("gmm25");
        var rng = new Rng(3);
        var set = StratifiedMixture.Sample(gmm25, 250, ref rng);
        var counts = new int[25];
        for (int i = 0; i < set.Count; i++)
            counts[(int)Math.Round(set[i][0] / 5 + 2) * 5 + (int)Math.Round(set[i][1] / 5 + 2)]++;
        Assert.All(counts, c => Assert.Equal(10, c));
        Assert.Throws<ArgumentException>(() => StratifiedMixture.Sample(gmm25, 251, ref rng));
        Assert.Throws<ArgumentException>(() => StratifiedMixture.Sample(Targets.Get("mw5"), 250, ref rng));
    }

    /// <summary>
    /// Property: the one-pass geometric W2 is never below the exact symmetry-minimised W2 on the same sets, since
    /// its pair costs are one particular alignment and ours the minimum over all. Exact (exhaustive) minimisation
    /// needs few particles: dw4's layout and 5 particles in 3-D, random clusters of varied spread, many seeds.
    /// </summary>
    [Theory]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    public void Geometric_w2_is_never_below_the_exact_symmetry_minimised_w2(int particles, int dimension)
    {
        var layout = new ParticleLayout(particles, dimension);
        var oneShot = new SymmetryAlignmentOptions { Method = SymmetryAlignmentMethod.HungarianThenKabsch };
        var rng = new Rng(41);
        int strictlyAbove = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            var a = RandomSet(layout, 12, ref rng, scale: 0.5 + rng.NextDouble());
            var b = RandomSet(layout, 12, ref rng, scale: 0.5 + rng.NextDouble());
            double geometric = SymmetryAwareWasserstein.W2(a, b, layout, oneShot);
            double minimised = SymmetryAwareWasserstein.W2(a, b, layout);
            Assert.True(geometric >= minimised * (1 - 1e-12), $"trial {trial}: geometric {geometric} < minimised {minimised}");
            if (geometric > minimised * 1.001) strictlyAbove++;
        }
        Assert.True(strictlyAbove > 20);  // the bound is not an identity: the one pass misses the optimum on most sets
    }

    [Fact]
    public void Published_options_hold_only_the_fields_metrics_and_json_says_which_protocol()
    {
        var dw4 = Published("dw4");
        Assert.True(dw4.GeometricW2 && dw4.EnergyW2);
        Assert.False(dw4.W2 || dw4.SymmetryAwareW2 || dw4.Sinkhorn || dw4.SlicedW2 || dw4.MedianMmd);
        Assert.True(Published("funnel10").W2);
        Assert.True(Published("mw5").HarnessSinkhorn);
        Assert.Throws<ArgumentException>(() => Published("gmm4"));

        var gmm25 = Targets.Get("gmm25");
        var rng = new Rng(5);
        var report = TransportEvaluator.Evaluate(gmm25, gmm25.ExactSampler!.Sample(250, ref rng), 1, Published("gmm25") with { SampleSize = 250 });
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal("published", json.RootElement.GetProperty("protocol").GetString());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("w2").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("sinkhorn").ValueKind);
    }

    [Fact]
    public void Mean_squared_cost_matches_the_pairwise_mean()
    {
        var rng = new Rng(8);
        var a = new SampleSet(Enumerable.Range(0, 30).Select(_ => 3 + rng.NextGaussian()).ToArray(), 3);
        var b = new SampleSet(Enumerable.Range(0, 21).Select(_ => -1 + 2 * rng.NextGaussian()).ToArray(), 3);
        double direct = CostMatrix.SquaredEuclidean(a, b, Parallelism.Serial).Average();
        Assert.Equal(direct, CostMatrix.MeanSquaredEuclidean(a, b), 1e-12 * direct);
    }

    private static SampleSet RandomSet(ParticleLayout layout, int count, ref Rng rng, double scale)
    {
        var values = new double[count * layout.Dimension];
        for (int i = 0; i < count; i++)
            RandomConfiguration(layout.Count, layout.SpatialDimension, ref rng, scale).CopyTo(values, i * layout.Dimension);
        return new SampleSet(values, layout.Dimension);
    }
}
