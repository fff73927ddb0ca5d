using System.Text.Json.Serialization;
using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Engine;

namespace BoltzDrift.Training;

/// <summary>Which estimator gives the target side of the drift.</summary>
public enum TargetEstimator
{
    /// <summary>Local importance-sampling mean shift: energies only (docs/method.md §3a).</summary>
    [JsonStringEnumMemberName("is")] ImportanceSampling,
    /// <summary>Curvature-corrected second-order drift: needs gradient and Hessian (§3b).</summary>
    [JsonStringEnumMemberName("curvature")] Curvature,
    /// <summary>
    /// Curvature-corrected drift for every bandwidth but the largest, importance sampling for the largest:
    /// the second-order expansion is exact locally but blind to other modes, and the largest bandwidth is
    /// the one that moves mass between them.
    /// </summary>
    [JsonStringEnumMemberName("hybrid")] Hybrid,
}

/// <summary>
/// Everything that determines a training run. Together with the library version it reproduces the
/// run exactly (for the same thread count); it is written into every run directory and checkpoint.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>Built-in target name, or <see cref="Targets.ExpressionName"/> for an <see cref="Energy"/> expression.</summary>
    public string Target { get; init; } = "gmm4";
    /// <summary>A user's energy as an expression over x0..x{D-1} (see <see cref="Energies.Expressions.EnergyExpression"/>); null for a built-in target.</summary>
    public string? Energy { get; init; }
    /// <summary>D, the dimension of <see cref="Energy"/>; null for a built-in target.</summary>
    public int? Dimension { get; init; }

    /// <summary>The target this configuration trains on: the built-in one it names, or its energy expression compiled.</summary>
    /// <exception cref="ArgumentException">Unknown target, or a malformed expression (an <see cref="Energies.Expressions.ExpressionParseException"/> naming the column).</exception>
    public Target ResolveTarget() => Energy is { } text
        ? Targets.FromExpression(text, Dimension ?? throw new ArgumentException("An energy expression needs its dimension (--dim D)."))
        : Targets.Get(Target);
    public TargetEstimator Estimator { get; init; } = TargetEstimator.ImportanceSampling;
    public int Steps { get; init; } = 2000;
    /// <summary>Generated samples per step (N).</summary>
    public int Batch { get; init; } = 1024;
    /// <summary>
    /// Generator samples the sampler-side mean shift estimates q from: the batch plus forward-only ones, drawn with the
    /// same weights, at which no drift is estimated and nothing is back-propagated (docs/method.md §4). Null or at most
    /// <see cref="Batch"/> = the batch alone.
    /// </summary>
    public int? SamplerSamples { get; init; }
    /// <summary>Forward-only samples drawn each step for the sampler side, beyond the batch.</summary>
    public int ExtraSamplerSamples => Math.Max(0, (SamplerSamples ?? Batch) - Batch);
    /// <summary>Importance-sampling proposals per sample and bandwidth (M).</summary>
    public int Proposals { get; init; } = 64;
    /// <summary>Proposals for the largest bandwidth term, where the weights are most degenerate (docs/method.md §7); null = <see cref="Proposals"/>.</summary>
    public int? ProposalsLargestBandwidth { get; init; }
    public bool Antithetic { get; init; } = true;
    /// <summary>Remove the importance-sampling estimate's O(1/M) self-normalisation bias by the jackknife (<see cref="ImportanceSamplingDrift.Jackknife"/>).</summary>
    public bool Jackknife { get; init; } = true;
    /// <summary>δ of the curvature estimator's eigenvalue clamp.</summary>
    public double CurvatureClampDelta { get; init; } = 0.5;
    /// <summary>Initial bandwidth of each summed term.</summary>
    public double[] Bandwidths { get; init; } = [0.3, 1, 2];
    /// <summary>Floors the bandwidths anneal to; null = constant bandwidths.</summary>
    public double[]? BandwidthFloors { get; init; }
    /// <summary>Exponential annealing rate per step.</summary>
    public double BandwidthDecay { get; init; }
    public DriftNormalization Normalization { get; init; } = DriftNormalization.Rms;
    public SelfPairMode SelfPair { get; init; } = SelfPairMode.Guarded;
    /// <summary>Every bandwidth is at least this times the batch's median nearest-neighbour distance, on both sides of the drift (0 = off).</summary>
    public double NeighbourFloor { get; init; } = 0.3;
    /// <summary>A bandwidth term whose sampler kernel sees fewer effective neighbours is down-weighted as (n_eff / this)², both sides (0 = off).</summary>
    public double MinEffectiveNeighbours { get; init; } = 5;
    /// <summary>
    /// Coordinate blocks the energy separates into, E(x) = Σ_b E_b(x_b): the drift is then computed block by block
    /// (<see cref="BlockImportanceSamplingDrift"/>, <see cref="BlockSamplerDrift"/>) plus one joint term at the largest
    /// bandwidth (docs/method.md §10). Null = every term over all coordinates at once. Set by the pilot when it finds
    /// the Hessian block-diagonal.
    /// </summary>
    public int[][]? Blocks { get; init; }
    /// <summary>η: the generated samples are pulled toward x + η V.</summary>
    public double StepSize { get; init; } = 1;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Fraction of training after which the learning rate is multiplied by <see cref="LearningRateDecayFactor"/>.</summary>
    public double LearningRateDecayStart { get; init; } = 0.7;
    public double LearningRateDecayFactor { get; init; } = 0.1;
    public double? MaxGradientNorm { get; init; }
    /// <summary>Decay of the exponential moving average of the weights used for sampling (0 = none).</summary>
    public double WeightAverageDecay { get; init; } = 0.99;
    /// <summary>
    /// Dimension of the generator's input noise; null = <see cref="NoiseDimensionFor"/>'s default. A generator
    /// fed fewer noise dimensions than the target has can only produce a lower-dimensional manifold.
    /// </summary>
    public int? NoiseDimension { get; init; }

    /// <summary>The noise dimension for a target of dimension <paramref name="targetDimension"/>: <see cref="NoiseDimension"/>, or max(4, d).</summary>
    public int NoiseDimensionFor(int targetDimension) => NoiseDimension ?? Math.Max(4, targetDimension);
    /// <summary>
    /// Scale of the untrained generator's output layer (about the initial spread of its samples, which is
    /// roughly 0.5 × this). A wider start puts mass in every basin from the first step, so mass need not
    /// cross barriers later (docs/method.md §5).
    /// </summary>
    public double InitialSpread { get; init; } = 1;
    public int Width { get; init; } = 128;
    public int HiddenLayers { get; init; } = 3;
    public ActivationKind Activation { get; init; } = ActivationKind.SiLU;
    /// <summary>
    /// For a translation-invariant particle target, its <see cref="Target.Particles"/>: the generator's output is
    /// then projected onto zero centre of mass, x = P f(ε), in training and sampling alike (nothing in the target
    /// side of the drift restrains the centre of mass, while the sampler side spreads it). Null = no projection,
    /// also for checkpoints written before this setting existed. <see cref="Pilot.AutoSettings.For"/> sets it for
    /// energies it finds translation-invariant.
    /// </summary>
    public ParticleLayout? CentredParticles { get; init; }
    public ulong Seed { get; init; }
    /// <summary>
    /// What the pilot measured on the energy, when the settings were derived from it (<see cref="Pilot.AutoSettings"/>);
    /// recorded for the user, never read by training. Null when every setting was given by hand.
    /// </summary>
    public Pilot.PilotFindings? Pilot { get; init; }
    /// <summary>Threads; results are reproducible for a given seed whatever this is.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Write a checkpoint every this many steps (0 = only at the end).</summary>
    public int CheckpointEvery { get; init; } = 500;

    /// <summary>Learning rate at step <paramref name="step"/>: constant, then cut once late in training.</summary>
    public double LearningRateAt(long step) =>
        step >= LearningRateDecayStart * Steps ? LearningRate * LearningRateDecayFactor : LearningRate;

    /// <summary>Largest bandwidth or initial spread: beyond it, squared distances overflow float32.</summary>
    private const double MaxScale = 1e6;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Require(Steps >= 1, $"--steps must be at least 1, got {Steps}.");
        Require(Batch >= 2, $"--batch must be at least 2, got {Batch}.");
        Require(SamplerSamples is null or >= 2, $"--sampler-samples must be at least 2, got {SamplerSamples}.");
        Require(Proposals >= 1, $"--proposals must be at least 1, got {Proposals}.");
        Require(!Antithetic || Proposals % 2 == 0, $"--proposals must be even with antithetic sampling, got {Proposals}.");
        Require(ProposalsLargestBandwidth is null || (ProposalsLargestBandwidth >= 1 && (!Antithetic || ProposalsLargestBandwidth % 2 == 0)),
            $"--proposals-large must be a positive (even, with antithetic sampling) count, got {ProposalsLargestBandwidth}.");
        Require(StepSize > 0 && double.IsFinite(StepSize), $"--step-size must be positive, got {StepSize}.");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"--lr must be positive and finite, got {LearningRate}.");
        Require(LearningRateDecayStart is >= 0 and <= 1, $"--lr-decay-start must lie in [0, 1] (a fraction of the steps), got {LearningRateDecayStart}.");
        Require(CheckpointEvery >= 0, $"--checkpoint-every must be at least 0 (0 = only the early and the final checkpoint), got {CheckpointEvery}.");
        Require(double.IsFinite(BandwidthDecay), $"--bandwidth-decay must be finite, got {BandwidthDecay}.");
        Require(Bandwidths.All(b => b <= MaxScale) && InitialSpread <= MaxScale,
            $"--bandwidths and --initial-spread must be at most {MaxScale:G} (training runs in float32), got {Math.Max(Bandwidths.DefaultIfEmpty().Max(), InitialSpread):G}.");
        Require(LearningRateDecayFactor > 0 && LearningRateDecayFactor <= 1, $"--lr-decay-factor must lie in (0, 1], got {LearningRateDecayFactor}.");
        Require(WeightAverageDecay >= 0 && WeightAverageDecay < 1, $"--ema must lie in [0, 1), got {WeightAverageDecay}.");
        Require(Threads >= 1, $"--threads must be at least 1, got {Threads}.");
        Require(MaxGradientNorm is null || (MaxGradientNorm > 0 && double.IsFinite(MaxGradientNorm.Value)), $"--clip must be positive and finite, got {MaxGradientNorm}.");
        Require(NoiseDimension is null or >= 1 && Width >= 1 && HiddenLayers >= 0, "Network sizes must be positive.");
        Require(InitialSpread > 0 && double.IsFinite(InitialSpread), $"--initial-spread must be positive, got {InitialSpread}.");
        Require(NeighbourFloor >= 0 && double.IsFinite(NeighbourFloor), $"--neighbour-floor must be non-negative, got {NeighbourFloor}.");
        Require(MinEffectiveNeighbours >= 0 && double.IsFinite(MinEffectiveNeighbours), $"--min-neighbours must be non-negative, got {MinEffectiveNeighbours}.");
        CentredParticles?.Validate();
        _ = BandwidthSchedule;  // validates bandwidths, floors and decay
    }

    /// <summary>The bandwidth schedule these options describe.</summary>
    [JsonIgnore]
    public BandwidthSchedule BandwidthSchedule => new(Bandwidths, BandwidthDecay, BandwidthFloors);
}
