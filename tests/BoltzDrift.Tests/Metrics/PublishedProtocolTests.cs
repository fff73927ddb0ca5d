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
    /// gmm25 under the published protocol, as Sendera et al.'s code computes it (gfn-diffusion before its fix of
    /// 2025-02-14: 80 points from each component as the ground truth, covariance 0.3 I, POT's exact emd2 on squared
    /// Euclidean costs, square root): against the stratified set, exact samples score between the within-component
    /// floor (stratified against stratified, no count noise) and the i.i.d. floor (both sides with multinomial
    /// counts). Ten seeds, twenty exact-vs-exact figures per convention (the evaluated exact set's and the floor
    /// set's); the relations hold by more than 4 standard errors of the paired differences. Measured when written
    /// (docs/metrics.md): stratified 0.897 ± 0.095 (mean ± std of the 20; 0.71-1.05), i.i.d. 1.064 ± 0.129
    /// (0.86-1.33), within-component 0.284 ± 0.008. The figures of about 1.04 and 1.35 once quoted for this protocol
    /// fall inside the spread of single draws but about 7 and 10 standard errors of the mean above these means.
    /// </summary>
    [Fact]
    public void Gmm25_stratified_floor_lies_between_the_within_component_and_the_iid_floor()
    {
        var gmm25 = Targets.Get("gmm25");
        var stratified = new List<double>();
        var iid = new List<double>();
        var within = new List<double>();
        for (int seed = 0; seed < 10; seed++)
        {
            var rng = new Rng((ulong)seed, 9);
            var samples = gmm25.ExactSampler!.Sample(2_000, ref rng);
            var published = TransportEvaluator.Evaluate(gmm25, samples, (ulong)seed, Published("gmm25"));
            var ours = TransportEvaluator.Evaluate(gmm25, samples, (ulong)seed, OursW2Only);
            stratified.AddRange([published.Metrics.W2!.Value, published.Floor.W2!.Value]);
            iid.AddRange([ours.Metrics.W2!.Value, ours.Floor.W2!.Value]);
            within.Add(Wasserstein.W2(StratifiedMixture.Sample(gmm25, 2_000, ref rng), StratifiedMixture.Sample(gmm25, 2_000, ref rng), new Parallelism(2)));
            output.WriteLine($"seed {seed}: stratified {published.Metrics.W2:F3} / {published.Floor.W2:F3}, i.i.d. {ours.Metrics.W2:F3} / {ours.Floor.W2:F3}, within-component {within[^1]:F3}");
        }
        output.WriteLine($"stratified {stratified.Average():F3} ± {Std(stratified):F3} ({stratified.Min():F3}-{stratified.Max():F3}), " +
                         $"i.i.d. {iid.Average():F3} ± {Std(iid):F3} ({iid.Min():F3}-{iid.Max():F3}), within-component {within.Average():F3} ± {Std(within):F3}");
        // Paired by evaluated set: each stratified figure against the i.i.d. figure of the same exact samples.
        var gap = stratified.Zip(iid, (s, i) => i - s).ToList();
        Assert.True(gap.Average() > 4 * Std(gap) / Math.Sqrt(gap.Count), $"i.i.d. - stratified = {gap.Average():F3} ± {Std(gap) / Math.Sqrt(gap.Count):F3}");
        var above = stratified.Select((s, k) => s - within[k / 2]).ToList();
        Assert.True(above.Average() > 4 * Std(above) / Math.Sqrt(above.Count), $"stratified - within = {above.Average():F3} ± {Std(above) / Math.Sqrt(above.Count):F3}");
    }

    /// <summary>
    /// The published gmm25 figure is the exact optimum, not an approximation: rebuilt here from the squared
    /// Euclidean costs between the samples and the stratified reference (the same stream as the evaluator's), its
    /// assignment comes with duals u, v that satisfy u_i + v_j ≤ c_ij for all 4 million pairs and sum to the
    /// assignment's cost (LP duality: no plan is cheaper), and √(cost / n) is the reported W2. The tolerances are
    /// rounding: 1e-9 of the largest cost for the dual constraints, 1e-12 relative for the figure.
    /// </summary>
    [Fact]
    public void Gmm25_published_W2_is_the_certified_exact_optimum()
    {
        const int n = 2_000;
        const ulong seed = 4;
        var gmm25 = Targets.Get("gmm25");
        var rng = new Rng(seed, 9);
        var samples = gmm25.ExactSampler!.Sample(n, ref rng);
        var report = TransportEvaluator.Evaluate(gmm25, samples, seed, Published("gmm25"));
        var referenceRng = new Rng(seed, TransportEvaluator.ReferenceStream);
        var reference = StratifiedMixture.Sample(gmm25, n, ref referenceRng);

        var cost = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dx = samples[i][0] - reference[j][0], dy = samples[i][1] - reference[j][1];
                cost[i * n + j] = dx * dx + dy * dy;
            }
        var assignment = new int[n];
        var u = new double[n];
        var v = new double[n];
        double total = new AssignmentSolver().Solve(cost, n, assignment, u, v);
        double slack = 1e-9 * cost.Max();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                Assert.True(u[i] + v[j] <= cost[i * n + j] + slack, $"dual infeasible at [{i}, {j}]");
        Assert.Equal(total, u.Sum() + v.Sum(), 1e-9 * total);
        Assert.Equal(total, Enumerable.Range(0, n).Sum(i => cost[i * n + assignment[i]]), 1e-9 * total);
        Assert.Equal(Math.Sqrt(total / n), report.Metrics.W2!.Value, 1e-12 * report.Metrics.W2!.Value);
    }

    private static double Std(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
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
