namespace BoltzDrift.Benchmarks;

/// <summary>
/// One method run once (one seed) in a benchmark: the quality of its samples and everything it cost.
/// For BoltzDrift "setup" is training and "sampling" drawing the evaluated samples in one pass; for an MCMC
/// baseline "setup" is initialisation and warm-up and "sampling" the recorded phase.
/// </summary>
public sealed record MethodRun
{
    /// <summary>Method name: "boltzdrift" or a baseline's name such as "mala".</summary>
    public required string Method { get; init; }

    /// <summary>How the method's resources were set.</summary>
    public required BudgetMatch Match { get; init; }

    /// <summary>Seed of the run.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Quality figures of the evaluated samples, each next to its exact-sample floor.</summary>
    public required IReadOnlyList<MetricValue> Metrics { get; init; }

    /// <summary>Samples evaluated (the protocol's 100,000 unless the run produced fewer).</summary>
    public required int EvaluatedSamples { get; init; }

    /// <summary>Energy values computed over the whole run (exact count).</summary>
    public required long EnergyEvaluations { get; init; }

    /// <summary>Gradients computed over the whole run (exact count; each also yields the energy).</summary>
    public required long GradientEvaluations { get; init; }

    /// <summary>Wall time of training (BoltzDrift) or initialisation and warm-up (MCMC), in seconds.</summary>
    public required double SetupSeconds { get; init; }

    /// <summary>Wall time of drawing the samples (BoltzDrift) or of the recorded sampling phase (MCMC), in seconds.</summary>
    public required double SamplingSeconds { get; init; }

    /// <summary>Training steps (BoltzDrift) or warm-up plus sampling steps (MCMC).</summary>
    public required long Steps { get; init; }

    /// <summary>Samples produced in the sampling phase: generated points, or T = 1 MCMC draws before thinning.</summary>
    public required long Draws { get; init; }

    /// <summary>
    /// Effective sample size of the sampling phase's draws (MCMC: <see cref="Baselines.BlockMeansEss"/>, the
    /// smallest over coordinates); null for BoltzDrift, whose samples are independent (ESS = draws).
    /// </summary>
    public required double? EffectiveSampleSize { get; init; }

    /// <summary>The largest rise of the managed heap over its size at the start of the run, in bytes (polled).</summary>
    public required long PeakManagedBytes { get; init; }

    /// <summary>What was run, e.g. "310 steps, batch 2048" or "128 chains, 400 + 1600 steps, thinning 2, acceptance 0.55".</summary>
    public required string Details { get; init; }

    /// <summary>Energy plus gradient evaluations: the quantity budgets are measured in.</summary>
    public long TotalEvaluations => EnergyEvaluations + GradientEvaluations;

    /// <summary>Wall time of the whole run, setup and sampling.</summary>
    public double TotalSeconds => SetupSeconds + SamplingSeconds;

    /// <summary>Sampling throughput: <see cref="Draws"/> per second of the sampling phase (after training or warm-up).</summary>
    public double SamplesPerSecond => Draws / SamplingSeconds;

    /// <summary>Effective samples per second of the whole run (warm-up included); null for BoltzDrift.</summary>
    public double? EssPerSecond => EffectiveSampleSize / TotalSeconds;

    /// <summary>The figure called <paramref name="key"/>, or null if this run has none.</summary>
    public MetricValue? Metric(string key) => Metrics.FirstOrDefault(m => m.Key == key);
}
