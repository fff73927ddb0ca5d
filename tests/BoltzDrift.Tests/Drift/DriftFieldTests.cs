using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Drift;

public class DriftFieldTests
{
    private const int N = 48, D = 2;
    private static readonly double[] Bandwidths = [0.3, 1.0, 2.5];

    /// <summary>A clustered batch, and per bandwidth the two sides computed separately (the curvature side is deterministic).</summary>
    private static (float[] Points, float[][] Plus, float[] Minus) Sides(SelfPairMode mode)
    {
        var points = SamplerDriftTests.ClusterWithStragglers(N, D, seed: 41);
        var energy = QuadraticEnergy.Reference;
        var plus = Bandwidths.Select(s =>
        {
            var v = new float[N * D];
            new CurvatureDrift(energy).Estimate(points, s, v, 0, new DriftDiagnostics());
            return v;
        }).ToArray();
        var minus = new float[Bandwidths.Length * N * D];
        new SamplerDrift(mode).Estimate(points, D, Bandwidths, minus);
        return (points, plus, minus);
    }

    [Fact]
    public void Without_normalization_the_field_is_the_sum_of_target_minus_sampler_terms()
    {
        var (points, plus, minus) = Sides(SelfPairMode.Guarded);
        var field = new DriftField([new CurvatureDrift(QuadraticEnergy.Reference)], new SamplerDrift(SelfPairMode.Guarded), DriftNormalization.None);
        var drift = new float[N * D];
        field.Compute(points, D, Bandwidths, drift, seed: 5, new DriftDiagnostics());
        for (int i = 0; i < N * D; i++)
        {
            double expected = Enumerable.Range(0, Bandwidths.Length).Sum(k => (double)plus[k][i] - minus[k * N * D + i]);
            NumericAssert.Close(expected, drift[i], 1e-5 * (1 + Math.Abs(expected)), $"value {i}");
        }
    }

    [Fact]
    public void With_rms_normalization_each_term_is_scaled_to_unit_root_mean_square_before_summing()
    {
        var (points, plus, minus) = Sides(SelfPairMode.Guarded);
        var field = new DriftField([new CurvatureDrift(QuadraticEnergy.Reference)], new SamplerDrift(SelfPairMode.Guarded), DriftNormalization.Rms);
        var drift = new float[N * D];
        field.Compute(points, D, Bandwidths, drift, seed: 5, new DriftDiagnostics());
        var expected = new double[N * D];
        for (int k = 0; k < Bandwidths.Length; k++)
        {
            var term = Enumerable.Range(0, N * D).Select(i => (double)plus[k][i] - minus[k * N * D + i]).ToArray();
            double rms = Math.Sqrt(term.Sum(t => t * t) / N);  // root mean square of |V_i| over the batch
            for (int i = 0; i < N * D; i++) expected[i] += term[i] / rms;
        }
        for (int i = 0; i < N * D; i++) NumericAssert.Close(expected[i], drift[i], 1e-5 * (1 + Math.Abs(expected[i])), $"value {i}");

        // A single term comes out with mean |V|² = 1 exactly (up to rounding).
        var single = new float[N * D];
        field.Compute(points, D, [0.7], single, seed: 5, new DriftDiagnostics());
        NumericAssert.Close(1, single.Sum(v => (double)v * v) / N, 1e-5);
    }

