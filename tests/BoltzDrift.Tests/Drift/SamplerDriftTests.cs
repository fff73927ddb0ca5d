using BoltzDrift.Drift;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Drift;

public class SamplerDriftTests
{
    private const double U = 1.0 / (1 << 24);

    public static TheoryData<SelfPairMode> Modes => new(Enum.GetValues<SelfPairMode>());

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_mode_and_bandwidth_term_matches_a_double_precision_mean_shift(SelfPairMode mode)
    {
        // A dense cluster plus scattered points, so that for the small bandwidths some samples are isolated
        // (the guard active) and for the large ones none is.
        const int n = 50, d = 3;
        var points = ClusterWithStragglers(n, d, seed: 31);
        double[] bandwidths = [0.05, 0.3, 1, 5];
        var drifts = Enumerable.Repeat(float.NaN, bandwidths.Length * n * d).ToArray();
        new SamplerDrift(mode).Estimate(points, d, bandwidths, drifts);

        double scale = 1 + points.Max(v => Math.Abs(v));
        // Float32 distances, a length-n dot product and a difference of similar numbers: n·u of the coordinates' scale.
        double tolerance = 32 * n * U * scale;
        for (int t = 0; t < bandwidths.Length; t++)
        {
            var exact = NaiveMeanShift(points, d, bandwidths[t], mode);
            for (int i = 0; i < n * d; i++)
                NumericAssert.Close(exact[i], drifts[t * n * d + i], tolerance, $"{mode}, s = {bandwidths[t]}, value {i}");
        }
    }

    [Fact]
    public void Including_the_self_pair_is_the_leave_one_out_estimate_times_one_minus_the_self_weight()
    {
        // docs/method.md §4: V_include = (1 - a_ii) V_exclude, with a_ii = k_ii / Σ_j k_ij = 1 / (1 + Σ_{j≠i} k_ij).
        const int n = 40, d = 2;
        var points = ClusterWithStragglers(n, d, seed: 32);
        double[] bandwidths = [0.2, 0.7, 2];
        var include = new float[bandwidths.Length * n * d];
        var exclude = new float[bandwidths.Length * n * d];
        new SamplerDrift(SelfPairMode.Include).Estimate(points, d, bandwidths, include);
        new SamplerDrift(SelfPairMode.Exclude).Estimate(points, d, bandwidths, exclude);
        double tolerance = 32 * n * U * (1 + points.Max(v => Math.Abs(v)));
        for (int t = 0; t < bandwidths.Length; t++)
            for (int i = 0; i < n; i++)
            {
                double selfWeight = 1 / (1 + KernelMass(points, d, i, bandwidths[t]));
                for (int k = 0; k < d; k++)
                {
                    int at = (t * n + i) * d + k;
                    NumericAssert.Close((1 - selfWeight) * exclude[at], include[at], tolerance, $"s = {bandwidths[t]}, point {i}[{k}]");
                }
            }
    }

    [Fact]
    public void Guarded_is_leave_one_out_where_the_batch_is_dense()
    {
        const int n = 60, d = 2;
        var points = ClusterWithStragglers(n, d, seed: 33);
        double[] s = [0.4];
        var guarded = new float[n * d];
        var exclude = new float[n * d];
        new SamplerDrift(SelfPairMode.Guarded).Estimate(points, d, s, guarded);
        new SamplerDrift(SelfPairMode.Exclude).Estimate(points, d, s, exclude);
        int dense = 0;
        for (int i = 0; i < n; i++)
        {
            if (KernelMass(points, d, i, s[0]) < 1.01) continue;  // (margin: float32 masses near 1 may round either way)
            dense++;
            Assert.Equal(exclude[(i * d)..((i + 1) * d)], guarded[(i * d)..((i + 1) * d)]);
        }
        Assert.True(dense >= n / 2, $"only {dense} dense points: the test checks too little");
    }

