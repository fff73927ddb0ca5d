using BoltzDrift.Energies;
using BoltzDrift.Energies.Expressions;
using BoltzDrift.Tests.Energies.Generic;

namespace BoltzDrift.Tests.Energies.Expressions;

/// <summary>The registered targets written out as expressions agree with their hand-written energies.</summary>
public class BuiltInTargetExpressionTests
{
    /// <summary>docs/targets.md's banana, a = 1.5, b = 0.5, s = 0.5, with the constants left as written there.</summary>
    public const string Banana = "x^2/(2*1.5^2) + (y - 0.5*(x^2 - 1.5^2))^2/(2*0.5^2)";

    /// <summary>
    /// docs/targets.md's gmm4: -log Σ_k ¼ N(x; μ_k, 0.5² I) = -logsumexp_k(-|x - μ_k|²/(2·0.5²)) + log 4 + log(2π·0.5²).
    /// </summary>
    public const string Gmm4 =
        "-logsumexp(-((x - 2)^2 + (y - 2)^2)/(2*0.5^2), -((x + 2)^2 + (y - 2)^2)/(2*0.5^2)," +
        " -((x + 2)^2 + (y + 2)^2)/(2*0.5^2), -((x - 2)^2 + (y + 2)^2)/(2*0.5^2)) + log(4) + log(2*pi*0.5^2)";

    [Fact]
    public void BananaExpression_EqualsBananaEnergy()
    {
        var reference = Targets.Get("banana");
        AssertSameEnergy(reference.Energy, EnergyExpression.Parse(Banana, 2), EnergyCases.TestPoints(reference, 40, seed: 21), relative: 1e-14);
    }

    [Fact]
    public void Gmm4Expression_EqualsTheRegisteredMixture()
    {
        var reference = Targets.Get("gmm4");
        double[][] points = [.. EnergyCases.TestPoints(reference, 40, seed: 22), [0, 0], [30, -40], [2, 2], [-2.0001, 1.9999]];
        AssertSameEnergy(reference.Energy, EnergyExpression.Parse(Gmm4, 2), points, relative: 1e-12);
    }

    [Fact]
    public void IndexedSumsOverPairs_ExpressALennardJonesCluster()
    {
        // Three particles in 3-D: pairs once each, unsoftened, then the pull to the centre of mass.
        const string text =
            "sum(i, 0, 1, sum(j, i + 1, 2, (sum(k, 0, 2, (x[3*i + k] - x[3*j + k])^2))^-6 - 2*(sum(k, 0, 2, (x[3*i + k] - x[3*j + k])^2))^-3))" +
            " + 0.5*sum(a, 0, 2, sum(i, 0, 2, (x[3*i + a] - sum(j, 0, 2, x[3*j + a])/3)^2))";
        var expression = EnergyExpression.Parse(text, 9);
        var reference = BoltzDrift.Energies.Generic.GenericEnergy.Create(new LennardJonesCluster(3));
        double[][] points = FiniteDifference.RandomPoints(10, 9, seed: 23, scale: 0.3).Select(p => p.Select((v, k) => v + 1.1 * (k / 3)).ToArray()).ToArray();
        AssertSameEnergy(reference, expression, points, relative: 1e-10);
    }

    private static void AssertSameEnergy(Energy expected, Energy actual, double[][] points, double relative)
    {
        Assert.Equal(expected.Dimension, actual.Dimension);
        int d = expected.Dimension;
        foreach (double[] x in points)
        {
            double e = expected.Evaluate(x);
            NumericAssert.Close(e, actual.Evaluate(x), relative * Math.Max(1, Math.Abs(e)), "energy");
            double[] g1 = new double[d], g2 = new double[d], h1 = new double[d * d], h2 = new double[d * d];
            expected.Gradient(x, g1);
            NumericAssert.Close(e, actual.Gradient(x, g2), relative * Math.Max(1, Math.Abs(e)), "energy from Gradient");
            double gradientScale = Math.Max(1, g1.Max(Math.Abs));
            for (int j = 0; j < d; j++) NumericAssert.Close(g1[j], g2[j], relative * gradientScale, $"∂{j}");
            expected.Hessian(x, h1);
            actual.Hessian(x, h2);
            double hessianScale = Math.Max(1, h1.Max(Math.Abs));
            for (int k = 0; k < d * d; k++) NumericAssert.Close(h1[k], h2[k], 10 * relative * hessianScale, $"H[{k / d},{k % d}]");
        }
    }
}
