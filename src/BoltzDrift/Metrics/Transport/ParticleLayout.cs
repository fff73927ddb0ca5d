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
