namespace BoltzDrift.Metrics.Transport;

/// <summary>How <see cref="ParticleAligner"/> aligns two configurations.</summary>
public enum SymmetryAlignmentMethod
{
    /// <summary>
    /// Minimise over rotations/reflections and permutations: exhaustively for few particles, otherwise by
    /// alternating Kabsch and Hungarian steps from several starts (a heuristic: an upper bound).
    /// </summary>
    Minimise,

    /// <summary>
    /// The one-shot protocol of the DEM/iDEM/ASBS code bases ("eq_w2"): Hungarian matching on Euclidean
    /// (not squared) particle distances in the frames as given, then one Kabsch fit (reflections allowed)
    /// for that matching. Not rotation invariant, and never below <see cref="Minimise"/>; use it only to
    /// compare with published numbers. Configurations are centred first (those code bases rely on samples
    /// already having zero centre of mass).
    /// </summary>
    HungarianThenKabsch,
}

/// <summary>
/// Settings of the symmetry-aware alignment of two configurations (<see cref="ParticleAligner"/>).
/// </summary>
public sealed record SymmetryAlignmentOptions
{
    /// <summary>The alignment method; <see cref="SymmetryAlignmentMethod.Minimise"/> by default.</summary>
    public SymmetryAlignmentMethod Method { get; init; } = SymmetryAlignmentMethod.Minimise;

    /// <summary>
    /// Up to this many particles every permutation is tried, each with its optimal rotation/reflection,
    /// so the minimum is exact (4! = 24 permutations for dw4); beyond, the alternating heuristic runs.
    /// </summary>
    public int ExhaustiveMaxParticles { get; init; } = 5;

    /// <summary>Rounds of (optimal rotation, optimal permutation) per start of the alternating heuristic.</summary>
    public int MaxIterations { get; init; } = 10;

    /// <summary>
    /// Extra starts of the alternating heuristic from fixed pseudo-random orthogonal matrices (seeded,
    /// so reproducible), besides the start from matched distance profiles; each costs about as much again.
    /// </summary>
    public int ExtraStarts { get; init; } = 0;

    /// <summary>
    /// Starts of the alternating heuristic from anchor correspondences (<c>AnchorStarts</c>): the best this
    /// many candidate rotations, by nearest-neighbour score, are refined. 0 switches anchors off.
    /// </summary>
    public int AnchorStarts { get; init; } = 2;

    /// <summary>
    /// Whether the start from matched distance profiles runs even when anchor starts were found (it always
    /// runs when none were).
    /// </summary>
    public bool ProfileStart { get; init; } = true;

    /// <summary>How far, relative to the outermost particle's distance from the centre, anchor geometry may differ.</summary>
    public double AnchorTolerance { get; init; } = 0.25;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ExhaustiveMaxParticles, nameof(ExhaustiveMaxParticles));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ExhaustiveMaxParticles, 8, nameof(ExhaustiveMaxParticles));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        ArgumentOutOfRangeException.ThrowIfNegative(ExtraStarts, nameof(ExtraStarts));
        ArgumentOutOfRangeException.ThrowIfNegative(AnchorStarts, nameof(AnchorStarts));
        if (!(AnchorTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(AnchorTolerance), AnchorTolerance, "The anchor tolerance must be non-negative.");
    }
}
