using BoltzDrift.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>How long and how wide <see cref="McmcRunner"/> runs a sampler.</summary>
public sealed record McmcOptions
{
    /// <summary>Number of chains (for parallel tempering: of ladders, each giving one T = 1 stream).</summary>
    public int Chains { get; init; } = 64;

    /// <summary>Warm-up steps: step sizes adapt, nothing is recorded.</summary>
    public int WarmupSteps { get; init; } = 1000;

    /// <summary>Sampling steps after warm-up, with step sizes frozen.</summary>
    public int SamplingSteps { get; init; } = 1000;

    /// <summary>Record every <see cref="Thinning"/>-th sampling step.</summary>
    public int Thinning { get; init; } = 1;

    /// <summary>Seed of every random stream of the run.</summary>
    public ulong Seed { get; init; }

    /// <summary>Step size h₀ at which adaptation starts (at T = 1).</summary>
    public double InitialStepSize { get; init; } = 0.5;

    /// <summary>Chains start at independent N(0, s² I) points with this s, unless <see cref="InitialPositions"/> is set.</summary>
    public double InitialSpread { get; init; } = 1;

    /// <summary>Explicit starting points (chains × d), or null to draw them with <see cref="InitialSpread"/>.</summary>
    public double[]? InitialPositions { get; init; }

    /// <summary>Threads the chains may use; results do not depend on it.</summary>
    public Parallelism Parallelism { get; init; } = Parallelism.Default;

    /// <summary>Throws if a setting is out of range or inconsistent with dimension <paramref name="dimension"/>.</summary>
    public void Validate(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Chains, 1, nameof(Chains));
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupSteps, nameof(WarmupSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(Thinning, 1, nameof(Thinning));
        ArgumentOutOfRangeException.ThrowIfLessThan(SamplingSteps, Thinning, nameof(SamplingSteps));
        if (!(InitialStepSize > 0) || double.IsInfinity(InitialStepSize))
            throw new ArgumentOutOfRangeException(nameof(InitialStepSize), InitialStepSize, "The step size must be positive and finite.");
        if (!(InitialSpread >= 0) || double.IsInfinity(InitialSpread))
            throw new ArgumentOutOfRangeException(nameof(InitialSpread), InitialSpread, "The spread must be non-negative and finite.");
        if (InitialPositions is not null && InitialPositions.Length != Chains * dimension)
            throw new ArgumentException($"Expected {Chains} initial points of dimension {dimension} ({Chains * dimension} values), got {InitialPositions.Length}.", nameof(InitialPositions));
        ArgumentNullException.ThrowIfNull(Parallelism, nameof(Parallelism));
    }
}
