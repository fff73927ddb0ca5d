using BoltzDrift.Sampling;

namespace BoltzDrift.Energies.Particles;

/// <summary>
/// Removing the centre of mass (all particles of equal mass). Particle energies are translation-invariant,
/// so their Boltzmann densities are not normalisable along the centre of mass: samples are compared, and
/// references stored, with it subtracted.
/// </summary>
public static class CentreOfMass
{
    /// <summary>Subtracts the mean particle position from every particle of <paramref name="point"/>, in place.</summary>
    public static void RemoveInPlace(Span<double> point, ParticleLayout layout)
    {
        int n = layout.Count, dim = layout.SpatialDimension;
        if (point.Length != layout.Dimension)
            throw new ArgumentException($"Expected {layout.Dimension} coordinates for {n} particles in {dim}-D, got {point.Length}.", nameof(point));
        for (int a = 0; a < dim; a++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += point[i * dim + a];
            mean /= n;
            for (int i = 0; i < n; i++) point[i * dim + a] -= mean;
        }
    }

    /// <summary>A copy of <paramref name="samples"/> with every configuration's centre of mass at the origin.</summary>
    public static SampleSet Remove(SampleSet samples, ParticleLayout layout)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Dimension != layout.Dimension)
            throw new ArgumentException($"Samples of dimension {samples.Dimension} are not configurations of {layout.Count} particles in {layout.SpatialDimension}-D.", nameof(samples));
        var values = (double[])samples.Values.Clone();
        int d = layout.Dimension;
        for (int i = 0; i < samples.Count; i++) RemoveInPlace(values.AsSpan(i * d, d), layout);
        return new SampleSet(values, d);
    }
}
