using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies;

/// <summary>Analytic gradients and Hessians against central finite differences, in double precision.</summary>
public class EnergyDerivativeTests
{
    private const double RelativeTolerance = 1e-6;

    [Theory]
    [MemberData(nameof(EnergyCases.Names), MemberType = typeof(EnergyCases))]
    public void Gradient_MatchesCentralDifferencesOfEnergy(string name)
    {
        var energy = EnergyCases.Get(name).Energy;
        Assert.True(energy.HasGradient);
        foreach (double[] x in EnergyCases.TestPoints(EnergyCases.Get(name), 12, seed: 1))
        {
            double[] gradient = FiniteDifferences.GradientAt(energy, x);
            double scale = Math.Max(1, gradient.Max(Math.Abs));
            for (int j = 0; j < x.Length; j++)
                NumericAssert.Close(FiniteDifferences.CentralDifference(p => energy.Evaluate(p), x, j), gradient[j], RelativeTolerance * scale);
        }
    }

    [Theory]
    [MemberData(nameof(EnergyCases.Names), MemberType = typeof(EnergyCases))]
    public void Gradient_ReturnsTheEnergy(string name)
    {
        var energy = EnergyCases.Get(name).Energy;
        foreach (double[] x in EnergyCases.TestPoints(EnergyCases.Get(name), 6, seed: 2))
            NumericAssert.Close(energy.Evaluate(x), energy.Gradient(x, new double[x.Length]), 1e-12 * Math.Max(1, Math.Abs(energy.Evaluate(x))));
    }

    [Theory]
    [MemberData(nameof(EnergyCases.Names), MemberType = typeof(EnergyCases))]
    public void Hessian_MatchesCentralDifferencesOfGradient(string name)
    {
        var energy = EnergyCases.Get(name).Energy;
        Assert.True(energy.HasHessian);
        foreach (double[] x in EnergyCases.TestPoints(EnergyCases.Get(name), 12, seed: 3))
        {
            int d = x.Length;
            var hessian = new double[d * d];
            energy.Hessian(x, hessian);
            double scale = Math.Max(1, hessian.Max(Math.Abs));
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                    NumericAssert.Close(FiniteDifferences.CentralDifference(p => FiniteDifferences.GradientAt(energy, p)[i], x, j), hessian[i * d + j], RelativeTolerance * scale);
        }
    }


}
