using BoltzDrift.References;
using BoltzDrift.Training;

namespace BoltzDrift.Benchmarks;

/// <summary>What a benchmark runs: the budget, the seeds, the baselines and how they are run.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>The budget BoltzDrift trains under; the baselines get what it used.</summary>
    public required BenchmarkBudget Budget { get; init; }

    /// <summary>Seeds; every method runs once per seed.</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [0, 1, 2];

    /// <summary>Samples each method's metrics are computed on (docs/metrics.md: 100,000).</summary>
    public int SampleCount { get; init; } = 100_000;

    /// <summary>The MCMC baselines, in table order.</summary>
    public IReadOnlyList<McmcBaseline> Baselines { get; init; } = McmcBaseline.Standard;

    /// <summary>Chains, warm-up fraction and threads of the baselines (their evaluated sample count is <see cref="SampleCount"/>).</summary>
    public McmcSettings Mcmc { get; init; } = new();

    /// <summary>Whether each baseline also runs for BoltzDrift's wall time, besides its evaluation count.</summary>
    public bool EqualTimeBaselines { get; init; } = true;

    /// <summary>BoltzDrift's training configuration; null for the settings the pilot derives from the target's energy (<see cref="Training.Pilot.AutoSettings.For"/>, not counted in the budget).</summary>
    public TrainingConfig? Training { get; init; }

    /// <summary>
    /// Reference for a target without an exact sampler: a long-MCMC set (<see cref="ReferenceCache"/>), whose
    /// one half of the chains every run is compared against and whose other half gives the floors
    /// (<see cref="ReferenceSet.IndependentHalves"/>), or the DEM split (<see cref="DemReference"/>), drawn anew
    /// for every evaluation seed. Null for targets with an exact sampler.
    /// </summary>
    public ITransportReference? Reference { get; init; }

    /// <summary>
    /// The clock behind every time budget and measured time: BoltzDrift's time budget, the baselines'
    /// equal-time plans and the reported wall times. The system clock unless a test injects a deterministic one.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Seed s evaluates against exact reference and floor sets drawn from seed s + this offset.</summary>
    public ulong EvaluationSeedOffset { get; init; } = 12345;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Budget);
        if (Seeds.Count == 0) throw new ArgumentException("A benchmark needs at least one seed.");
        if (Seeds.Distinct().Count() != Seeds.Count) throw new ArgumentException("The seeds must be distinct.");
        if (SampleCount < 2) throw new ArgumentException($"The sample count must be at least 2, got {SampleCount}.");
        if (Mcmc.Chains < 1) throw new ArgumentException($"The baselines need at least one chain, got {Mcmc.Chains}.");
        if (Baselines.Select(b => b.Name).Distinct().Count() != Baselines.Count) throw new ArgumentException("Baseline names must be distinct.");
    }
}
