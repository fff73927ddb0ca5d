using System.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies.Particles;

/// <summary>
/// Removing the centre of mass (all particles of equal mass). Particle energies are translation-invariant,
/// so their Boltzmann densities are not normalisable along the centre of mass: samples are compared, and
/// references stored, with it subtracted.
/// </summary>
public static class CentreOfMass
{
    /// <summary>
    /// Subtracts from every configuration in <paramref name="points"/> (one or more, each <see cref="ParticleLayout.Dimension"/>
    /// values, one after another) its mean particle position, in place. This is the orthogonal projection onto
    /// zero centre of mass: linear, symmetric and idempotent, so it also projects gradients taken through it.
    /// </summary>
    public static void RemoveInPlace<T>(Span<T> points, ParticleLayout layout) where T : INumber<T>
    {
        int n = layout.Count, dim = layout.SpatialDimension, d = layout.Dimension;
        if (points.Length % d != 0)
            throw new ArgumentException($"Expected configurations of {d} coordinates ({n} particles in {dim}-D), got {points.Length} values.", nameof(points));
        T count = T.CreateChecked(n);
        for (int start = 0; start < points.Length; start += d)
        {
            var point = points.Slice(start, d);
            for (int a = 0; a < dim; a++)
            {
                T sum = T.Zero;
                for (int i = 0; i < n; i++) sum += point[i * dim + a];
                T mean = sum / count;
                for (int i = 0; i < n; i++) point[i * dim + a] -= mean;
            }
        }
    }

    /// <summary>A copy of <paramref name="samples"/> with every configuration's centre of mass at the origin.</summary>
    public static SampleSet Remove(SampleSet samples, ParticleLayout layout)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Dimension != layout.Dimension)
            throw new ArgumentException($"Samples of dimension {samples.Dimension} are not configurations of {layout.Count} particles in {layout.SpatialDimension}-D.", nameof(samples));
        var values = (double[])samples.Values.Clone();
        RemoveInPlace(values.AsSpan(), layout);
        return new SampleSet(values, layout.Dimension);
    }
}
