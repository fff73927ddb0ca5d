using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Tests.Energies.Generic;

/// <summary>Exact forward-mode derivatives of generic functions against finite differences and closed forms.</summary>
public class ForwardDiffTests
{
    public static TheoryData<string> FunctionNames => new("rosenbrock-2", "rosenbrock-7", "lj-3", "kitchen-sink");

    private static IEnergyFunction Function(string name) => name switch
    {
        "rosenbrock-2" => new Rosenbrock(2),
        "rosenbrock-7" => new Rosenbrock(7),
        "lj-3" => new LennardJonesCluster(3),
        "kitchen-sink" => new KitchenSink(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>LJ particles are spread out so that no pair sits in the r⁻¹² wall, where differences lose all accuracy.</summary>
    private static double[][] Points(string name, int count, ulong seed) =>
        FiniteDifference.RandomPoints(count, Function(name).Dimension, seed, scale: name.StartsWith("lj") ? 0.8 : 1)
            .Select(p => name.StartsWith("lj") ? p.Select((v, k) => v + 1.2 * (k / 3)).ToArray() : p)
            .ToArray();

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Gradient_MatchesFiniteDifferences_AndReturnsTheValue(string name)
    {
        var f = Function(name);
        foreach (double[] x in Points(name, 10, seed: 11))
        {
            var gradient = new double[x.Length];
            double value = ForwardDiff.Gradient(f, x, gradient);
            Assert.Equal(ForwardDiff.Value(f, x), value);
            double[] expected = FiniteDifference.Gradient(p => ForwardDiff.Value(f, p), x);
            double scale = Math.Max(1, expected.Max(Math.Abs));
            for (int j = 0; j < x.Length; j++)
                NumericAssert.Close(expected[j], gradient[j], 1e-6 * scale, $"{name} ∂{j}");
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void Hessian_MatchesFiniteDifferencesOfTheGradient_AndIsSymmetric(string name)
    {
        var f = Function(name);
        foreach (double[] x in Points(name, 6, seed: 12))
        {
            int d = x.Length;
            var hessian = new double[d * d];
            double value = ForwardDiff.Hessian(f, x, hessian);
            Assert.Equal(ForwardDiff.Value(f, x), value);
            double[] expected = FiniteDifference.Hessian(p => GradientAt(f, p), x);
            double scale = Math.Max(1, expected.Max(Math.Abs));
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    NumericAssert.Close(expected[i * d + j], hessian[i * d + j], 1e-6 * scale, $"{name} H[{i},{j}]");
                    Assert.Equal(hessian[i * d + j], hessian[j * d + i]);
                }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)]
    public void QuarticChain_MatchesClosedForms_InEveryDimension(int d)
    {
        var f = new QuarticChain(d);
        foreach (double[] x in FiniteDifference.RandomPoints(3, d, seed: (ulong)d))
        {
            double[] gradient = GradientAt(f, x);
            var hessian = new double[d * d];
            ForwardDiff.Hessian(f, x, hessian);
            double[] expectedGradient = QuarticChain.Gradient(x), expectedHessian = QuarticChain.Hessian(x);
            for (int j = 0; j < d; j++) NumericAssert.Close(expectedGradient[j], gradient[j], 1e-12 * Math.Max(1, Math.Abs(expectedGradient[j])));
            for (int k = 0; k < d * d; k++) NumericAssert.Close(expectedHessian[k], hessian[k], 1e-12 * Math.Max(1, Math.Abs(expectedHessian[k])));
        }
    }

    [Fact]
    public void WrongSizes_AreRejected()
    {
        var f = new Rosenbrock(3);
        Assert.Throws<ArgumentException>(() => ForwardDiff.Value(f, new double[2]));
        Assert.Throws<ArgumentException>(() => ForwardDiff.Gradient(f, new double[3], new double[2]));
        Assert.Throws<ArgumentException>(() => ForwardDiff.Hessian(f, new double[3], new double[8]));
    }

    private static double[] GradientAt(IEnergyFunction f, double[] x)
    {
        var gradient = new double[x.Length];
        ForwardDiff.Gradient(f, x, gradient);
        return gradient;
    }
}
