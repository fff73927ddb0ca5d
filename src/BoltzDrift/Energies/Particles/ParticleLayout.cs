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

    /// <summary>|x_i - x_j|², the squared distance between particles i and j of configuration <paramref name="point"/>.</summary>
    public double SquaredDistance(ReadOnlySpan<double> point, int i, int j)
    {
        double squared = 0;
        for (int a = 0; a < SpatialDimension; a++)
        {
            double difference = point[i * SpatialDimension + a] - point[j * SpatialDimension + a];
            squared += difference * difference;
        }
        return squared;
    }

    /// <summary>Throws unless both sizes are at least 1 (and at least 2 particles, so that pairs exist).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 2, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfLessThan(SpatialDimension, 1, nameof(SpatialDimension));
    }
}
