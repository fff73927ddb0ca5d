using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Baselines;

/// <summary>
/// A 2-D Gaussian N(mean, Σ) with standard deviations (1, 2) and correlation 0.8, as an energy with
/// gradient and Hessian: E(x) = ½ (x - μ)ᵀ Σ⁻¹ (x - μ). Strong correlation makes step-size choice matter.
/// </summary>
internal sealed class CorrelatedGaussian : Energy
{
    public static readonly double[] Mean = [1, -2];
    public static readonly double[] Covariance = [1, 1.6, 1.6, 4];
    private static readonly double[] s_precision = Invert(Covariance);

    public override int Dimension => 2;
    public override bool HasGradient => true;
    public override bool HasHessian => true;

    public override double Evaluate(ReadOnlySpan<double> point)
    {
        double u = point[0] - Mean[0], v = point[1] - Mean[1];
        return 0.5 * (s_precision[0] * u * u + 2 * s_precision[1] * u * v + s_precision[3] * v * v);
    }

    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        double u = point[0] - Mean[0], v = point[1] - Mean[1];
        gradient[0] = s_precision[0] * u + s_precision[1] * v;
        gradient[1] = s_precision[2] * u + s_precision[3] * v;
        return Evaluate(point);
    }

    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian) => s_precision.CopyTo(hessian);

    private static double[] Invert(double[] m)
    {
        double det = m[0] * m[3] - m[1] * m[2];
        return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
    }
}

/// <summary>
/// An energy that is +∞ for 0.5 &lt; x0 ≤ 1 and NaN for x0 &gt; 1, and equal to the wrapped energy elsewhere:
/// samplers must reject every proposal there.
/// </summary>
internal sealed class TruncatedEnergy(Energy inner) : Energy
{
    public const double Edge = 0.5;

    public override int Dimension => inner.Dimension;
    public override bool HasGradient => inner.HasGradient;

    public override double Evaluate(ReadOnlySpan<double> point) => Outside(point) ?? inner.Evaluate(point);

    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        double energy = inner.Gradient(point, gradient);
        return Outside(point) ?? energy;
    }

    private static double? Outside(ReadOnlySpan<double> point) =>
        point[0] > 1 ? double.NaN : point[0] > Edge ? double.PositiveInfinity : null;
}
