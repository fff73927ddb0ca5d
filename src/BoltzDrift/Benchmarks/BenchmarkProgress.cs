using System.Globalization;

namespace BoltzDrift.Benchmarks;

/// <summary>Where a benchmarked method is.</summary>
public enum BenchmarkPhase
{
    /// <summary>The method is about to run; the detail says with which settings.</summary>
    Started,
    /// <summary>The method is part-way through; see the fraction.</summary>
    Running,
    /// <summary>The method has run and been evaluated; the detail summarises the cost.</summary>
    Finished,
}

/// <summary>A progress report of a benchmark, for <see cref="IProgress{T}"/>: the library never prints.</summary>
/// <param name="Seed">Seed being run.</param>
/// <param name="Method">Method being run.</param>
/// <param name="Match">How its resources were set.</param>
/// <param name="Phase">Start, progress or end.</param>
/// <param name="Fraction">Fraction of the method's run done, in [0, 1].</param>
/// <param name="Detail">Human-readable detail (settings at the start, cost at the end, current step while running).</param>
public sealed record BenchmarkProgress(ulong Seed, string Method, BudgetMatch Match, BenchmarkPhase Phase, double Fraction, string Detail)
{
    /// <summary>For example "seed 0  mala (= evals)  42%  step 840/2000".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"seed {Seed}  {Method} ({Match.Label()})  {Phase switch { BenchmarkPhase.Started => "start", BenchmarkPhase.Finished => "done", _ => $"{Fraction:P0}" }}  {Detail}");
}
