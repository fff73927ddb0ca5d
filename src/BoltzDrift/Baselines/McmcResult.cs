using BoltzDrift.Energies;
using BoltzDrift.Sampling;

namespace BoltzDrift.Baselines;

/// <summary>
/// The outcome of an <see cref="McmcRunner"/> run: the T = 1 draws (pooled and per chain), acceptance,
/// the adapted step sizes and the cost in evaluations and wall time.
/// Per-temperature lists have one entry for samplers without tempering.
/// </summary>
public sealed class McmcResult
{
    /// <summary>Name of the sampler that ran.</summary>
    public required string Sampler { get; init; }

    /// <summary>All recorded draws pooled, chain after chain (chain 0's draws in order, then chain 1's, …).</summary>
    public required SampleSet Samples { get; init; }

    /// <summary>The recorded draws as [chain][draw][coordinate], the input of <see cref="Ess"/>.</summary>
    public required double[][][] Chains { get; init; }

    /// <summary>Frozen step size per temperature.</summary>
    public required IReadOnlyList<double> StepSizes { get; init; }

    /// <summary>Move acceptance per temperature during warm-up.</summary>
    public required IReadOnlyList<AcceptanceStatistics> WarmupAcceptance { get; init; }

    /// <summary>Move acceptance per temperature during sampling.</summary>
    public required IReadOnlyList<AcceptanceStatistics> Acceptance { get; init; }

    /// <summary>Swap acceptance per adjacent temperature pair during sampling (empty without tempering).</summary>
    public required IReadOnlyList<AcceptanceStatistics> Swaps { get; init; }

    /// <summary>Evaluations spent on initialisation and warm-up.</summary>
    public required EvaluationCounts WarmupCounts { get; init; }

    /// <summary>Evaluations spent on the whole run.</summary>
    public required EvaluationCounts Counts { get; init; }

    /// <summary>Wall time of initialisation and warm-up.</summary>
    public required TimeSpan WarmupTime { get; init; }

    /// <summary>Wall time of the whole run.</summary>
    public required TimeSpan WallTime { get; init; }

    /// <summary>Fraction of accepted moves at T = 1 during sampling.</summary>
    public double AcceptanceRate => Acceptance[0].Rate;

    /// <summary>Evaluations spent on sampling alone.</summary>
    public EvaluationCounts SamplingCounts => Counts - WarmupCounts;

    /// <summary>Proposals rejected over the whole run, at all temperatures, for a NaN or infinite energy or gradient.</summary>
    public long NonFiniteProposals => WarmupAcceptance.Sum(a => a.NonFinite) + Acceptance.Sum(a => a.NonFinite);
}
