using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Energies.Field;

/// <summary>dw4 and lj13: symmetries, the pair-counting convention, and centre-of-mass removal.</summary>
public class ParticleEnergyTests
{
    [Theory]
    [MemberData(nameof(FieldCases.Particles), MemberType = typeof(FieldCases))]
    public void Energy_IsInvariantUnderTranslationRotationReflectionAndPermutation(string name)
    {
        var target = Targets.Get(name);
        var layout = target.Particles!.Value;
        var rng = new Rng(20);
        foreach (double[] x in FieldCases.TestPoints(target, 5, seed: 21))
        {
            double energy = target.Energy.Evaluate(x);
            double tolerance = 1e-10 * Math.Max(1, Math.Abs(energy));
            double[] rotation = RandomOrthogonal(layout.SpatialDimension, ref rng, properRotation: true);
            double[] reflection = RandomOrthogonal(layout.SpatialDimension, ref rng, properRotation: false);
            NumericAssert.Close(energy, target.Energy.Evaluate(Translate(x, layout, ref rng)), tolerance, "translation");
            NumericAssert.Close(energy, target.Energy.Evaluate(Transform(x, layout, rotation)), tolerance, "rotation");
            NumericAssert.Close(energy, target.Energy.Evaluate(Transform(x, layout, reflection)), tolerance, "reflection");
            NumericAssert.Close(energy, target.Energy.Evaluate(Permute(x, layout, ref rng)), tolerance, "permutation");
        }
    }

    /// <summary>∇E(Rx) = R ∇E(x): forces turn with the configuration, and their sum is zero (no net force).</summary>
    [Theory]
    [MemberData(nameof(FieldCases.Particles), MemberType = typeof(FieldCases))]
    public void Gradient_IsRotationEquivariant_AndHasNoNetForce(string name)
    {
        var target = Targets.Get(name);
        var layout = target.Particles!.Value;
        int dim = layout.SpatialDimension, d = target.Dimension;
        var rng = new Rng(22);
        foreach (double[] x in FieldCases.TestPoints(target, 5, seed: 23))
        {
            double[] rotation = RandomOrthogonal(dim, ref rng, properRotation: true);
            var gradient = new double[d];
            var rotatedGradient = new double[d];
            target.Energy.Gradient(x, gradient);
            target.Energy.Gradient(Transform(x, layout, rotation), rotatedGradient);
            double[] expected = Transform(gradient, layout, rotation);
            double scale = Math.Max(1, gradient.Max(Math.Abs));
            for (int k = 0; k < d; k++) NumericAssert.Close(expected[k], rotatedGradient[k], 1e-10 * scale, $"component {k}");
            for (int a = 0; a < dim; a++)
                NumericAssert.Close(0, Enumerable.Range(0, layout.Count).Sum(i => gradient[i * dim + a]), 1e-10 * scale, $"net force {a}");
        }
    }

    /// <summary>
    /// lj13 against an independent transcription of docs/targets.md's field convention: the sum over ORDERED pairs
    /// (every unordered pair twice, as iDEM's code does) of v(√(r² + 1e-6)), plus 0.5 Σ |x_i - mean|².
    /// </summary>
    [Fact]
    public void Lj13_CountsEachPairTwice_WithSoftenedDistances_PlusHalfTheSquaredSpread()
    {
        var target = Targets.Get("lj13");
        foreach (double[] x in FieldCases.TestPoints(target, 5, seed: 24))
        {
            double pairs = 0, spread = 0;
            for (int i = 0; i < 13; i++)
                for (int j = 0; j < 13; j++)
                {
                    if (i == j) continue;
                    double r = Math.Sqrt(Math.Pow(Distance(x, i, j, 3), 2) + 1e-6);
                    pairs += Math.Pow(r, -12) - 2 * Math.Pow(r, -6);
                }
            for (int a = 0; a < 3; a++)
            {
                double mean = Enumerable.Range(0, 13).Average(i => x[3 * i + a]);
                spread += Enumerable.Range(0, 13).Sum(i => (x[3 * i + a] - mean) * (x[3 * i + a] - mean));
            }
            double expected = pairs + 0.5 * spread;
            NumericAssert.Close(expected, target.Energy.Evaluate(x), 1e-10 * Math.Max(1, Math.Abs(expected)));
        }
        Assert.Contains("counted TWICE", target.Description);
    }

