using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics.Transport;

/// <summary>Particle configurations and the symmetries that must not change their aligned distances.</summary>
internal static class ParticleTestData
{
    /// <summary>n particles in D dimensions, standard normal coordinates times <paramref name="scale"/>.</summary>
    public static double[] RandomConfiguration(int n, int d, ref Rng rng, double scale = 1)
    {
        var x = new double[n * d];
        rng.FillGaussian(x);
        for (int k = 0; k < x.Length; k++) x[k] *= scale;
        return x;
    }

    /// <summary>An LJ13-like cluster: a centre and the 12 vertices of an icosahedron of radius 1.1, jittered by <paramref name="noise"/>.</summary>
    public static double[] Icosahedral(ref Rng rng, double noise = 0.08)
    {
        double phi = (1 + Math.Sqrt(5)) / 2;
        var vertices = new List<double[]> { new double[] { 0, 0, 0 } };
        foreach (double s1 in new[] { -1.0, 1.0 })
            foreach (double s2 in new[] { -phi, phi })
            {
                vertices.Add([0, s1, s2]);
                vertices.Add([s1, s2, 0]);
                vertices.Add([s2, 0, s1]);
            }
        double radius = 1.1 / Math.Sqrt(1 + phi * phi);
        var x = new double[39];
        for (int p = 0; p < 13; p++)
            for (int k = 0; k < 3; k++) x[p * 3 + k] = vertices[p][k] * radius + noise * rng.NextGaussian();
        return x;
    }

    /// <summary>A Haar-random orthogonal D×D matrix (row-major); with <paramref name="reflect"/> its determinant is -1.</summary>
    public static double[] RandomOrthogonal(int d, ref Rng rng, bool reflect)
    {
        var q = new double[d * d];
        rng.FillGaussian(q);
        for (int r = 0; r < d; r++)
        {
            for (int previous = 0; previous < r; previous++)
            {
                double dot = 0;
                for (int k = 0; k < d; k++) dot += q[r * d + k] * q[previous * d + k];
                for (int k = 0; k < d; k++) q[r * d + k] -= dot * q[previous * d + k];
            }
            double norm = 0;
            for (int k = 0; k < d; k++) norm += q[r * d + k] * q[r * d + k];
            for (int k = 0; k < d; k++) q[r * d + k] /= Math.Sqrt(norm);
        }
        if ((Determinant(q, d) < 0) != reflect)
            for (int k = 0; k < d; k++) q[k] = -q[k];
        return q;
    }

    /// <summary>Particle p of the result is R x_π(p) + t: relabelled, rotated (or reflected) and translated.</summary>
    public static double[] Transform(double[] x, int n, int d, ref Rng rng, bool reflect)
    {
        var rotation = RandomOrthogonal(d, ref rng, reflect);
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var translation = RandomConfiguration(1, d, ref rng, scale: 3);
        var y = new double[n * d];
        for (int p = 0; p < n; p++)
            for (int a = 0; a < d; a++)
            {
                double s = translation[a];
                for (int b = 0; b < d; b++) s += rotation[a * d + b] * x[order[p] * d + b];
                y[p * d + a] = s;
            }
        return y;
    }

    /// <summary>Σ |x - y|^2 after centring both: the distance with no alignment at all.</summary>
    public static double CentredSquaredDistance(double[] x, double[] y, int n, int d)
    {
        double total = 0;
        for (int a = 0; a < d; a++)
        {
            double mx = 0, my = 0;
            for (int p = 0; p < n; p++) { mx += x[p * d + a]; my += y[p * d + a]; }
            mx /= n;
            my /= n;
            for (int p = 0; p < n; p++) total += Math.Pow(x[p * d + a] - mx - (y[p * d + a] - my), 2);
        }
        return total;
    }

    public static SampleSet ToSet(IEnumerable<double[]> configurations, int dimension) =>
        new(configurations.SelectMany(c => c).ToArray(), dimension);

    private static double Determinant(double[] m, int d) => d switch
    {
        1 => m[0],
        2 => m[0] * m[3] - m[1] * m[2],
        3 => m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]),
        _ => throw new NotSupportedException(),
    };
}
