using BoltzDrift.Sampling;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Particle configurations made ready for alignment: each centred on its centre of mass (equal masses)
/// and given per-particle distance profiles, which are invariant to every symmetry the alignment removes.
/// </summary>
internal sealed class ParticleConfigurations
{
    /// <summary>Centres and profiles every configuration of <paramref name="samples"/>.</summary>
    public ParticleConfigurations(SampleSet samples, ParticleLayout layout)
    {
        Layout = layout;
        Count = samples.Count;
        int length = layout.Dimension, profile = ProfileLength(layout);
        Coordinates = new double[Count * length];
        Profiles = new double[Count * layout.Particles * profile];
        for (int i = 0; i < Count; i++)
            Prepare(samples[i], layout, Coordinates.AsSpan(i * length, length), Profiles.AsSpan(i * layout.Particles * profile, layout.Particles * profile));
    }

    public ParticleLayout Layout { get; }

    public int Count { get; }

    /// <summary>Centred configurations, one after another.</summary>
    public double[] Coordinates { get; }

    /// <summary>Distance profiles: for each configuration, for each particle, <see cref="ProfileLength"/> values.</summary>
    public double[] Profiles { get; }

    public ReadOnlySpan<double> Configuration(int i) => Coordinates.AsSpan(i * Layout.Dimension, Layout.Dimension);

    public ReadOnlySpan<double> Profile(int i)
    {
        int size = Layout.Particles * ProfileLength(Layout);
        return Profiles.AsSpan(i * size, size);
    }

    /// <summary>Values per particle profile: its distance to the centre, then its n - 1 sorted distances to the others.</summary>
    public static int ProfileLength(ParticleLayout layout) => layout.Particles;

    /// <summary>
    /// Writes the centred copy of <paramref name="configuration"/> and the profile of each particle:
    /// its distance from the centre of mass, then its distances to the other particles in ascending order.
    /// </summary>
    public static void Prepare(ReadOnlySpan<double> configuration, ParticleLayout layout, Span<double> centred, Span<double> profiles)
    {
        int n = layout.Particles, d = layout.SpatialDimension;
        Span<double> centre = stackalloc double[d];
        for (int p = 0; p < n; p++)
            for (int k = 0; k < d; k++) centre[k] += configuration[p * d + k];
        for (int k = 0; k < d; k++) centre[k] /= n;
        for (int p = 0; p < n; p++)
            for (int k = 0; k < d; k++) centred[p * d + k] = configuration[p * d + k] - centre[k];

        for (int p = 0; p < n; p++)
        {
            var profile = profiles.Slice(p * n, n);
            profile[0] = Norm(centred.Slice(p * d, d), default);
            int filled = 1;
            for (int q = 0; q < n; q++)
            {
                if (q != p) profile[filled++] = Norm(centred.Slice(p * d, d), centred.Slice(q * d, d));
            }
            profile[1..].Sort();
        }
    }

    private static double Norm(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double difference = a[k] - (b.IsEmpty ? 0 : b[k]);
            s += difference * difference;
        }
        return Math.Sqrt(s);
    }
}
