using BoltzDrift.Numerics;

namespace BoltzDrift.Benchmarks;

/// <summary>How every MCMC baseline of a benchmark is run, apart from its length.</summary>
public sealed record McmcSettings
{
    /// <summary>Independent chains (for parallel tempering: ladders, each one T = 1 stream).</summary>
    public int Chains { get; init; } = 128;

    /// <summary>Fraction of the steps spent on warm-up (step-size adaptation, nothing recorded).</summary>
    public double WarmupFraction { get; init; } = 0.2;

    /// <summary>Step size at which adaptation starts.</summary>
    public double InitialStepSize { get; init; } = 0.5;

    /// <summary>Chains start at independent N(0, s² I) points with this s.</summary>
    public double InitialSpread { get; init; } = 1;

    /// <summary>Draws evaluated against the target (a random subset of the recorded ones; the protocol's 100,000).</summary>
    public int EvaluatedSamples { get; init; } = 100_000;

    /// <summary>Threads the chains may use.</summary>
    public Parallelism Parallelism { get; init; } = Parallelism.Default;
}
