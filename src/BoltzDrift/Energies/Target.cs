using BoltzDrift.Energies.Particles;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>Draws exact, independent samples from a target (no MCMC).</summary>
public interface IExactSampler
{
    /// <summary>Draws <paramref name="count"/> exact samples.</summary>
    SampleSet Sample(int count, ref Rng rng);
}

/// <summary>
/// A target-specific statistic with a known exact value, e.g. P(x1 &gt; 0) for the double well.
/// <paramref name="Key"/> is the JSON key under which <c>eval</c> reports it.
/// </summary>
public sealed record TargetStatistic(string Key, string Description, Func<SampleSet, double> Estimate, double Exact);

/// <summary>
/// A named Boltzmann target: its energy plus whatever exact knowledge exists about it
/// (exact sampler, mean, covariance, log-normaliser, special statistics).
/// </summary>
public sealed class Target
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required Energy Energy { get; init; }
    public int Dimension => Energy.Dimension;
    /// <summary>Exact sampler, or null where none exists.</summary>
    public IExactSampler? ExactSampler { get; init; }
    /// <summary>Exact mean (length d), or null.</summary>
    public double[]? Mean { get; init; }
    /// <summary>Exact covariance (d×d row-major), or null.</summary>
    public double[]? Covariance { get; init; }
    /// <summary>Exact log normaliser log Z, or null.</summary>
    public double? LogZ { get; init; }
    /// <summary>Extra statistics with known exact values.</summary>
    public IReadOnlyList<TargetStatistic> Statistics { get; init; } = [];
    /// <summary>The modes and their exact weights, for the mode-weight metrics; null for unimodal targets.</summary>
    public IModeStructure? Modes { get; init; }
    /// <summary>
    /// For particle systems, how points split into particles: such targets are invariant to translation,
    /// rotation, reflection and permutation, and are compared with the centre of mass removed. Null otherwise.
    /// </summary>
    public ParticleLayout? Particles { get; init; }
}