    [Fact]
    public void PairPotentials_HaveTheirDefiningValues()
    {
        // Two particles: the energy is one pair term.
        var lennardJones = new ParticleEnergy<LennardJonesPotential>(new ParticleLayout(2, 3), new LennardJonesPotential());
        Assert.Equal(-1, lennardJones.Evaluate([0, 0, 0, 1, 0, 0]), 14);             // minimum -ε at r_m = 1
        Assert.Equal(0, lennardJones.Evaluate([0, 0, 0, Math.Pow(2, -1.0 / 6), 0, 0]), 12); // zero at σ = 2^{-1/6} r_m
        var doubleWell = new ParticleEnergy<DoubleWellPairPotential>(new ParticleLayout(2, 2), new DoubleWellPairPotential());
        Assert.Equal(0, doubleWell.Evaluate([0, 0, 4, 0]), 14);                      // barrier top at r = 4
        Assert.Equal(0.9 - 4, doubleWell.Evaluate([0, 0, 0, 5]), 14);               // r - 4 = 1
        double well = Math.Sqrt(4 / 1.8);                                           // u'(r) = 0 at r - 4 = ±√(8/3.6)
        Assert.Equal(-4 * 4 / (4 * 0.9), doubleWell.Evaluate([0, 0, 4 + well, 0]), 12);

        // dw4 sums the six pairs once each: a square of side 4 has four sides at the barrier top and two diagonals.
        double diagonal = 4 * Math.Sqrt(2) - 4;
        double expected = 2 * (0.9 * Math.Pow(diagonal, 4) - 4 * diagonal * diagonal);
        Assert.Equal(expected, Targets.Get("dw4").Energy.Evaluate([0, 0, 4, 0, 4, 4, 0, 4]), 12);
    }

    [Fact]
    public void ParticleTargets_HaveLayoutsAndNoExactKnowledge()
    {
        Assert.Equal(new ParticleLayout(4, 2), Targets.Get("dw4").Particles);
        Assert.Equal(new ParticleLayout(13, 3), Targets.Get("lj13").Particles);
        foreach (string name in FieldCases.ParticleNames)
        {
            var target = Targets.Get(name);
            Assert.Null(target.ExactSampler);
            Assert.Null(target.Mean);
            Assert.Null(target.LogZ);
            Assert.Equal(target.Particles!.Value.Dimension, target.Dimension);
        }
        Assert.All(FieldCases.ExactNames, name => Assert.Null(Targets.Get(name).Particles));
    }

    [Fact]
    public void CentreOfMass_Remove_CentresEveryConfiguration_AndKeepsRelativePositions()
    {
        var layout = new ParticleLayout(4, 2);
        var rng = new Rng(25);
        var values = new double[3 * 8];
        rng.FillGaussian(values);
        for (int i = 0; i < values.Length; i += 2) values[i] += 10; // shift every x
        var samples = new SampleSet(values, 8);
        var centred = CentreOfMass.Remove(samples, layout);
        Assert.NotSame(samples.Values, centred.Values);
        for (int n = 0; n < 3; n++)
        {
            for (int a = 0; a < 2; a++)
                NumericAssert.Close(0, Enumerable.Range(0, 4).Sum(i => centred[n][2 * i + a]), 1e-12);
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    NumericAssert.Close(Distance(samples[n].ToArray(), i, j, 2), Distance(centred[n].ToArray(), i, j, 2), 1e-12);
        }
        Assert.Throws<ArgumentException>(() => CentreOfMass.Remove(samples, new ParticleLayout(3, 2)));
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(13, 3)]
    public void CentreOfMass_OnAFloatBatch_IsAProjection_ZeroCentreIdempotentAndSymmetric(int particles, int spatial)
    {
        var layout = new ParticleLayout(particles, spatial);
        int d = layout.Dimension, count = 5;
        var rng = new Rng(26);
        var x = new float[count * d];
        var y = new float[count * d];
        rng.FillGaussian(x);
        rng.FillGaussian(y);
        for (int i = 0; i < x.Length; i++) x[i] += 3 * (i % spatial + 1);  // centres of mass far from 0
        float[] px = (float[])x.Clone(), py = (float[])y.Clone();
        CentreOfMass.RemoveInPlace<float>(px, layout);
        CentreOfMass.RemoveInPlace<float>(py, layout);

        for (int c = 0; c < count; c++)
            for (int a = 0; a < spatial; a++)
                NumericAssert.Close(0, Enumerable.Range(0, particles).Average(i => px[c * d + i * spatial + a]), 1e-6, $"configuration {c}, axis {a}");
        float[] ppx = (float[])px.Clone();
        CentreOfMass.RemoveInPlace<float>(ppx, layout);
        for (int i = 0; i < px.Length; i++) NumericAssert.Close(px[i], ppx[i], 1e-6, $"P(P x)[{i}]");
        // <P x, y> = <x, P y>: P is its own adjoint, so back-propagation projects gradients with the same P.
        double Dot(float[] a, float[] b) => a.Zip(b, (u, v) => (double)u * v).Sum();
        NumericAssert.Close(Dot(px, y), Dot(x, py), 1e-4 * Math.Sqrt(Dot(x, x) * Dot(y, y)));
        // Positions relative to the first particle of the same configuration are untouched.
        for (int i = 0; i < x.Length; i++)
        {
            int first = i / d * d + i % spatial;
            NumericAssert.Close(x[i] - x[first], px[i] - px[first], 1e-5 * (1 + Math.Abs(x[i] - x[first])), $"x[{i}] - x[{first}]");
        }

        var error = Assert.Throws<ArgumentException>(() => CentreOfMass.RemoveInPlace(new float[d + 1], layout));
        Assert.Contains($"{d} coordinates", error.Message);
    }

