namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// How a configuration vector holds a particle system: <see cref="Particles"/> particles of
/// <see cref="SpatialDimension"/> coordinates each, particle p at [p * D, (p + 1) * D).
/// </summary>
public readonly record struct ParticleLayout
{
    /// <summary>Creates a layout of <paramref name="particles"/> particles in <paramref name="spatialDimension"/> dimensions.</summary>
    public ParticleLayout(int particles, int spatialDimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spatialDimension, 1);
        Particles = particles;
        SpatialDimension = spatialDimension;
    }

    /// <summary>Number of particles n.</summary>
    public int Particles { get; }

    /// <summary>Coordinates per particle D (2 for dw4, 3 for lj13).</summary>
    public int SpatialDimension { get; }

    /// <summary>Length n D of a configuration vector.</summary>
    public int Dimension => Particles * SpatialDimension;

    /// <summary>dw4: 4 particles in 2-D.</summary>
    public static ParticleLayout Dw4 { get; } = new(4, 2);

    /// <summary>lj13: 13 particles in 3-D.</summary>
    public static ParticleLayout Lj13 { get; } = new(13, 3);

    /// <summary>The layout of a particle target known by name (dw4, lj13, lj55; any case), or null.</summary>
    public static ParticleLayout? ForTarget(string name) => name.ToLowerInvariant() switch
    {
        "dw4" => Dw4,
        "lj13" => Lj13,
        "lj55" => new ParticleLayout(55, 3),
        _ => null,
    };
}

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
