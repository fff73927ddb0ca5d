using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Drift;

public class ImportanceSamplingDriftTests
{
    private const double S = 0.5;
    private static readonly double[] X = [1, -0.7];

    [Fact]
    public void Closed_form_of_the_reference_check_is_the_one_ALGORITHM_md_quotes()
    {
        var exact = QuadraticEnergy.Reference.ExactTargetDrift(X, S);
        NumericAssert.Close(-0.2807, exact[0], 5e-5);
        NumericAssert.Close(0.0681, exact[1], 5e-5);
        var firstOrder = QuadraticEnergy.Reference.FirstOrderDrift(X, S);
        NumericAssert.Close(-0.4125, firstOrder[0], 1e-12);
        NumericAssert.Close(0.05, firstOrder[1], 1e-12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Matches_the_analytic_drift_on_a_quadratic_within_its_Monte_Carlo_error(bool antithetic)
    {
        // N independent estimates at the same point (each from M proposals): their mean has standard error
        // sd/√N. The self-normalisation bias is O(1/M), far below that for M = 4096 and N = 64.
        const int copies = 64, proposals = 4096;
        var (mean, standardError) = RepeatedEstimate(QuadraticEnergy.Reference, X, S, copies, proposals, antithetic, seed: 1);
        var exact = QuadraticEnergy.Reference.ExactTargetDrift(X, S);
        var firstOrder = QuadraticEnergy.Reference.FirstOrderDrift(X, S);
        for (int k = 0; k < 2; k++)
            NumericAssert.Close(exact[k], mean[k], 4 * standardError[k], $"V+[{k}] (SE {standardError[k]:g3})");
        // The test can fail: the first-order drift is many standard errors away.
        Assert.True(Math.Abs(firstOrder[0] - mean[0]) > 20 * standardError[0]);
    }

    [Theory]
    [InlineData(false, 1.0, 32)]
    [InlineData(true, 0.5, 16)]
    public void The_jackknife_removes_the_self_normalisation_bias_that_few_proposals_leave(bool antithetic, double s, int proposals)
    {
        // Few proposals: the plain ratio estimate's O(1/M) bias is many standard errors of the mean of 20,000 copies
        // (measured with seed 21: 11 and 8.5 SE without pairs; 2.5 and 6.3 SE with pairs, whose bias is smaller), the
        // jackknifed one's O(1/M²) within 4 of them (measured: at most 1 SE).
        const int copies = 20_000;
        var exact = QuadraticEnergy.Reference.ExactTargetDrift(X, s);
        var (plain, plainError) = RepeatedEstimate(QuadraticEnergy.Reference, X, s, copies, proposals, antithetic, seed: 21, jackknife: false);
        var (jackknifed, jackknifedError) = RepeatedEstimate(QuadraticEnergy.Reference, X, s, copies, proposals, antithetic, seed: 21);
        double worstPlain = Enumerable.Range(0, 2).Max(k => Math.Abs(plain[k] - exact[k]) / plainError[k]);
        Assert.True(worstPlain > 5, $"the plain estimate should be visibly biased: {worstPlain:F1} SE at most");
        for (int k = 0; k < 2; k++)
            NumericAssert.Close(exact[k], jackknifed[k], 4 * jackknifedError[k], $"jackknifed V+[{k}] (SE {jackknifedError[k]:g3})");
    }

    [Fact]
    public void Below_eight_groups_the_jackknife_is_not_applied()
    {
        // With 4 antithetic pairs the jackknife overshoots as far as the plain estimate misses (measured at s = 1.5:
        // -12.7 SE plain, +11.2 SE jackknifed), so the estimator leaves such estimates alone.
        float[] points = Repeat(X, 16);
        var plain = new float[points.Length];
        new ImportanceSamplingDrift(QuadraticEnergy.Reference, 8, jackknife: false).Estimate(points, 1.5, plain, 5, new DriftDiagnostics());
        var asked = new float[points.Length];
        new ImportanceSamplingDrift(QuadraticEnergy.Reference, 8).Estimate(points, 1.5, asked, 5, new DriftDiagnostics());
        Assert.Equal(plain, asked);
    }

    [Fact]
    public void The_jackknife_keeps_the_plain_estimate_when_one_pair_holds_all_the_weight()
    {
        // A sharp quadratic far from its mode at a wide window: one proposal pair takes essentially all the weight, the
        // estimate without it is undefined, and the sample keeps the plain estimate.
        var sharp = new QuadraticEnergy([4000, 0, 0, 4000], 2);
        float[] points = Repeat([3, -2], 16);
        var plain = new float[points.Length];
        new ImportanceSamplingDrift(sharp, 16, jackknife: false).Estimate(points, 1.0, plain, 5, new DriftDiagnostics());
        var jackknifed = new float[points.Length];
        new ImportanceSamplingDrift(sharp, 16).Estimate(points, 1.0, jackknifed, 5, new DriftDiagnostics());
        Assert.Equal(plain, jackknifed);
        Assert.All(jackknifed, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Antithetic_pairs_cancel_exactly_on_a_flat_energy_and_reduce_the_variance_on_a_quadratic()
    {
        var flat = new QuadraticEnergy([0, 0, 0, 0], 2);
        float[] points = Repeat(X, 16);
        var antithetic = Estimate(flat, points, 64, antithetic: true, seed: 3, new DriftDiagnostics());
        var plain = Estimate(flat, points, 64, antithetic: false, seed: 3, new DriftDiagnostics());
        Assert.All(antithetic, v => Assert.True(Math.Abs(v) < 1e-6, $"{v}"));
        // Without pairs the flat-energy estimate is s·mean(ξ): of order s/√M, not zero.
        Assert.True(plain.Max(Math.Abs) > 0.01);

        // Pairs remove the odd part of the noise, s·mean(ξ), which dominates where s|∇E| is small (near a mode; at
        // the reference point s|∇E| ≈ 0.8 and the reduction is slight).
        double[] nearMode = [0.2, -0.1];
        var (_, seAntithetic) = RepeatedEstimate(QuadraticEnergy.Reference, nearMode, S, 64, 256, antithetic: true, seed: 4);
        var (_, sePlain) = RepeatedEstimate(QuadraticEnergy.Reference, nearMode, S, 64, 256, antithetic: false, seed: 4);
        // The estimated standard errors carry ~9% relative noise each (N = 64); a halving is far outside that.
        for (int k = 0; k < 2; k++)
            Assert.True(seAntithetic[k] < 0.5 * sePlain[k], $"component {k}: antithetic SE {seAntithetic[k]:g3} vs plain {sePlain[k]:g3}");
    }

    [Fact]
    public void Antithetic_sampling_needs_an_even_proposal_count()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImportanceSamplingDrift(QuadraticEnergy.Reference, 7, antithetic: true));
        Assert.Contains("7", error.Message);
        _ = new ImportanceSamplingDrift(QuadraticEnergy.Reference, 7, antithetic: false);
        Assert.Throws<ArgumentException>(() => new ImportanceSamplingDrift(QuadraticEnergy.Reference, 0, antithetic: false));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_proposals_get_zero_weight_and_are_counted(double replacement)
    {
        // Everything right of x1 = 1 is "outside the support": about half of the window around x = (1, -0.7).
        var energy = new MaskedEnergy(QuadraticEnergy.Reference, y => y[0] > 1, replacement);
        float[] points = Repeat(X, 40);
        var diagnostics = new DriftDiagnostics();
        var drift = Estimate(energy, points, 64, antithetic: true, seed: 5, diagnostics);

        Assert.Equal(energy.Replaced, diagnostics.NonFiniteEnergies);
        Assert.InRange(diagnostics.NonFiniteEnergies, 40 * 64 / 4, 40 * 64 * 3 / 4);
        Assert.Equal(0, diagnostics.SamplesWithoutTargetInformation);
        Assert.Equal(40 * 64, diagnostics.EnergyEvaluations);
        Assert.All(drift, v => Assert.True(float.IsFinite(v)));
        // Only proposals with y1 <= x1 carry weight, so every estimate points left.
        for (int i = 0; i < 40; i++) Assert.True(drift[2 * i] < 0, $"sample {i}: V+[0] = {drift[2 * i]}");

        // NaN and +∞ are the same thing to the estimator: zero weight, identical results for the same seed.
        var infinite = new MaskedEnergy(QuadraticEnergy.Reference, y => y[0] > 1, double.PositiveInfinity);
        Assert.Equal(drift, Estimate(infinite, points, 64, antithetic: true, seed: 5, new DriftDiagnostics()));
    }

    [Fact]
    public void A_sample_whose_proposals_are_all_non_finite_gets_zero_drift_and_is_reported()
    {
        var energy = new MaskedEnergy(QuadraticEnergy.Reference, y => y[0] < 0, double.NaN);
        // Samples 0..2 sit far left (every proposal masked), sample 3 at x = (1, -0.7) (none masked for s = 0.5
        // except beyond 2 s: very rare), sample 4 far left again.
        float[] points = [-10, 0, -20, 1, -30, -1, 1f, -0.7f, -10, 5];
        var diagnostics = new DriftDiagnostics();
        var drift = Estimate(energy, points, 32, antithetic: true, seed: 6, diagnostics);
        Assert.Equal(4, diagnostics.SamplesWithoutTargetInformation);
        Assert.True(diagnostics.NonFiniteEnergies >= 4 * 32);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f], drift[..6]);
        Assert.Equal([0f, 0f], drift[8..]);
        Assert.True(drift[6] != 0 && float.IsFinite(drift[6]));
    }

    [Fact]
    public void Minus_infinity_energy_is_an_error_not_a_weight()
    {
        var energy = new MaskedEnergy(QuadraticEnergy.Reference, y => y[0] > 1, double.NegativeInfinity);
        var error = Assert.Throws<ArithmeticException>(() => Estimate(energy, Repeat(X, 2), 16, true, 7, new DriftDiagnostics()));
        Assert.Contains("-∞", error.Message);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(8.0)]
    public void Effective_sample_size_lies_between_one_and_the_proposal_count(double bandwidth)
    {
        const int m = 64;
        var gmm4 = Targets.Get("gmm4").Energy;
        var rng = new Rng(8);
        var points = new float[2 * 50];
        rng.FillGaussian(points);
        for (int i = 0; i < points.Length; i++) points[i] *= 3;
        var diagnostics = new DriftDiagnostics();
        var drift = new float[points.Length];
        new ImportanceSamplingDrift(gmm4, m).Estimate(points, bandwidth, drift, 9, diagnostics);
        Assert.InRange(diagnostics.MeanEffectiveSampleSize, 1, m);
    }

    [Fact]
    public void Effective_sample_size_is_the_proposal_count_for_equal_weights_and_near_one_for_a_sharp_energy()
    {
        var flat = new DriftDiagnostics();
        Estimate(new QuadraticEnergy([0, 0, 0, 0], 2), Repeat(X, 8), 64, true, 10, flat);
        NumericAssert.Close(64, flat.MeanEffectiveSampleSize, 64 * 1e-5);

        var sharp = new DriftDiagnostics();
        Estimate(new QuadraticEnergy([1e4, 0, 0, 1e4], 2), Repeat(X, 8), 64, true, 10, sharp);
        Assert.InRange(sharp.MeanEffectiveSampleSize, 1, 2);
    }

    [Fact]
    public void Counters_accumulate_over_calls_and_the_result_is_independent_of_threads()
    {
        var energy = Targets.Get("double-well").Energy;
        var rng = new Rng(11);
        var points = new float[2 * 100];  // several 16-sample chunks
        rng.FillGaussian(points);
        var diagnostics = new DriftDiagnostics();
        var serial = new float[points.Length];
        new ImportanceSamplingDrift(energy, 32).Estimate(points, 1.0, serial, 12, diagnostics);
        var parallel = new float[points.Length];
        new ImportanceSamplingDrift(energy, 32, parallelism: new Parallelism(3)).Estimate(points, 1.0, parallel, 12, diagnostics);
        Assert.Equal(serial, parallel);
        Assert.Equal(2 * 100 * 32, diagnostics.EnergyEvaluations);

        var otherSeed = new float[points.Length];
        new ImportanceSamplingDrift(energy, 32).Estimate(points, 1.0, otherSeed, 13, new DriftDiagnostics());
        Assert.NotEqual(serial, otherSeed);
    }

    internal static float[] Repeat(double[] x, int copies) =>
        Enumerable.Range(0, copies).SelectMany(_ => x.Select(v => (float)v)).ToArray();

    private static float[] Estimate(Energy energy, float[] points, int proposals, bool antithetic, ulong seed, DriftDiagnostics diagnostics)
    {
        var drift = new float[points.Length];
        new ImportanceSamplingDrift(energy, proposals, antithetic).Estimate(points, S, drift, seed, diagnostics);
        return drift;
    }

    /// <summary>Mean and standard error of the mean of <paramref name="copies"/> independent estimates at x.</summary>
    private static (double[] Mean, double[] StandardError) RepeatedEstimate(Energy energy, double[] x, double s, int copies, int proposals, bool antithetic, ulong seed,
        bool jackknife = true)
    {
        int d = x.Length;
        var drift = new float[copies * d];
        new ImportanceSamplingDrift(energy, proposals, antithetic, jackknife: jackknife).Estimate(Repeat(x, copies), s, drift, seed, new DriftDiagnostics());
        var mean = new double[d];
        var standardError = new double[d];
        for (int k = 0; k < d; k++)
        {
            var values = Enumerable.Range(0, copies).Select(i => (double)drift[i * d + k]).ToArray();
            mean[k] = values.Average();
            double variance = values.Sum(v => (v - mean[k]) * (v - mean[k])) / (copies - 1);
            standardError[k] = Math.Sqrt(variance / copies);
        }
        return (mean, standardError);
    }
}
