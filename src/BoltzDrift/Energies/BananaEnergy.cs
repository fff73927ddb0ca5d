using System.Numerics;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// A banana (twisted Gaussian): x1 ~ N(0, a²) and x2 | x1 ~ N(b (x1² - a²), s²), i.e.
/// E(x) = x1² / (2a²) + (x2 - b (x1² - a²))² / (2s²). A single curved ridge: it tests whether a sampler
/// follows non-linear correlations, which no Gaussian fit can. Its normaliser, moments and samples are
/// exact from the definition.
/// </summary>
public sealed class BananaEnergy : Energy, IExactDistribution
{
    /// <summary>Creates the banana with width a, curvature b and ridge thickness s.</summary>
    public BananaEnergy(double width = 1.5, double curvature = 0.5, double thickness = 0.5)
    {
        if (!(width > 0) || !(thickness > 0) || !double.IsFinite(width) || !double.IsFinite(thickness) || !double.IsFinite(curvature))
            throw new ArgumentException($"Need finite a > 0, s > 0 and b; got a = {width}, b = {curvature}, s = {thickness}.");
        Width = width;
        Curvature = curvature;
        Thickness = thickness;
    }

    /// <summary>a: the standard deviation of x1.</summary>
    public double Width { get; }

    /// <summary>b: how strongly the ridge bends (x2 follows b (x1² - a²)).</summary>
    public double Curvature { get; }

    /// <summary>s: the standard deviation of x2 across the ridge.</summary>
    public double Thickness { get; }

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <summary>log(2π a s): the product of the two Gaussian normalisers.</summary>
    public double LogNormalizer => Math.Log(2 * Math.PI * Width * Thickness);

    private static T Formula<T>(T x1, T x2, T a, T b, T s) where T : IFloatingPointIeee754<T>
    {
        T two = T.CreateChecked(2);
        T offRidge = x2 - b * (x1 * x1 - a * a);
        return x1 * x1 / (two * a * a) + offRidge * offRidge / (two * s * s);
    }

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point) =>
        Formula(point[0], point[1], Width, Curvature, Thickness);

    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        float a = (float)Width, b = (float)Curvature, s = (float)Thickness;
        for (int i = 0; i < energies.Length; i++) energies[i] = Formula(points[2 * i], points[2 * i + 1], a, b, s);
    }

    private double OffRidge(ReadOnlySpan<double> point) =>
        point[1] - Curvature * (point[0] * point[0] - Width * Width);

    /// <inheritdoc/>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        double x1 = point[0], ridgeForce = OffRidge(point) / (Thickness * Thickness);
        gradient[0] = x1 / (Width * Width) - 2 * Curvature * x1 * ridgeForce;
        gradient[1] = ridgeForce;
        return Evaluate(point);
    }

    /// <inheritdoc/>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        double x1 = point[0], b = Curvature, precision = 1 / (Thickness * Thickness);
        hessian[0] = 1 / (Width * Width) + precision * (4 * b * b * x1 * x1 - 2 * b * OffRidge(point));
        hessian[1] = hessian[2] = -2 * b * x1 * precision;
        hessian[3] = precision;
    }

    /// <summary>x1 = a z1, x2 = b (x1² - a²) + s z2: the definition.</summary>
    public SampleSet Sample(int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new double[2 * count];
        for (int i = 0; i < count; i++)
        {
            double x1 = Width * rng.NextGaussian();
            values[2 * i] = x1;
            values[2 * i + 1] = Curvature * (x1 * x1 - Width * Width) + Thickness * rng.NextGaussian();
        }
        return new SampleSet(values, 2);
    }

    /// <summary>(0, 0): E[x1² - a²] = 0.</summary>
    public double[] Mean() => [0, 0];

    /// <summary>diag(a², 2 a⁴ b² + s²); x1 and x2 are uncorrelated because E[x1³] = 0.</summary>
    public double[] Covariance() =>
        [Width * Width, 0, 0, 2 * Math.Pow(Width, 4) * Curvature * Curvature + Thickness * Thickness];
}
