using BoltzDrift.Energies.Particles;
using BoltzDrift.Metrics.Modes;
using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;

namespace BoltzDrift.Metrics;

/// <summary>Which transport and mode metrics <see cref="TransportEvaluator"/> computes, and how.</summary>
public sealed record TransportOptions
{
    /// <summary>
    /// Which convention the switches below follow, for the report: <see cref="MetricProtocol.Ours"/>, or the
    /// field's as-published one (<see cref="PublishedProtocol.For"/> sets the switches for a target).
    /// </summary>
    public MetricProtocol Protocol { get; init; } = MetricProtocol.Ours;

    /// <summary>Points per side: the first min(N, SampleSize) samples against as many reference points
    /// (docs/metrics.md: 2,000; 1,000 for gmm40).</summary>
    public int SampleSize { get; init; } = 2_000;

    /// <summary>Exact W2 on the raw coordinates.</summary>
    public bool W2 { get; init; } = true;

    /// <summary>Sliced W2 with <see cref="SlicedDirections"/> directions from <see cref="SlicedSeed"/>.</summary>
    public bool SlicedW2 { get; init; } = true;

    public int SlicedDirections { get; init; } = SlicedWasserstein.DefaultDirections;

    public ulong SlicedSeed { get; init; }

    /// <summary>Energy W2 (not squared).</summary>
    public bool EnergyW2 { get; init; } = true;

    /// <summary>
    /// The debiased Sinkhorn divergence: with the symmetry-aware W2 of lj13, the slowest metric (about
    /// 10-30 core-seconds per evaluation at 2,000 points and epsilon 1e-3, twice with the floor).
    /// </summary>
    public bool Sinkhorn { get; init; } = true;

    public SinkhornOptions SinkhornOptions { get; init; } = new();

    /// <summary>
    /// The Sinkhorn divergence of the ASBS / AS / SCLD harness (docs/metrics.md, "As-published protocols"): one
    /// epsilon for all three terms, <see cref="HarnessSinkhornRelativeEpsilon"/> times the mean squared cost
    /// between the two sets, no square root.
    /// </summary>
    public bool HarnessSinkhorn { get; init; }

    /// <summary>The harness's relative epsilon (the default of the solver it calls): 0.05.</summary>
    public const double HarnessSinkhornRelativeEpsilon = 0.05;

    /// <summary>
    /// The exact reference set is stratified: exactly n/K points from each of the K equal-weight components
    /// of a Gaussian-mixture target (the ground truth behind Sendera et al.'s gmm25 figures), instead of i.i.d.
    /// The floor set stays i.i.d., as a sampler's output is.
    /// </summary>
    public bool StratifiedReference { get; init; }

    /// <summary>
    /// Unbiased squared RBF MMD with the median-heuristic bandwidth (<see cref="Mmd.MedianHeuristicBandwidth"/>
    /// of the reference and floor sets), the second MMD figure docs/metrics.md welcomes next to h = 1.
    /// </summary>
    public bool MedianMmd { get; init; } = true;

    /// <summary>
    /// Particle layout for the symmetry-aware W2; null uses the target's own (<see cref="Energies.Target.Particles"/>).
    /// For lj13 the metric costs about 160 core-seconds at 2,000 points (and as much for the floor); lower
    /// <see cref="SampleSize"/> to 1,000 for a quarter of that.
    /// </summary>
    public ParticleLayout? Particles { get; init; }

    /// <summary>The symmetry-minimised W2 (<see cref="SymmetryOptions"/>) of particle targets.</summary>
    public bool SymmetryAwareW2 { get; init; } = true;

    /// <summary>
    /// The field's geometric W2 of particle targets: one Hungarian matching, then one Kabsch fit, per pair
    /// (<see cref="SymmetryAlignmentMethod.HungarianThenKabsch"/>); never below the symmetry-minimised W2.
    /// </summary>
    public bool GeometricW2 { get; init; }

    public SymmetryAlignmentOptions SymmetryOptions { get; init; } = new();

    /// <summary>Mode-weight error and EMC, where the target has modes.</summary>
    public bool ModeWeights { get; init; } = true;

    /// <summary>Mode definition; null uses <see cref="ModeDefinition.ForTarget"/> (none for targets without known modes).</summary>
    public ModeDefinition? Modes { get; init; }

    /// <summary>Threads for the cost matrices and Sinkhorn; null uses every core.</summary>
    public Parallelism? Parallelism { get; init; }
}
