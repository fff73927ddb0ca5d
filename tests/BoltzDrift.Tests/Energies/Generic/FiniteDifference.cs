namespace BoltzDrift.Tests.Energies.Generic;

/// <summary>Central finite differences: the independent reference for derivatives.</summary>
internal static class FiniteDifference
{
    /// <summary>∂f/∂x_j with step <paramref name="relativeStep"/>·max(1, |x_j|).</summary>
    public static double Partial(Func<double[], double> f, double[] x, int j, double relativeStep = 1e-5)
    {
        double h = relativeStep * Math.Max(1, Math.Abs(x[j]));
        double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
        plus[j] += h;
        minus[j] -= h;
        // Divide by the step actually taken, which rounding may have changed.
        return (f(plus) - f(minus)) / (plus[j] - minus[j]);
    }

    public static double[] Gradient(Func<double[], double> f, double[] x) =>
        Enumerable.Range(0, x.Length).Select(j => Partial(f, x, j)).ToArray();

    /// <summary>The Hessian as finite differences of an exact gradient, row-major.</summary>
    public static double[] Hessian(Func<double[], double[]> gradient, double[] x)
    {
        int d = x.Length;
        var h = new double[d * d];
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++)
                h[i * d + j] = Partial(p => gradient(p)[i], x, j);
        return h;
    }

    /// <summary>Normal points with standard deviation <paramref name="scale"/>.</summary>
    public static double[][] RandomPoints(int count, int dimension, ulong seed, double scale = 1)
    {
        var rng = new BoltzDrift.Numerics.Rng(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, dimension).Select(_ => scale * rng.NextGaussian()).ToArray())
            .ToArray();
    }
}
