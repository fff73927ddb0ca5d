using System.Numerics;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// The 2-D double well of Boltzmann generators and FAB, E(x) = x1⁴ - 6 x1² - 0.5 x1 + 0.5 x2²: two wells
/// near x1 = ±1.7 of unequal mass (P(x1 &gt; 0) ≈ 0.844) separated by a barrier, so it tests mass transfer
/// between modes. x1 and x2 are independent; x2 is standard normal and x1's marginal is tabulated once
/// (<see cref="X1Marginal"/>) for exact sampling and reference statistics.
/// </summary>
public sealed class DoubleWellEnergy : Energy, IExactDistribution
{
    private static readonly Lazy<TabulatedDensity1D> s_x1Marginal =
        new(() => new TabulatedDensity1D(x1 => -X1Energy(x1), -6, 6, 200_001));

    /// <summary>
    /// The marginal density of x1, ∝ exp(-(x1⁴ - 6 x1² - 0.5 x1)), on 200,001 points of [-6, 6]
    /// (the mass beyond is below e^-1000). Built on first use.
    /// </summary>
    public static TabulatedDensity1D X1Marginal => s_x1Marginal.Value;

    /// <summary>P(x1 &gt; 0): the mass of the deeper, right-hand well (0.844307).</summary>
    public static double RightWellProbability => 1 - X1Marginal.Cdf(0);

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <summary>log Z = log Z_x1 + log √(2π).</summary>
    public double LogNormalizer => X1Marginal.LogNormalizer + 0.5 * Math.Log(2 * Math.PI);

    /// <summary>The x1 part of the energy, x1⁴ - 6 x1² - 0.5 x1; the x2 part is x2²/2.</summary>
    internal static T X1Energy<T>(T x1) where T : IFloatingPointIeee754<T>
    {
        T square = x1 * x1;
        return square * (square - T.CreateChecked(6)) - T.CreateChecked(0.5) * x1;
    }

    private static T Formula<T>(T x1, T x2) where T : IFloatingPointIeee754<T> =>
        X1Energy(x1) + T.CreateChecked(0.5) * x2 * x2;

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point) => Formula(point[0], point[1]);

    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        for (int i = 0; i < energies.Length; i++) energies[i] = Formula(points[2 * i], points[2 * i + 1]);
    }

    /// <inheritdoc/>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        double x1 = point[0];
        gradient[0] = 4 * x1 * x1 * x1 - 12 * x1 - 0.5;
        gradient[1] = point[1];
        return Evaluate(point);
    }

    /// <inheritdoc/>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        hessian[0] = 12 * point[0] * point[0] - 12;
        hessian[1] = 0;
        hessian[2] = 0;
        hessian[3] = 1;
    }

    /// <summary>x1 by inverse CDF of <see cref="X1Marginal"/>, x2 ~ N(0, 1).</summary>
    public SampleSet Sample(int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var x1 = X1Marginal;
        var values = new double[2 * count];
        for (int i = 0; i < count; i++)
        {
            values[2 * i] = x1.Sample(ref rng);
            values[2 * i + 1] = rng.NextGaussian();
        }
        return new SampleSet(values, 2);
    }

    /// <summary>(E[x1], 0) with E[x1] from the tabulated marginal.</summary>
    public double[] Mean() => [X1Marginal.Mean, 0];

    /// <summary>diag(Var[x1], 1): the coordinates are independent.</summary>
    public double[] Covariance() => [X1Marginal.Variance, 0, 0, 1];

    /// <summary>The fraction of points with x1 &gt; 0, i.e. the mass in the deeper (right) well.</summary>
    public static double FractionInRightWell(SampleSet samples)
    {
        int right = 0;
        for (int i = 0; i < samples.Count; i++) if (samples[i][0] > 0) right++;
        return (double)right / samples.Count;
    }
}
