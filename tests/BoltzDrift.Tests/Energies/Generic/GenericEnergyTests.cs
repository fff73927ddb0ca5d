using BoltzDrift.Energies;
using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Tests.Energies.Generic;

/// <summary>The <see cref="Energy"/> adapter over a generic function.</summary>
public class GenericEnergyTests
{
    /// <summary>The banana target written once, generically: the documentation's example.</summary>
    private readonly struct Banana : IEnergyFunction
    {
        public int Dimension => 2;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>
        {
            T offRidge = x[1] - 0.5 * (x[0] * x[0] - 1.5 * 1.5);
            return x[0] * x[0] / (2 * 1.5 * 1.5) + offRidge * offRidge / (2 * 0.5 * 0.5);
        }
    }

    [Fact]
    public void GenericBanana_MatchesTheHandWrittenBanana()
    {
        Energy generic = GenericEnergy.Create(new Banana());
        var banana = new BananaEnergy(1.5, 0.5, 0.5);
        Assert.True(generic.HasGradient && generic.HasHessian);
        foreach (double[] x in FiniteDifference.RandomPoints(20, 2, seed: 3, scale: 2))
        {
            Assert.Equal(banana.Evaluate(x), generic.Evaluate(x));
            double[] g1 = new double[2], g2 = new double[2], h1 = new double[4], h2 = new double[4];
            banana.Gradient(x, g1);
            generic.Gradient(x, g2);
            banana.Hessian(x, h1);
            generic.Hessian(x, h2);
            for (int j = 0; j < 2; j++) NumericAssert.Close(g1[j], g2[j], 1e-12 * Math.Max(1, Math.Abs(g1[j])));
            for (int k = 0; k < 4; k++) NumericAssert.Close(h1[k], h2[k], 1e-12 * Math.Max(1, Math.Abs(h1[k])));
        }
    }

    [Fact]
    public void BatchedFloatPath_MatchesTheDoublePath()
    {
        var energy = GenericEnergy.Create(new LennardJonesCluster(3));
        double[][] points = FiniteDifference.RandomPoints(7, 9, seed: 5).Select(p => p.Select((v, k) => 0.5 * v + 1.3 * (k / 3)).ToArray()).ToArray();
        float[] flat = points.SelectMany(p => p.Select(v => (float)v)).ToArray();
        var energies = new float[7];
        energy.Evaluate(flat, energies);
        for (int i = 0; i < 7; i++)
        {
            double expected = energy.Evaluate(flat.AsSpan(i * 9, 9).ToArray().Select(v => (double)v).ToArray());
            Assert.Equal((float)expected, energies[i]);
        }
        Assert.Throws<ArgumentException>(() => energy.Evaluate(flat.AsSpan(0, 10), energies.AsSpan(0, 1)));
    }

    [Fact]
    public void ParallelCalls_GiveTheSerialResults()
    {
        var energy = GenericEnergy.Create(new Rosenbrock(6));
        double[][] points = FiniteDifference.RandomPoints(400, 6, seed: 6);
        double[][] Run(bool parallel)
        {
            var results = new double[points.Length][];
            void One(int i)
            {
                var result = new double[1 + 6 + 36];
                result[0] = energy.Gradient(points[i], result.AsSpan(1, 6));
                energy.Hessian(points[i], result.AsSpan(7));
                results[i] = result;
            }
            if (parallel) Parallel.For(0, points.Length, One);
            else for (int i = 0; i < points.Length; i++) One(i);
            return results;
        }
        var serial = Run(false);
        var concurrent = Run(true);
        for (int i = 0; i < points.Length; i++) Assert.Equal(serial[i], concurrent[i]);
    }

    [Fact]
    public void ZeroDimension_IsRejected() =>
        Assert.Throws<ArgumentException>(() => GenericEnergy.Create(new Rosenbrock(0)));
}