    [Fact]
    public void Guarded_drift_of_a_pair_never_exceeds_s_over_root_e()
    {
        // Two points at distance r: V = k r with k = exp(-r²/2s²) <= 1 the self weight, maximal (s e^-1/2) at r = s.
        const double s = 0.8;
        double bound = s * Math.Exp(-0.5);
        double largest = 0;
        for (double r = 0; r <= 10 * s; r += s / 64)
        {
            var drift = new float[4];
            new SamplerDrift(SelfPairMode.Guarded).Estimate([0f, 0f, (float)r, 0f], 2, [s], drift);
            Assert.True(Math.Abs(drift[0]) <= bound * (1 + 1e-5), $"r = {r}: |V| = {drift[0]} > s e^-1/2 = {bound}");
            largest = Math.Max(largest, drift[0]);
        }
        NumericAssert.Close(bound, largest, bound * 1e-5, "maximum over r (at r = s)");
    }

    [Fact]
    public void Guarded_drift_is_bounded_by_s_root_two_log_batch_and_the_bound_is_attained()
    {
        // While Σ_{j≠i} k_ij <= 1, |V| <= Σ_j k_ij r_ij <= s √(2 ln(n-1)) (concavity of k √(2 ln 1/k), equality for n-1
        // equal weights 1/(n-1)); otherwise V is a convex combination weighted by k_ij/Σk and obeys the same bound.
        // Note: SelfPairMode.Guarded's doc comment quotes s e^-1/2, which holds only when one neighbour carries the mass.
        const double s = 0.5;
        foreach (int neighbours in new[] { 2, 8, 100 })
        {
            // x_0 at the origin, all neighbours stacked at r just beyond s √(2 ln N'), where their mass just drops below 1.
            double r = s * Math.Sqrt(2 * Math.Log(neighbours)) * 1.001;
            var points = new float[2 * (neighbours + 1)];
            for (int j = 1; j <= neighbours; j++) points[2 * j] = (float)r;
            var drift = new float[points.Length];
            new SamplerDrift(SelfPairMode.Guarded).Estimate(points, 2, [s], drift);
            double mass = neighbours * Math.Exp(-r * r / (2 * s * s));
            Assert.True(mass < 1);
            NumericAssert.Close(mass * r, drift[0], 1e-5 * r, $"{neighbours} neighbours");
            Assert.True(drift[0] <= s * Math.Sqrt(2 * Math.Log(neighbours)));
        }

        // Random batches over many bandwidths: the bound holds for every point.
        var rng = new Rng(34);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 3 + rng.NextInt(60);
            var points = new float[2 * n];
            rng.FillGaussian(points);
            double[] bandwidths = [0.01, 0.1, 0.5, 2, 20];
            var drifts = new float[bandwidths.Length * 2 * n];
            new SamplerDrift(SelfPairMode.Guarded).Estimate(points, 2, bandwidths, drifts);
            for (int t = 0; t < bandwidths.Length; t++)
            {
                double bound = bandwidths[t] * Math.Max(Math.Exp(-0.5), Math.Sqrt(2 * Math.Log(n - 1)));
                for (int i = 0; i < n; i++)
                {
                    double norm = Math.Sqrt(Sq(drifts[(t * n + i) * 2]) + Sq(drifts[(t * n + i) * 2 + 1]));
                    Assert.True(norm <= bound * (1 + 1e-4), $"n = {n}, s = {bandwidths[t]}: |V| = {norm} > {bound}");
                }
            }
        }
    }

    [Fact]
    public void A_sample_fifty_bandwidths_from_the_batch_gets_a_bounded_drift_unlike_leave_one_out()
    {
        const int n = 256, d = 2;
        const double s = 0.5;
        var rng = new Rng(35);
        var points = new float[n * d];
        rng.FillGaussian(points);
        float farthest = points.Max(Math.Abs);
        points[(n - 1) * d] = farthest + (float)(50 * s);  // x-coordinate: at least 50 s from every other point
        points[(n - 1) * d + 1] = 0;

        float[] Outlier(SelfPairMode mode)
        {
            var drift = new float[n * d];
            new SamplerDrift(mode).Estimate(points, d, [s], drift);
            Assert.All(drift, v => Assert.True(float.IsFinite(v)));
            return drift[((n - 1) * d)..];
        }
        var guarded = Outlier(SelfPairMode.Guarded);
        var exclude = Outlier(SelfPairMode.Exclude);
        var include = Outlier(SelfPairMode.Include);
        Assert.True(Norm(guarded) <= s * Math.Exp(-0.5), $"guarded |V| = {Norm(guarded)}");
        Assert.True(Norm(include) <= s * Math.Exp(-0.5), $"include |V| = {Norm(include)}");
        // Leave-one-out points the outlier at the batch, at least 50 s away: the sampler-side term -V- then pushes it
        // out by that much per step.
        Assert.True(-exclude[0] >= 50 * s * (1 - 1e-6), $"exclude V = ({exclude[0]}, {exclude[1]})");
    }

    [Fact]
    public void Pure_repulsion_cannot_run_away_with_the_guard_but_does_without_it()
    {
        // The sampler side alone (as when the target side carries no information): x ← x - η V-(x).
        // Guarded: each step moves a point by at most s √(2 ln(n-1)), so the spread grows at most linearly.
        // Exclude: an isolated point doubles its distance to its nearest neighbour every step (docs/method.md §7).
        const int n = 32, d = 2, steps = 60;
        const double s = 0.5, eta = 1;
        var start = new float[n * d];
        new Rng(36).FillGaussian(start);
        for (int i = 0; i < start.Length; i++) start[i] *= 0.2f;
        start[0] = (float)(3 * s);

        double Run(SelfPairMode mode)
        {
            var x = (float[])start.Clone();
            var v = new float[n * d];
            var sampler = new SamplerDrift(mode);
            for (int step = 0; step < steps; step++)
            {
                sampler.Estimate(x, d, [s], v);
                for (int i = 0; i < x.Length; i++) x[i] -= (float)(eta * v[i]);
                if (!x.All(float.IsFinite)) return double.PositiveInfinity;
            }
            return x.Max(Math.Abs);
        }
        double guardedBound = start.Max(Math.Abs) + steps * eta * s * Math.Sqrt(2 * Math.Log(n - 1));
        double guarded = Run(SelfPairMode.Guarded);
        Assert.True(guarded <= guardedBound, $"guarded: max |x| = {guarded} > {guardedBound}");
        double exclude = Run(SelfPairMode.Exclude);
        Assert.True(exclude > 1e6, $"leave-one-out stayed at max |x| = {exclude}: the guard test shows nothing");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void A_batch_drawn_from_the_target_has_no_drift_Tweedie_on_a_Gaussian(double s)
    {
        // q = p = N(0, A⁻¹). Tweedie: s² ∇log q_s(x) = m_q(x) - x = -s² (I + s²A)⁻¹ A x, which is also V+ exactly (the
        // curvature estimator is exact on quadratics), so V = V+ - V- must vanish up to the Monte-Carlo error of the
        // leave-one-out mean shift at x. Query points are appended to an exact batch (not drawn from it).
        var energy = QuadraticEnergy.Reference;
        const int n = 4000;
        float[] batch = energy.Sample(n, seed: 37);
        double[][] queries = [[1, -0.7], [0, 0], [-0.8, 1.2], [0.4, 0.9]];
        var field = new DriftField([new CurvatureDrift(energy)], new SamplerDrift(SelfPairMode.Exclude), DriftNormalization.None);
        var points = new float[2 * (n + 1)];
        batch.CopyTo(points, 0);
        var drift = new float[points.Length];
        foreach (var q in queries)
        {
            points[2 * n] = (float)q[0];
            points[2 * n + 1] = (float)q[1];
            field.Compute(points, 2, [s], drift, seed: 1, new DriftDiagnostics());

            // Standard error of the self-normalised mean shift at q (delta method): √Σ_j a_j² (x_j - m̂)².
            var (mean, weightsSquared, se) = MeanShiftStatistics(batch, q, s);
            double effectiveCount = 1 / weightsSquared;
            for (int k = 0; k < 2; k++)
                NumericAssert.Close(0, drift[2 * n + k], 4 * se[k] + s / effectiveCount,
                    $"V at ({q[0]}, {q[1]})[{k}], m̂ = {mean[k]:g4}, SE {se[k]:g3}, n_eff {effectiveCount:f0}");
            // The test can fail: away from the mode, dropping V- (or V+) would leave a drift many standard errors from zero.
            var exact = energy.ExactTargetDrift(q, s);
            if (q[0] != 0 || q[1] != 0) Assert.True(Math.Max(Math.Abs(exact[0]) / se[0], Math.Abs(exact[1]) / se[1]) > 5);
        }
    }

    [Fact]
    public void Needs_two_points_and_room_for_every_term()
    {
        Assert.Throws<ArgumentException>(() => new SamplerDrift(SelfPairMode.Guarded).Estimate([1f, 2f], 2, [1.0], new float[2]));
        Assert.Throws<ArgumentException>(() => new SamplerDrift(SelfPairMode.Guarded).Estimate([1f, 2f, 3f, 4f], 2, [1.0, 2.0], new float[4]));
    }

    [Fact]
    public void Result_is_independent_of_the_thread_count()
    {
        var points = ClusterWithStragglers(100, 2, seed: 38);
        var serial = new float[2 * 100 * 2];
        var parallel = new float[2 * 100 * 2];
        new SamplerDrift().Estimate(points, 2, [0.3, 1.5], serial);
        new SamplerDrift(parallelism: new Parallelism(3)).Estimate(points, 2, [0.3, 1.5], parallel);
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void Effective_neighbours_are_the_count_of_equally_weighted_neighbours()
    {
        // Points evenly spaced on a circle of radius 1 around the centre point 0: the centre's neighbours all weigh
        // the same, so n_eff = their count; coincident points likewise.
        const int n = 9;
        var points = new float[2 * n];
        var sampler = new SamplerDrift();
        sampler.Measure(points, 2);
        var neighbours = new double[2];
        sampler.Estimate([0.5, 3], new float[2 * n * 2], neighbours);
        Assert.Equal([n - 1, n - 1], neighbours);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Extra_samples_enter_the_kernel_sums_as_batch_points_at_which_no_drift_is_estimated(SelfPairMode mode)
    {
        // The batch's rows of V- with m extra samples are the same rows of V- of the batch and the extras taken as
        // one batch: the extras are further samples of q, nothing else. Every column is summed in the same order.
        const int n = 30, m = 45, d = 3;
        var all = ClusterWithStragglers(n + m, d, seed: 40);
        double[] bandwidths = [0.05, 0.4, 2];
        var combined = new float[bandwidths.Length * (n + m) * d];
        var combinedSampler = new SamplerDrift(mode);
        combinedSampler.Measure(all, d);
        combinedSampler.Estimate(bandwidths, combined, new double[bandwidths.Length]);

        var sampler = new SamplerDrift(mode);
        double nearest = sampler.Measure(all.AsSpan(0, n * d), d, all.AsSpan(n * d));
        var drifts = Enumerable.Repeat(float.NaN, bandwidths.Length * n * d).ToArray();
        sampler.Estimate(bandwidths, drifts, new double[bandwidths.Length]);
        for (int t = 0; t < bandwidths.Length; t++)
            Assert.Equal(combined.AsSpan(t * (n + m) * d, n * d).ToArray(), drifts.AsSpan(t * n * d, n * d).ToArray());

        // The nearest-neighbour distance is the batch's median, over neighbours among all n + m points.
        var distances = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n + m).Where(j => j != i)
            .Min(j => Math.Sqrt(SquaredDistance(all, d, i, j)))).Order().ToArray();
        NumericAssert.Close((distances[n / 2 - 1] + distances[n / 2]) / 2, nearest, 1e-4, "median nearest distance");
    }

    [Fact]
    public void A_single_point_with_extra_samples_has_a_drift()
    {
        var sampler = new SamplerDrift();
        sampler.Measure([0f, 0f], 2, [1f, 0f, 0f, 1f]);
        var drift = new float[2];
        sampler.Estimate([100.0], drift, new double[1]);
        // s ≫ every distance: the kernel weighs the two extras equally, V- = their mean minus the point.
        NumericAssert.Close(0.5, drift[0], 1e-4, "x");
        NumericAssert.Close(0.5, drift[1], 1e-4, "y");
    }

    /// <summary>80% of the points in N(0, 0.3²), the rest in N(0, 4²).</summary>
    internal static float[] ClusterWithStragglers(int n, int d, ulong seed)
    {
        var rng = new Rng(seed);
        var points = new float[n * d];
        rng.FillGaussian(points);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) points[i * d + k] *= i < 4 * n / 5 ? 0.3f : 4f;
        return points;
    }

    /// <summary>Σ_{j≠i} exp(-|x_i - x_j|² / 2s²), in double.</summary>
    private static double KernelMass(float[] x, int d, int i, double s)
    {
        int n = x.Length / d;
        double mass = 0;
        for (int j = 0; j < n; j++)
            if (j != i) mass += Math.Exp(-SquaredDistance(x, d, i, j) / (2 * s * s));
        return mass;
    }

    /// <summary>The sampler-side mean shift of SelfPairMode's documentation, in double, with the log-domain softmax.</summary>
    private static double[] NaiveMeanShift(float[] x, int d, double s, SelfPairMode mode)
    {
        int n = x.Length / d;
        var v = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            var logKernel = Enumerable.Range(0, n).Select(j => j == i ? double.NegativeInfinity : -SquaredDistance(x, d, i, j) / (2 * s * s)).ToArray();
            double max = logKernel.Max();
            var w = logKernel.Select(l => Math.Exp(l - max)).ToArray();
            double mass = w.Sum(), self = Math.Exp(-max);
            double denominator = mode switch
            {
                SelfPairMode.Exclude => mass,
                SelfPairMode.Include => mass + self,
                _ => Math.Max(mass, self),
            };
            for (int k = 0; k < d; k++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++) sum += w[j] * ((double)x[j * d + k] - x[i * d + k]);
                v[i * d + k] = sum / denominator;
            }
        }
        return v;
    }

    private static (double[] Mean, double WeightsSquared, double[] StandardError) MeanShiftStatistics(float[] batch, double[] q, double s)
    {
        int n = batch.Length / 2;
        var logKernel = Enumerable.Range(0, n).Select(j => -(Sq(batch[2 * j] - q[0]) + Sq(batch[2 * j + 1] - q[1])) / (2 * s * s)).ToArray();
        double max = logKernel.Max();
        var a = logKernel.Select(l => Math.Exp(l - max)).ToArray();
        double total = a.Sum();
        for (int j = 0; j < n; j++) a[j] /= total;
        var mean = new double[2];
        for (int j = 0; j < n; j++) { mean[0] += a[j] * batch[2 * j]; mean[1] += a[j] * batch[2 * j + 1]; }
        var se = new double[2];
        for (int k = 0; k < 2; k++) se[k] = Math.Sqrt(Enumerable.Range(0, n).Sum(j => a[j] * a[j] * Sq(batch[2 * j + k] - mean[k])));
        return (mean, a.Sum(w => w * w), se);
    }

    private static double SquaredDistance(float[] x, int d, int i, int j)
    {
        double sum = 0;
        for (int k = 0; k < d; k++) sum += Sq((double)x[i * d + k] - x[j * d + k]);
        return sum;
    }

    private static double Sq(double v) => v * v;

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));
}
