using BoltzDrift.Energies;

namespace BoltzDrift.Training;

/// <summary>
/// Training settings tuned per built-in target, so that <c>train --target NAME</c> works without
/// flags. Each entry records why it differs from the general default; the measurements behind them
/// are in the notes of issue #2 and in README.
/// </summary>
public static class TargetDefaults
{
    /// <summary>
    /// The tuned configuration for <paramref name="target"/> (the general default for unknown names); for the
    /// particle targets, with the generator's output kept at zero centre of mass (<see cref="TrainingConfig.CentredParticles"/>).
    /// </summary>
    public static TrainingConfig For(string target) => Tuned(target) with
    {
        CentredParticles = Targets.TryGet(target, out var builtIn) ? builtIn.Particles : null,
    };

    private static TrainingConfig Tuned(string target) => target.ToLowerInvariant() switch
    {
        // The noise of V acts as extra temperature and widens the modes (docs/method.md §7). Doubling the
        // batch halves the sampler-side variance, and more proposals at the largest bandwidth cut the
        // self-normalised estimator's bias there: covariance error 0.041-0.052 -> 0.025-0.032 over seeds 0-2.
        "gmm4" => new TrainingConfig { Target = "gmm4", Batch = 2048, ProposalsLargestBandwidth = 256 },
        // Mass must move between wells of unequal depth. From the default start (spread about 0.5 around
        // the barrier) every sample first falls into the deep well, and with accurate drifts the shallow
        // well was never found again (P(x1 > 0) = 1 with M = 256 or 512); a wide start (--initial-spread 4)
        // puts mass in both wells from step 1. The importance-sampling bias at large bandwidths then sets
        // the well masses, falling with the proposal count: P(x1 > 0) = 0.80 (M = 64), 0.83 (128, 512 at
        // the largest bandwidth), 0.838 (256, 1024), 0.840 (512, 2048); exact 0.844.
        "double-well" => new TrainingConfig { Target = "double-well", InitialSpread = 4, Proposals = 256, ProposalsLargestBandwidth = 1024 },
        // A single curved ridge 0.5 wide: no mode finding is needed, and at s = 2 almost every proposal
        // lands far up the ridge's walls (ESS near 1), whose biased drift made the samples 7-17% too
        // wide. Smaller bandwidths: covariance error 0.46 -> 0.05 (floor 0.022).
        "banana" => new TrainingConfig { Target = "banana", Bandwidths = [0.2, 0.5, 1] },
        // 40 modes of std 1.3 spread over [-40, 40]²: the untrained generator must already cover that square
        // (spread about 30), and the bandwidths scale with the span so that the largest term sees
        // neighbouring modes (about 10 apart). First setting tried (issue #5): W2 4.72 on 1,000 vs 1,000
        // points (floor 3.67, iDEM 7.70), all 40 modes populated, seed 0.
        "gmm40" => new TrainingConfig { Target = "gmm40", InitialSpread = 60, Bandwidths = [1, 4, 16], Batch = 2048, ProposalsLargestBandwidth = 256 },
        // 25 modes of std 0.55 on a 5 x 5 grid 5 apart: the generator must learn a five-step staircase per axis.
        // With the gmm40 recipe (3 x 128 network, 2,000 steps) the marginals stayed almost uniform over
        // [-11, 11] (MMD² 0.0125, floor 0.0001; W2 1.50); 256 proposals at every bandwidth, a wider network, more
        // noise dimensions, a larger learning rate, the hybrid estimator, annealing the bandwidths, a late
        // learning-rate cut or a sharper first layer did not change that (MMD² 0.0099-0.0141). Depth and
        // training time did: 5 hidden layers, 2,000 steps: MMD² 0.0088; 6,000 steps: MMD² 0.0014, W2 1.15
        // (floor 1.22), energy W2 2.4; 12,000 steps: MMD² 0.00014, energy W2 1.1, but 14 minutes. Seed 0.
        "gmm25" => new TrainingConfig { Target = "gmm25", InitialSpread = 30, Bandwidths = [0.5, 2, 6], Batch = 2048, ProposalsLargestBandwidth = 256, HiddenLayers = 5, Steps = 6000 },
        // Four particles whose six distances sit near 2.5 or 5.5: a one-step MLP must carve its noise among
        // the permutations, and samples between them have particles too close (energy W2 29-37 with the
        // general settings, symmetry-aware W2 1.06-1.16 for spreads 1 and 4 and bandwidths down to 0.1).
        // As for gmm25, depth and training time sharpen the carving: 5 hidden layers and 6,000 steps give
        // symmetry-aware W2 0.67 (floor 0.23), energy W2 14.1, seed 0.
        "dw4" => new TrainingConfig { Target = "dw4", InitialSpread = 4, HiddenLayers = 5, Steps = 6000 },
        // 13 Lennard-Jones particles in 3-D (d = 39). The importance-sampling weights are degenerate here (ESS
        // 1.4 of 64 at the general bandwidths {0.3, 1, 2}), and the largest bandwidth decides the temperature:
        // up to 1 or 2, 68-97% of samples had overlapping particles (median energy 140-17,000, reference 0.1);
        // up to 0.3 or 0.5 the samples were too cold (median -33 to -38: the sampler-side mean shift sees
        // almost no neighbours in 39-D); 0.7 sat between (median -12, but 3% overlapping, energy W2 400).
        // {0.05, 0.15, 0.5} from a start spread 3 (particles apart) gave the smallest energy W2, 33, seed 0.
        "lj13" => new TrainingConfig { Target = "lj13", InitialSpread = 3, Bandwidths = [0.05, 0.15, 0.5] },
        // 32 wells of std 0.18 at x_i = ±2 in 5-D: samples must start in every well (spread 6), and the
        // bandwidths must come down to the well width; with {0.3, 1, 2} samples were too wide (median energy
        // 8.7 against 2.2 exact, energy W2 10.2); {0.1, 0.5, 2}: median energy 2.1, energy W2 5.2, W2 0.98
        // (floor 1.10), Sinkhorn 0.95 (floor 1.20), seed 0. A late learning-rate cut to 0.02x, or first-layer
        // weights initialised 5x larger, changed nothing or hurt (energy W2 5.0, 37.6).
        "mw5" => new TrainingConfig { Target = "mw5", InitialSpread = 6, Bandwidths = [0.1, 0.5, 2], Batch = 2048, ProposalsLargestBandwidth = 256 },
        // 16 double wells in 32-D: as for double-well, a wide start puts samples in both wells of every pair.
        // The importance-sampling weights are degenerate here (ESS 1.4-1.6 of 64 proposals), and the largest
        // bandwidth's bias pushes every pair into its deeper well; see the issue #5 notes.
        "manywell32" => new TrainingConfig { Target = "manywell32", InitialSpread = 4 },
        // x0 ~ N(0, 9) and x_i up to e^(x0/2) ~ 20-90: the untrained generator must already be wide (spread 20)
        // and the bandwidths span the funnel's scales. With the general defaults Var(x0) came out 0.95
        // (exact 9) and W2 29.0; spread 20 with {1, 4, 16}: Var(x0) 6.2, W2 27.8 (floor 25.3), seed 0.
        "funnel10" => new TrainingConfig { Target = "funnel10", InitialSpread = 20, Bandwidths = [1, 4, 16], ProposalsLargestBandwidth = 256 },
        _ => new TrainingConfig { Target = target },
    };
}
