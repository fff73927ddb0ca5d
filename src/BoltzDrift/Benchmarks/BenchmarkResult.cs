using BoltzDrift.Metrics;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// Everything a benchmark measured: every run (method × match × seed), the per-method summaries over
/// seeds (BoltzDrift first, then each baseline at equal evaluations, then at equal time), the break-even
/// points of BoltzDrift against every baseline run, and their summaries.
/// </summary>
public sealed record BenchmarkResult
{
    /// <summary>Target name.</summary>
    public required string Target { get; init; }

    /// <summary>The budget BoltzDrift trained under.</summary>
    public required BenchmarkBudget Budget { get; init; }

    /// <summary>Seeds run.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>Samples each method was evaluated on.</summary>
    public required int SampleCount { get; init; }

    /// <summary>Chains of every MCMC baseline.</summary>
    public required int McmcChains { get; init; }

    /// <summary>Each baseline's description, by name.</summary>
    public required IReadOnlyDictionary<string, string> Baselines { get; init; }

    /// <summary>Every run, in the order run.</summary>
    public required IReadOnlyList<MethodRun> Runs { get; init; }

    /// <summary>One summary per method and match, in table order.</summary>
    public required IReadOnlyList<MethodSummary> Summaries { get; init; }

    /// <summary>Where the floors' independent sets come from: exact samples, or the second half of a long-MCMC reference set.</summary>
    public FloorSource FloorSource { get; init; } = FloorSource.Exact;

    /// <summary>A known limit of the reference every transport figure was computed against, or null (<see cref="References.ITransportReference.Caveat"/>).</summary>
    public string? ReferenceNote { get; init; }

    /// <summary>BoltzDrift against every baseline run of the same seed.</summary>
    public required IReadOnlyList<BreakEvenPoint> BreakEvenPoints { get; init; }

    /// <summary>The break-even points summarised per baseline and match, in table order.</summary>
    public required IReadOnlyList<BreakEvenSummary> BreakEven { get; init; }

    /// <summary>Wall time of the whole benchmark, in seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The process's peak working set when the benchmark ended, in bytes (all methods and seeds together).</summary>
    public required long ProcessPeakWorkingSetBytes { get; init; }

    /// <summary>The summary of BoltzDrift, whose floors make the table's floor row.</summary>
    public MethodSummary Drift => Summaries.First(s => s.Match == BudgetMatch.Budget);
}
