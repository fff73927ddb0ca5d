using System.Text.Json.Serialization;

namespace BoltzDrift.Energies.Particles;

/// <summary>
/// How a point of a particle system is laid out: <see cref="Count"/> particles of
/// <see cref="SpatialDimension"/> coordinates each, particle i at
/// <c>[i * SpatialDimension, (i + 1) * SpatialDimension)</c>. Metrics use it to compare configurations up
/// to translation, rotation, reflection and permutation.
/// </summary>
/// <param name="Count">Number of particles N.</param>
/// <param name="SpatialDimension">Coordinates per particle (2 or 3).</param>
public readonly record struct ParticleLayout(int Count, int SpatialDimension)
{
    /// <summary>d = N × spatial dimension.</summary>
    [JsonIgnore]
    public int Dimension => Count * SpatialDimension;

    /// <summary>Throws unless both sizes are at least 1 (and at least 2 particles, so that pairs exist).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 2, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfLessThan(SpatialDimension, 1, nameof(SpatialDimension));
    }
}