    [Fact]
    public void A_vanishing_term_contributes_zero_not_NaN()
    {
        // All points equal and a flat energy: V+ = V- = 0, so the term's RMS is 0.
        var flat = new QuadraticEnergy([0, 0, 0, 0], 2);
        var field = new DriftField([new CurvatureDrift(flat)], new SamplerDrift(SelfPairMode.Guarded), DriftNormalization.Rms);
        var drift = Enumerable.Repeat(float.NaN, 8).ToArray();
        field.Compute([1f, 2f, 1f, 2f, 1f, 2f, 1f, 2f], 2, [0.5, 1], drift, seed: 0, new DriftDiagnostics());
        Assert.All(drift, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Each_term_uses_its_own_estimator_and_the_last_one_is_reused_for_the_rest()
    {
        var (points, plus, minus) = Sides(SelfPairMode.Exclude);
        // Term 0 from the curvature estimator, terms 1 and 2 from a flat energy's (V+ = 0).
        var field = new DriftField([new CurvatureDrift(QuadraticEnergy.Reference), new CurvatureDrift(new QuadraticEnergy([0, 0, 0, 0], 2))],
            new SamplerDrift(SelfPairMode.Exclude), DriftNormalization.None);
        var drift = new float[N * D];
        field.Compute(points, D, Bandwidths, drift, seed: 0, new DriftDiagnostics());
        for (int i = 0; i < N * D; i++)
        {
            double expected = plus[0][i] - Enumerable.Range(0, Bandwidths.Length).Sum(k => (double)minus[k * N * D + i]);
            NumericAssert.Close(expected, drift[i], 1e-5 * (1 + Math.Abs(expected)), $"value {i}");
        }
        Assert.Throws<ArgumentException>(() => new DriftField([], new SamplerDrift(SelfPairMode.Guarded), DriftNormalization.None));
    }

    [Fact]
    public void Importance_sampling_terms_are_seeded_and_their_diagnostics_summed()
    {
        var energy = Targets.Get("gmm4").Energy;
        var points = SamplerDriftTests.ClusterWithStragglers(N, D, seed: 42);
        var field = new DriftField([new ImportanceSamplingDrift(energy, 32)], new SamplerDrift(SelfPairMode.Guarded), DriftNormalization.Rms);
        float[] Run(ulong seed, DriftDiagnostics diagnostics)
        {
            var v = new float[N * D];
            field.Compute(points, D, Bandwidths, v, seed, diagnostics);
            return v;
        }
        var diagnostics = new DriftDiagnostics();
        var first = Run(7, diagnostics);
        Assert.Equal(first, Run(7, new DriftDiagnostics()));
        Assert.NotEqual(first, Run(8, new DriftDiagnostics()));
        Assert.Equal(Bandwidths.Length * N * 32, diagnostics.EnergyEvaluations);
        Assert.InRange(diagnostics.MeanEffectiveSampleSize, 1, 32);
        Assert.True(field.LastSamplerTime > TimeSpan.Zero && field.LastTargetTime > TimeSpan.Zero);
    }
}

public class BandwidthScheduleTests
{
    [Fact]
    public void Constant_schedule_never_changes()
    {
        var schedule = BandwidthSchedule.Constant(0.3, 1, 2);
        Assert.Equal(3, schedule.Count);
        foreach (long step in new long[] { 0, 1, 1000, 1_000_000 })
            Assert.Equal([0.3, 1, 2], Enumerable.Range(0, 3).Select(k => schedule.At(k, step)));
    }

    [Fact]
    public void Exponential_schedule_decays_to_its_floor_and_stays_there()
    {
        var schedule = new BandwidthSchedule([2.0, 1.0], decayRate: 0.01, floor: [0.3, 1.0]);
        NumericAssert.Close(2.0, schedule.At(0, 0), 0);
        NumericAssert.Close(2.0 * Math.Exp(-0.5), schedule.At(0, 50), 1e-15);
        NumericAssert.Close(2.0 * Math.Exp(-1.5), schedule.At(0, 150), 1e-15);
        // s0 e^{-rt} reaches the floor at t* = ln(s0 / floor) / r ≈ 189.7.
        double crossing = Math.Log(2.0 / 0.3) / 0.01;
        Assert.True(schedule.At(0, (long)crossing) > 0.3);
        Assert.Equal(0.3, schedule.At(0, (long)crossing + 1));
        Assert.Equal(0.3, schedule.At(0, 1_000_000));
        // A floor equal to the start keeps that term constant.
        Assert.All(new long[] { 0, 100, 10_000 }, t => Assert.Equal(1.0, schedule.At(1, t)));
        // Monotone non-increasing.
        for (long t = 0; t < 400; t++) Assert.True(schedule.At(0, t + 1) <= schedule.At(0, t));
    }

    [Fact]
    public void Without_floors_the_start_values_are_the_floors()
    {
        var schedule = new BandwidthSchedule([0.5], decayRate: 0.1);
        Assert.Equal(0.5, schedule.At(0, 100));
    }

    [Theory]
    [InlineData(new double[0], 0.0, null)]
    [InlineData(new[] { 0.0 }, 0.0, null)]
    [InlineData(new[] { -1.0 }, 0.0, null)]
    [InlineData(new[] { double.NaN }, 0.0, null)]
    [InlineData(new[] { double.PositiveInfinity }, 0.0, null)]
    [InlineData(new[] { 1.0 }, -0.1, null)]
    [InlineData(new[] { 1.0 }, double.NaN, null)]
    [InlineData(new[] { 1.0, 2.0 }, 0.1, new[] { 0.5 })]
    [InlineData(new[] { 1.0 }, 0.1, new[] { 2.0 })]
    [InlineData(new[] { 1.0 }, 0.1, new[] { 0.0 })]
    public void Invalid_schedules_are_rejected(double[] start, double rate, double[]? floor) =>
        Assert.Throws<ArgumentException>(() => new BandwidthSchedule(start, rate, floor));

    [Fact]
    public void Bandwidths_below_the_neighbour_floor_are_raised_on_both_sides_and_starved_terms_are_gated()
    {
        // 20 points one apart on a line: every nearest-neighbour distance is 1. Asked for s = 0.1 with a floor of
        // 0.3: both sides use s = 0.3, where an interior point's kernel sees its two neighbours with equal weight
        // (n_eff = 2, the median), so the term's weight is (2 / 5)².
        const int n = 20;
        var points = new float[2 * n];
        for (int i = 0; i < n; i++) points[2 * i] = i;
        var field = new DriftField([new CurvatureDrift(QuadraticEnergy.Reference)], new SamplerDrift(), DriftNormalization.None,
            neighbourFloor: 0.3, minEffectiveNeighbours: 5);
        var drift = new float[2 * n];
        var diagnostics = new DriftDiagnostics();
        field.Compute(points, 2, [0.1], drift, seed: 1, diagnostics);
        var term = Assert.Single(diagnostics.Terms);
        NumericAssert.Close(0.3, term.Bandwidth, 1e-6, "floored bandwidth");
        NumericAssert.Close(2, term.EffectiveNeighbours, 1e-4, "median effective neighbours");
        NumericAssert.Close(0.16, term.Weight, 1e-4, "gate (n_eff / 5)²");

        var plus = new float[2 * n];
        new CurvatureDrift(QuadraticEnergy.Reference).Estimate(points, 0.3, plus, 1, new DriftDiagnostics());
        var minus = new float[2 * n];
        new SamplerDrift().Estimate(points, 2, [0.3], minus);
        for (int i = 0; i < 2 * n; i++) NumericAssert.Close(0.16 * (plus[i] - minus[i]), drift[i], 1e-5 * (1 + Math.Abs(plus[i])), $"value {i}");
    }
}
