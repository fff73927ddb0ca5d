using BoltzDrift.Metrics.Modes;
using BoltzDrift.Metrics.Transport;
using BoltzDrift.Numerics;

namespace BoltzDrift.Metrics;

/// <summary>Which transport and mode metrics <see cref="TransportEvaluator"/> computes, and how.</summary>
public sealed record TransportOptions
{
    /// <summary>Points per side: the first min(N, SampleSize) samples against as many reference points
    /// (METRICS.md: 2,000; 1,000 for gmm40).</summary>
    public int SampleSize { get; init; } = 2_000;

    /// <summary>Exact W2 on the raw coordinates.</summary>
    public bool W2 { get; init; } = true;

    /// <summary>Sliced W2 with <see cref="SlicedDirections"/> directions from <see cref="SlicedSeed"/>.</summary>
    public bool SlicedW2 { get; init; } = true;

    public int SlicedDirections { get; init; } = SlicedWasserstein.DefaultDirections;

    public ulong SlicedSeed { get; init; }

    /// <summary>Energy W2 (not squared).</summary>
    public bool EnergyW2 { get; init; } = true;

    /// <summary>The debiased Sinkhorn divergence (its slowest metric: several seconds at 2,000 points).</summary>
    public bool Sinkhorn { get; init; } = true;

    public SinkhornOptions SinkhornOptions { get; init; } = new();

    /// <summary>Particle layout for the symmetry-aware W2; null looks the target's name up (<see cref="ParticleLayout.ForTarget"/>).</summary>
    public ParticleLayout? Particles { get; init; }

    public SymmetryAlignmentOptions SymmetryOptions { get; init; } = new();

    /// <summary>Mode definition; null uses <see cref="ModeDefinition.ForTarget"/> (none for targets without known modes).</summary>
    public ModeDefinition? Modes { get; init; }

    /// <summary>Threads for the cost matrices and Sinkhorn; null uses every core.</summary>
    public Parallelism? Parallelism { get; init; }
}