    private static double Distance(double[] x, int i, int j, int dim) =>
        Math.Sqrt(Enumerable.Range(0, dim).Sum(a => (x[i * dim + a] - x[j * dim + a]) * (x[i * dim + a] - x[j * dim + a])));

    /// <summary>A random orthogonal matrix (Gram-Schmidt of a Gaussian matrix), with determinant +1 or -1 as asked.</summary>
    private static double[] RandomOrthogonal(int dim, ref Rng rng, bool properRotation)
    {
        var q = new double[dim * dim];
        rng.FillGaussian(q);
        for (int r = 0; r < dim; r++)
        {
            for (int p = 0; p < r; p++)
            {
                double dot = 0;
                for (int c = 0; c < dim; c++) dot += q[r * dim + c] * q[p * dim + c];
                for (int c = 0; c < dim; c++) q[r * dim + c] -= dot * q[p * dim + c];
            }
            double norm = Math.Sqrt(Enumerable.Range(0, dim).Sum(c => q[r * dim + c] * q[r * dim + c]));
            for (int c = 0; c < dim; c++) q[r * dim + c] /= norm;
        }
        double determinant = dim == 2 ? q[0] * q[3] - q[1] * q[2]
            : q[0] * (q[4] * q[8] - q[5] * q[7]) - q[1] * (q[3] * q[8] - q[5] * q[6]) + q[2] * (q[3] * q[7] - q[4] * q[6]);
        if (determinant > 0 != properRotation)
            for (int c = 0; c < dim; c++) q[c] = -q[c]; // flipping one row flips the sign of the determinant
        return q;
    }

    /// <summary>Applies the matrix to every particle.</summary>
    private static double[] Transform(double[] x, ParticleLayout layout, double[] matrix)
    {
        int dim = layout.SpatialDimension;
        var y = new double[x.Length];
        for (int i = 0; i < layout.Count; i++)
            for (int r = 0; r < dim; r++)
                for (int c = 0; c < dim; c++)
                    y[i * dim + r] += matrix[r * dim + c] * x[i * dim + c];
        return y;
    }

    private static double[] Translate(double[] x, ParticleLayout layout, ref Rng rng)
    {
        int dim = layout.SpatialDimension;
        var shift = new double[dim];
        rng.FillGaussian(shift);
        return x.Select((v, k) => v + 5 * shift[k % dim]).ToArray();
    }

    private static double[] Permute(double[] x, ParticleLayout layout, ref Rng rng)
    {
        int n = layout.Count, dim = layout.SpatialDimension;
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var y = new double[x.Length];
        for (int i = 0; i < n; i++) x.AsSpan(order[i] * dim, dim).CopyTo(y.AsSpan(i * dim, dim));
        return y;
    }
}
