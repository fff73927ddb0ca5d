using BoltzDrift.Energies.Particles;
using BoltzDrift.Metrics.Modes;
using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;

namespace BoltzDrift.Metrics;

/// <summary>Which transport and mode metrics <see cref="TransportEvaluator"/> computes, and how.</summary>
public sealed record TransportOptions
{
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

    public SymmetryAlignmentOptions SymmetryOptions { get; init; } = new();

    /// <summary>Mode definition; null uses <see cref="ModeDefinition.ForTarget"/> (none for targets without known modes).</summary>
    public ModeDefinition? Modes { get; init; }

    /// <summary>Threads for the cost matrices and Sinkhorn; null uses every core.</summary>
    public Parallelism? Parallelism { get; init; }
}
