using BoltzDrift.Tests.Energies;
using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies.Field;

/// <summary>Gradients and Hessians of the field's targets against central finite differences, in double precision.</summary>
public class FieldDerivativeTests
{
    private const double RelativeTolerance = 1e-6;

    [Theory]
    [MemberData(nameof(FieldCases.Names), MemberType = typeof(FieldCases))]
    public void Gradient_MatchesCentralDifferencesOfEnergy(string name)
    {
        var target = Targets.Get(name);
        var energy = target.Energy;
        Assert.True(energy.HasGradient);
        foreach (double[] x in FieldCases.TestPoints(target, 8, seed: 1))
        {
            double[] gradient = FiniteDifferences.GradientAt(energy, x);
            double scale = Math.Max(1, gradient.Max(Math.Abs));
            for (int j = 0; j < x.Length; j++)
                NumericAssert.Close(FiniteDifferences.CentralDifference(p => energy.Evaluate(p), x, j), gradient[j], RelativeTolerance * scale, $"∂E/∂x{j}");
        }
    }

    [Theory]
    [MemberData(nameof(FieldCases.Names), MemberType = typeof(FieldCases))]
    public void Gradient_ReturnsTheEnergy(string name)
    {
        var target = Targets.Get(name);
        foreach (double[] x in FieldCases.TestPoints(target, 6, seed: 2))
        {
            double expected = target.Energy.Evaluate(x);
            NumericAssert.Close(expected, target.Energy.Gradient(x, new double[x.Length]), 1e-12 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Theory]
    [MemberData(nameof(FieldCases.Names), MemberType = typeof(FieldCases))]
    public void Hessian_MatchesCentralDifferencesOfGradient_AndIsSymmetric(string name)
    {
        var target = Targets.Get(name);
        var energy = target.Energy;
        Assert.True(energy.HasHessian);
        foreach (double[] x in FieldCases.TestPoints(target, 6, seed: 3))
        {
            int d = x.Length;
            var hessian = new double[d * d];
            energy.Hessian(x, hessian);
            double scale = Math.Max(1, hessian.Max(Math.Abs));
            // One differenced gradient per column: d + d gradient calls instead of d² energy differences.
            for (int j = 0; j < d; j++)
            {
                double h = 1e-5 * Math.Max(1, Math.Abs(x[j]));
                double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
                plus[j] += h;
                minus[j] -= h;
                double[] gradientPlus = FiniteDifferences.GradientAt(energy, plus), gradientMinus = FiniteDifferences.GradientAt(energy, minus);
                for (int i = 0; i < d; i++)
                {
                    double difference = (gradientPlus[i] - gradientMinus[i]) / (plus[j] - minus[j]);
                    NumericAssert.Close(difference, hessian[i * d + j], RelativeTolerance * scale, $"H[{i},{j}]");
                    Assert.Equal(hessian[i * d + j], hessian[j * d + i], 12);
                }
            }
        }
    }


}
