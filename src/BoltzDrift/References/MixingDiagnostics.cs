namespace BoltzDrift.References;

/// <summary>
/// Evidence that a reference run mixed: effective sample sizes and split-R̂ of the energy (and, for particle
/// systems, of the mean pair distance, which follows the geometry rather than the energy), acceptance and
/// replica-swap rates, and the cost. <see cref="Warnings"/> lists every check that failed.
/// </summary>
public sealed record MixingDiagnostics
{
    /// <summary>R̂ above this means the chains disagree.</summary>
    public const double MaxRHat = 1.01;

    /// <summary>An ESS below this fraction of the kept draws means the thinning is too light for the kept draws to be nearly independent.</summary>
    public const double MinEssFraction = 0.1;

    /// <summary>Chains (ladders) that ran.</summary>
    public required int Chains { get; init; }

    /// <summary>Draws kept per chain.</summary>
    public required int DrawsPerChain { get; init; }

    /// <summary>Autocorrelation ESS of the energy over all chains (Geyer, as Stan).</summary>
    public required double EnergyEss { get; init; }

    /// <summary>Split-R̂ of the energy.</summary>
    public required double EnergyRHat { get; init; }

    /// <summary>Mean energy of the kept draws.</summary>
    public required double MeanEnergy { get; init; }

    /// <summary>Monte Carlo standard error of <see cref="MeanEnergy"/>: the energy's standard deviation over √ESS.
    /// Two runs with different seeds should agree within a few of these.</summary>
    public required double MeanEnergyStandardError { get; init; }

    /// <summary>ESS of the mean pair distance, for particle systems (else null).</summary>
    public double? PairDistanceEss { get; init; }

    /// <summary>Split-R̂ of the mean pair distance, for particle systems (else null).</summary>
    public double? PairDistanceRHat { get; init; }

    /// <summary>Fraction of accepted moves at T = 1 while sampling.</summary>
    public required double Acceptance { get; init; }

    /// <summary>Frozen step size at T = 1.</summary>
    public required double StepSize { get; init; }

    /// <summary>Swap acceptance of each adjacent temperature pair (empty without tempering).</summary>
    public required IReadOnlyList<double> SwapRates { get; init; }

    /// <summary>Proposals rejected for a NaN or infinite energy or gradient, over the whole run.</summary>
    public required long NonFiniteProposals { get; init; }

    /// <summary>Gradient evaluations of the whole run (all temperatures).</summary>
    public required long GradientEvaluations { get; init; }

    /// <summary>Wall time of the whole run in seconds (machine-dependent: for orientation only).</summary>
    public required double Seconds { get; init; }

    /// <summary>One line per failed check; empty when the run looks well mixed.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Whether every check passed.</summary>
    public bool IsWellMixed => Warnings.Count == 0;
}
