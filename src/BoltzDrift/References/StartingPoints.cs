using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Numerics;

namespace BoltzDrift.References;

/// <summary>Random starting points for reference chains.</summary>
internal static class StartingPoints
{
    /// <summary>Attempts to place one particle before the spread is widened by <see cref="Widening"/>.</summary>
    private const int AttemptsPerParticle = 200;

    private const double Widening = 1.05;

    /// <summary>Draws of one chain's start before giving up on finding one below the energy cap.</summary>
    private const int MaxDraws = 10_000;

    /// <summary>
    /// One start per chain, chains × d: particle configurations as <see cref="SeparatedParticles(Span{double}, ParticleLayout, double, double, ref Rng)"/>
    /// for particle systems, N(0, spread² I) points otherwise; a start with energy above
    /// <paramref name="maxEnergy"/> is redrawn. Gradient kernels cannot leave a start far out in a steep tail
    /// (dw4's quartic pair terms): the drift overshoots, every proposal is rejected, and the chain never moves.
    /// </summary>
    /// <exception cref="InvalidOperationException">No start below the cap in <see cref="MaxDraws"/> draws.</exception>
    public static double[] ForChains(Target target, int chains, double spread, double minDistance, double maxEnergy, ref Rng rng)
    {
        int d = target.Dimension;
        var points = new double[chains * d];
        for (int c = 0; c < chains; c++)
        {
            var point = points.AsSpan(c * d, d);
            for (int draw = 1; ; draw++)
            {
                if (target.Particles is { } layout) SeparatedParticles(point, layout, spread, minDistance, ref rng);
                else Gaussian(point, spread, ref rng);
                if (target.Energy.Evaluate(point) <= maxEnergy) break;
                if (draw == MaxDraws)
                    throw new InvalidOperationException($"No starting point of '{target.Name}' with energy ≤ {maxEnergy} in {MaxDraws} draws; raise the cap or change the spread.");
            }
        }
        return points;
    }

    /// <summary>Fills <paramref name="point"/> with N(0, spread²) coordinates.</summary>
    public static void Gaussian(Span<double> point, double spread, ref Rng rng)
    {
        for (int k = 0; k < point.Length; k++) point[k] = spread * rng.NextGaussian();
    }

    /// <summary>
    /// A configuration whose particles are N(0, spread² I) but never closer than <paramref name="minDistance"/>:
    /// particles are placed one by one, a rejected position is redrawn, and after
    /// <see cref="AttemptsPerParticle"/> rejections the spread widens by 5% so that placement always ends.
    /// The centre of mass is removed.
    /// </summary>
    public static void SeparatedParticles(Span<double> configuration, ParticleLayout layout, double spread, double minDistance, ref Rng rng)
    {
        int n = layout.Count, dim = layout.SpatialDimension;
        double width = spread;
        for (int i = 0; i < n; i++)
        {
            var particle = configuration.Slice(i * dim, dim);
            for (int attempt = 1; ; attempt++)
            {
                for (int a = 0; a < dim; a++) particle[a] = width * rng.NextGaussian();
                if (IsSeparated(configuration, i, dim, minDistance)) break;
                if (attempt % AttemptsPerParticle == 0) width *= Widening;
            }
        }
        CentreOfMass.RemoveInPlace(configuration, layout);
    }

    /// <summary><paramref name="count"/> configurations as <see cref="SeparatedParticles(Span{double}, ParticleLayout, double, double, ref Rng)"/>, count × d.</summary>
    public static double[] SeparatedParticles(int count, ParticleLayout layout, double spread, double minDistance, ref Rng rng)
    {
        int d = layout.Dimension;
        var points = new double[count * d];
        for (int c = 0; c < count; c++) SeparatedParticles(points.AsSpan(c * d, d), layout, spread, minDistance, ref rng);
        return points;
    }

    /// <summary>Whether particle <paramref name="last"/> is at least <paramref name="minDistance"/> from every earlier particle.</summary>
    private static bool IsSeparated(ReadOnlySpan<double> configuration, int last, int dim, double minDistance)
    {
        for (int j = 0; j < last; j++)
        {
            double squared = 0;
            for (int a = 0; a < dim; a++)
            {
                double difference = configuration[last * dim + a] - configuration[j * dim + a];
                squared += difference * difference;
            }
            if (squared < minDistance * minDistance) return false;
        }
        return true;
    }
}
