using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Training;
using BoltzDrift.Training.Pilot;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Drift;

/// <summary>The block-factorised drift for separable energies (docs/method.md §10).</summary>
public class BlockDriftTests
{
    /// <summary>Two double wells in (x0, x1) and (x2, x3): separable into the blocks {0}, {1}, {2}, {3}.</summary>
    private static Energy TwoWells() => BoltzDrift.Suite.SuiteCatalog.ManyWell(2).Energy;

    private static readonly int[][] Singletons = [[0], [1], [2], [3]];

    /// <summary>Independent Gaussians with standard deviations σ_k: V+ = -s² x_k / (σ_k² + s²) exactly.</summary>
    private static readonly double[] Sigmas = [0.5, 1, 2, 3];

    private static Energy AxisGaussian() => Targets.FromExpression("x0^2/(2*0.5^2) + x1^2/2 + x2^2/(2*2^2) + x3^2/(2*3^2)", 4).Energy;

    private static float[] Batch(int n, int d, ulong seed, double scale = 1.5)
    {
        var rng = new Rng(seed);
        var points = new float[n * d];
        rng.FillGaussian(points);
        for (int i = 0; i < points.Length; i++) points[i] *= (float)scale;
        return points;
    }

    [Fact]
    public void A_block_restricted_estimator_moves_only_its_block_and_its_drift_is_zero_elsewhere()
    {
        const int n = 40, d = 4;
        var points = Batch(n, d, seed: 1);
        var drift = new float[n * d];
        var diagnostics = new DriftDiagnostics();
        new ImportanceSamplingDrift(TwoWells(), 16, block: [1, 3]).Estimate(points, 0.7, drift, 9, diagnostics);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(0f, drift[i * d + 0]);
            Assert.Equal(0f, drift[i * d + 2]);
        }
        Assert.Contains(drift, v => v != 0);
        Assert.Equal(n * 16L, diagnostics.EnergyEvaluations);
    }

    [Fact]
    public void For_a_separable_energy_a_blocks_drift_does_not_depend_on_the_other_blocks()
    {
        const int n = 64, d = 4;
        var points = Batch(n, d, seed: 2);
        var moved = (float[])points.Clone();
        for (int i = 0; i < n; i++) { moved[i * d + 2] += 1.3f; moved[i * d + 3] -= 0.8f; }   // block {2, 3} moves
        var estimator = new ImportanceSamplingDrift(TwoWells(), 32, block: [0, 1]);
        var before = new float[n * d];
        var after = new float[n * d];
        estimator.Estimate(points, 1.0, before, 5, new DriftDiagnostics());
        estimator.Estimate(moved, 1.0, after, 5, new DriftDiagnostics());
        // Same proposals (same seed); the weights differ only by float32 rounding of the other block's energy.
        for (int i = 0; i < n * d; i++) NumericAssert.Close(before[i], after[i], 1e-3 * (1 + Math.Abs(before[i])), $"value {i}");
    }

    [Fact]
    public void Block_importance_sampling_matches_the_exact_drift_of_a_separable_gaussian_within_its_Monte_Carlo_error()
    {
        // Many independent estimates at one point (rows of one batch): their mean has standard error sd/√copies.
        const int copies = 256, proposals = 1024, d = 4;
        const double s = 1.0;
        double[] x = [0.6, -1.2, 2.5, -3.0];
        var points = new float[copies * d];
        for (int i = 0; i < copies; i++) for (int k = 0; k < d; k++) points[i * d + k] = (float)x[k];
        var drift = new float[copies * d];
        var diagnostics = new DriftDiagnostics();
        var estimator = new BlockImportanceSamplingDrift(AxisGaussian(), Singletons, proposals);
        estimator.Estimate(points, s, drift, 3, diagnostics);
        Assert.Equal((long)copies * proposals * Singletons.Length, diagnostics.EnergyEvaluations);
        for (int k = 0; k < d; k++)
        {
            var values = Enumerable.Range(0, copies).Select(i => (double)drift[i * d + k]).ToArray();
            double mean = values.Average();
            double standardError = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (copies - 1) / copies);
            double exact = -s * s * x[k] / (Sigmas[k] * Sigmas[k] + s * s);
            NumericAssert.Close(exact, mean, 4 * standardError + 1e-4, $"V+[{k}] (SE {standardError:g3})");
        }
        // Proposals in one coordinate at a time see a one-dimensional posterior: far from degenerate.
        Assert.True(diagnostics.MeanEffectiveSampleSize > 100, $"block ESS {diagnostics.MeanEffectiveSampleSize:g3} of {proposals}");
    }

    [Fact]
    public void On_the_blocks_own_energies_the_drift_is_the_one_from_full_points_evaluated_with_the_whole_energy()
    {
        // Same seed: the same block noise is drawn either way, and E(y) - E(x) = E_b(y_b) - E_b(x_b), so only the
        // float32 rounding of the other blocks' terms (O(10) here, ulp ~1e-6) separates the weights.
        const int n = 48, d = 4;
        var points = Batch(n, d, seed: 4);
        int[][] blocks = [[0, 2], [1], [3]];
        var own = new BlockImportanceSamplingDrift(TwoWells(), blocks, 32);
        var whole = new BlockImportanceSamplingDrift(new ValuesOnlyEnergy(TwoWells()), blocks, 32);
        Assert.Equal((3, 0), (own.BlocksOnOwnEnergy, whole.BlocksOnOwnEnergy));
        var expected = new float[n * d];
        var actual = new float[n * d];
        var diagnostics = new DriftDiagnostics();
        whole.Estimate(points, 0.8, expected, 6, new DriftDiagnostics());
        own.Estimate(points, 0.8, actual, 6, diagnostics);
        for (int i = 0; i < n * d; i++) NumericAssert.Close(expected[i], actual[i], 2e-3 * (1 + Math.Abs(expected[i])), $"value {i}");
        Assert.Equal(n * 32L * blocks.Length, diagnostics.EnergyEvaluations);
    }

    [Fact]
    public void The_block_sampler_drift_is_the_mean_shift_of_each_blocks_columns()
    {
        const int n = 50, d = 4;
        int[][] blocks = [[0, 2], [1], [3]];
        var points = SamplerDriftTests.ClusterWithStragglers(n, d, seed: 7);
        double[] bandwidths = [0.2, 0.9];
        var drifts = new float[bandwidths.Length * n * d];
        var neighbours = new double[bandwidths.Length];
        var sampler = new BlockSamplerDrift(blocks, new SamplerDrift());
        sampler.Measure(points, d);
        sampler.Estimate(bandwidths, drifts, neighbours);
        var smallest = new double[bandwidths.Length];
        Array.Fill(smallest, double.PositiveInfinity);
        foreach (var block in blocks)
        {
            var columns = new float[n * block.Length];
            CoordinateBlocks.Gather(points, d, block, columns);
            var expected = new float[bandwidths.Length * n * block.Length];
            var blockNeighbours = new double[bandwidths.Length];
            var kernel = new SamplerDrift();
            kernel.Measure(columns, block.Length);
            kernel.Estimate(bandwidths, expected, blockNeighbours);
            for (int t = 0; t < bandwidths.Length; t++)
            {
                smallest[t] = Math.Min(smallest[t], blockNeighbours[t]);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < block.Length; j++)
                        Assert.Equal(expected[(t * n + i) * block.Length + j], drifts[(t * n + i) * d + block[j]]);
            }
        }
        Assert.Equal(smallest, neighbours);
    }

    [Fact]
    public void The_block_sampler_drift_passes_each_blocks_columns_of_the_extra_samples_to_the_kernel()
    {
        const int n = 20, m = 35, d = 3;
        int[][] blocks = [[0, 2], [1]];
        var all = SamplerDriftTests.ClusterWithStragglers(n + m, d, seed: 8);
        double[] bandwidths = [0.3, 1.1];
        var withExtra = new float[bandwidths.Length * n * d];
        var sampler = new BlockSamplerDrift(blocks, new SamplerDrift());
        sampler.Measure(all.AsSpan(0, n * d), d, all.AsSpan(n * d));
        sampler.Estimate(bandwidths, withExtra, new double[bandwidths.Length]);
        var combined = new float[bandwidths.Length * (n + m) * d];
        var combinedSampler = new BlockSamplerDrift(blocks, new SamplerDrift());
        combinedSampler.Measure(all, d);
        combinedSampler.Estimate(bandwidths, combined, new double[bandwidths.Length]);
        for (int t = 0; t < bandwidths.Length; t++)
            Assert.Equal(combined.AsSpan(t * (n + m) * d, n * d).ToArray(), withExtra.AsSpan(t * n * d, n * d).ToArray());
    }

    [Fact]
    public void With_blocks_the_field_adds_a_joint_term_at_the_largest_bandwidth_whose_target_side_is_the_blocks()
    {
        const int n = 60, d = 4;
        var energy = AxisGaussian();
        var points = Batch(n, d, seed: 11);
        double[] bandwidths = [0.4, 2.0];
        var target = new BlockImportanceSamplingDrift(energy, Singletons, 16);
        var field = new DriftField([target], new BlockSamplerDrift(Singletons, new SamplerDrift()), DriftNormalization.None, joint: new SamplerDrift());
        var drift = new float[n * d];
        var diagnostics = new DriftDiagnostics();
        field.Compute(points, d, bandwidths, drift, seed: 21, diagnostics);
        Assert.Equal(3, diagnostics.Terms.Count);
        Assert.Equal(2.0, diagnostics.Terms[2].Bandwidth);
        Assert.Equal(diagnostics.Terms[1].TargetRms, diagnostics.Terms[2].TargetRms);

        // Rebuilt from the parts: Σ_k (V+_k - V-_k over blocks) + (V+ at the largest - full-dimensional V-).
        var expected = new double[n * d];
        var blockMinus = new float[bandwidths.Length * n * d];
        var sampler = new BlockSamplerDrift(Singletons, new SamplerDrift());
        sampler.Measure(points, d);
        sampler.Estimate(bandwidths, blockMinus, new double[bandwidths.Length]);
        var jointMinus = new float[n * d];
        new SamplerDrift().Estimate(points, d, [bandwidths[1]], jointMinus);
        var plus = new float[n * d];
        for (int k = 0; k < bandwidths.Length; k++)
        {
            target.Estimate(points, bandwidths[k], plus, RandomStreams.Term(21, k), new DriftDiagnostics());
            for (int i = 0; i < n * d; i++) expected[i] += plus[i] - blockMinus[k * n * d + i] + (k == 1 ? plus[i] - jointMinus[i] : 0);
        }
        for (int i = 0; i < n * d; i++) NumericAssert.Close(expected[i], drift[i], 1e-5 * (1 + Math.Abs(expected[i])), $"value {i}");
    }

    [Fact]
    public void Blocks_that_do_not_partition_the_coordinates_are_refused_with_what_is_wrong()
    {
        Assert.Contains("more than one block", Assert.Throws<ArgumentException>(() => CoordinateBlocks.Check([[0, 1], [1]], 2)).Message);
        Assert.Contains("in no block", Assert.Throws<ArgumentException>(() => CoordinateBlocks.Check([[0]], 2)).Message);
        Assert.Contains("not a coordinate", Assert.Throws<ArgumentException>(() => CoordinateBlocks.Check([[0], [2]], 2)).Message);
        var config = new TrainingConfig { Target = "double-well", Blocks = [[0], [0]], Batch = 8, Width = 4, HiddenLayers = 1, Threads = 1 };
        Assert.StartsWith("--blocks:", Assert.Throws<ArgumentException>(() => new Trainer(config, Targets.Get("double-well").Energy)).Message);
    }

    [Fact]
    public void The_pilot_factorises_a_separable_energy_and_leaves_a_mixture_whole()
    {
        Assert.Equal([[0], [1], [2], [3]], AutoSettings.For(BoltzDrift.Suite.SuiteCatalog.ManyWell(2)).Blocks!);
        // gmm4's four equal modes on the corners of a square are a product of two 1-D mixtures: separable, but in
        // 2-D the batch resolves the joint density directly, so the drift is not factorised.
        var gmm4 = AutoSettings.For(Targets.Get("gmm4"));
        Assert.Equal([[0], [1]], gmm4.Pilot!.Blocks);
        Assert.Null(gmm4.Blocks);
        // Two isotropic modes on the diagonal: the Hessian is diagonal at both modes, but the coordinates interact
        // between them, which the mixed differences see.
        // In 8-D and up the modes are so far apart that at each of them, and between nearby points, the other mode's
        // influence is below e^-10: only the Hessian between the modes shows the coupling.
        foreach (int d in new[] { 4, 8, 16 })
            Assert.Single(AutoSettings.For(BoltzDrift.Suite.SuiteCatalog.TwoGaussians(d)).Pilot!.Blocks);
    }
}
