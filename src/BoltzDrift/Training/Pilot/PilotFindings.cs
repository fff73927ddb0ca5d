using System.Text.Json.Serialization;

namespace BoltzDrift.Training.Pilot;

/// <summary>
/// What the pilot measured on an energy before training (<see cref="EnergyPilot"/>): the numbers the
/// automatic settings are derived from (<see cref="SettingsRules"/>). Recorded in the run's config.json.
/// </summary>
public sealed record PilotFindings
{
    /// <summary>Dimension d of the energy.</summary>
    public required int Dimension { get; init; }

    /// <summary>Local minimisations started (from Gaussian starts at several radii).</summary>
    public required int Starts { get; init; }

    /// <summary>
    /// Distinct local minima found (closer than a quarter of their local length scale = one), at most 10 above the lowest
    /// in energy, whose MCMC chains hold a share of the mass; 1 when the mass lies away from every minimum (a funnel).
    /// </summary>
    public required int Basins { get; init; }

    /// <summary>Highest minus lowest energy of the basins' minima: above 0.5, the basins are unequal and their mass balance is delicate.</summary>
    public required double BasinEnergySpread { get; init; }

    /// <summary>Minimisations that ran away (|x| beyond 10^6) or reached a non-finite energy: a sign the energy is unbounded below or undefined.</summary>
    public required int RunawayStarts { get; init; }

    /// <summary>
    /// Local length scale ℓ: over the basins, the median of 1/√λ_max of the Hessian at their minima (the narrowest
    /// direction of each basin; at the kept chains' last draws when the mass lies away from every minimum), kept within
    /// [10⁻³, 1] × the typical span.
    /// </summary>
    public required double LocalScale { get; init; }

    /// <summary>Widest local length scale (median over minima of 1/√λ_min over the positive eigenvalues; the largest span where no eigenvalue is positive).</summary>
    public required double WidestLocalScale { get; init; }

    /// <summary>
    /// Per-coordinate standard deviation of the short MCMC runs started from every distinct minimum and from broad
    /// starts, pooled over the chains that hold the mass: the global span of the basins found.
    /// </summary>
    public required double[] Span { get; init; }

    /// <summary>Median of <see cref="Span"/>: the typical span of one coordinate.</summary>
    [JsonIgnore]
    public double TypicalSpan => Median(Span);

    /// <summary>Coordinate blocks that do not interact (connected components of the Hessian's sparsity pattern); one block = not separable.</summary>
    public required int[][] Blocks { get; init; }

    /// <summary>Spatial dimension D of a translation invariance found (E unchanged when every D-vector block shifts alike); null = none.</summary>
    public int? TranslationInvariantSpatialDimension { get; init; }

    /// <summary>Mean effective sample size of 64 importance-sampling proposals at each derived bandwidth, at the pilot's MCMC points.</summary>
    public double[] EffectiveSampleSizes { get; init; } = [];

    /// <summary>Energy evaluations the pilot spent.</summary>
    public required long EnergyEvaluations { get; init; }

    /// <summary>Gradient and Hessian evaluations the pilot spent.</summary>
    public required long GradientEvaluations { get; init; }

    internal static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }
}
