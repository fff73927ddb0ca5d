using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies;

/// <summary>Finite-difference references for the derivative tests.</summary>
internal static class FiniteDifferences
{
    /// <summary>The energy's analytic gradient at <paramref name="x"/>.</summary>
    public static double[] GradientAt(Energy energy, double[] x)
    {
        var gradient = new double[x.Length];
        energy.Gradient(x, gradient);
        return gradient;
    }

    /// <summary>∂f/∂x_j by central differences; the step scales with |x_j| to balance truncation and round-off.</summary>
    public static double CentralDifference(Func<double[], double> f, double[] x, int j)
    {
        double h = 1e-5 * Math.Max(1, Math.Abs(x[j]));
        double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
        plus[j] += h;
        minus[j] -= h;
        return (f(plus) - f(minus)) / (plus[j] - minus[j]);
    }
}
