using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Sliced W2: the root mean square over random unit directions θ of the exact 1-D W2 between the
/// projections θ·a and θ·b, i.e. sqrt(mean_θ W2^2(θ·a, θ·b)) (not the mean of the W2 values). Cheap,
/// O(L n log n) for L directions, and meant for training curves rather than final reports. Directions
/// are uniform on the sphere, drawn from <see cref="Rng"/> with a given seed, so a value is reproducible.
/// </summary>
public static class SlicedWasserstein
{
    /// <summary>Default number of random directions.</summary>
    public const int DefaultDirections = 256;

    /// <summary>
    /// Sliced W2 between <paramref name="a"/> and <paramref name="b"/> (any sizes, same dimension) over
    /// <paramref name="directions"/> directions drawn from seed <paramref name="seed"/>. In one dimension
    /// every direction is ±1 and the value is the exact 1-D W2.
    /// </summary>
    /// <exception cref="ArgumentException">Dimensions differ, a set is empty or a point is non-finite.</exception>
    public static double W2(SampleSet a, SampleSet b, int directions = DefaultDirections, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfLessThan(directions, 1);
        SampleChecks.RequireDimension(b, a.Dimension, "the first sample set", nameof(b));
        SampleChecks.RequireCount(a, 1, nameof(a));
        SampleChecks.RequireCount(b, 1, nameof(b));
        SampleChecks.RequireFinite(a, nameof(a));
        SampleChecks.RequireFinite(b, nameof(b));

        int d = a.Dimension;
        var rng = new Rng(seed);
        var direction = new double[d];
        var projectedA = new double[a.Count];
        var projectedB = new double[b.Count];
        double sum = 0;
        for (int l = 0; l < directions; l++)
        {
            RandomUnitVector(ref rng, direction);
            Project(a, direction, projectedA);
            Project(b, direction, projectedB);
            Array.Sort(projectedA);
            Array.Sort(projectedB);
            sum += Wasserstein.SquaredW2Sorted(projectedA, projectedB);
        }
        return Math.Sqrt(sum / directions);
    }

    private static void RandomUnitVector(ref Rng rng, Span<double> direction)
    {
        double norm;
        do
        {
            rng.FillGaussian(direction);
            norm = 0;
            foreach (double c in direction) norm += c * c;
        } while (norm < 1e-300);
        double scale = 1 / Math.Sqrt(norm);
        for (int k = 0; k < direction.Length; k++) direction[k] *= scale;
    }

    private static void Project(SampleSet samples, ReadOnlySpan<double> direction, Span<double> projected)
    {
        for (int i = 0; i < samples.Count; i++)
        {
            var point = samples[i];
            double dot = 0;
            for (int k = 0; k < point.Length; k++) dot += point[k] * direction[k];
            projected[i] = dot;
        }
    }
}
