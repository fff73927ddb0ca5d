using BoltzDrift.Energies.Modes;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// Concentric rings in 2-D: log p(x) = logsumexp_k -(|x| - r_k)² / (2s²) + const, i.e.
/// E(x) = -logsumexp_k -(|x| - r_k)² / (2s²) (unnormalised). The density depends on the radius ρ = |x| only,
/// so everything exact comes from the 1-D radial density ∝ ρ e^{-E(ρ)}, tabulated once: samples (ρ by inverse
/// CDF, angle uniform), log Z = log 2π + log ∫ ρ e^{-E(ρ)} dρ, the second moment and the ring masses.
/// The energy is not differentiable at the origin (a cone); there, where the density is e^{-r₁²/2s²} of its
/// peak, the gradient is taken as zero.
/// </summary>
public sealed class RingsEnergy : Energy, IExactDistribution
{
    private const int MaxStackRings = 64;

    private readonly double[] _radii;
    private readonly float[] _radiiSingle;
    private readonly double _halfPrecision; // 1 / (2s²)
    private readonly TabulatedDensity1D _radial;

    /// <summary>Rings at the increasing radii <paramref name="radii"/>, each of radial width <paramref name="width"/>.</summary>
    public RingsEnergy(double[] radii, double width)
    {
        ArgumentNullException.ThrowIfNull(radii);
        if (radii.Length == 0 || radii.Length > MaxStackRings) throw new ArgumentException($"Need 1 to {MaxStackRings} radii.", nameof(radii));
        if (!(radii[0] > 0) || radii.Any(double.IsInfinity)) throw new ArgumentException("Radii must be positive and finite.", nameof(radii));
        for (int k = 1; k < radii.Length; k++)
            if (!(radii[k] > radii[k - 1])) throw new ArgumentException("Radii must increase.", nameof(radii));
        if (!(width > 0) || double.IsInfinity(width)) throw new ArgumentOutOfRangeException(nameof(width), width, "The width must be positive and finite.");
        _radii = (double[])radii.Clone();
        _radiiSingle = _radii.Select(r => (float)r).ToArray();
        Width = width;
        _halfPrecision = 1 / (2 * width * width);
        // 12 widths beyond the outer ring the density is e^-72 of its peak.
        _radial = new TabulatedDensity1D(r => Math.Log(r) - RadialEnergy(r), 0, radii[^1] + 12 * width, 200_001);
    }

    /// <summary>The ring radii r_k.</summary>
    public IReadOnlyList<double> Radii => _radii;

    /// <summary>s: the radial standard deviation of each ring.</summary>
    public double Width { get; }

    /// <summary>The density of ρ = |x|, ∝ ρ e^{-E(ρ)}.</summary>
    public TabulatedDensity1D RadialDensity => _radial;

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <summary>log Z = log 2π + log ∫₀^∞ ρ e^{-E(ρ)} dρ (polar coordinates).</summary>
    public double LogNormalizer => Math.Log(2 * Math.PI) + _radial.LogNormalizer;

    /// <summary>E as a function of the radius.</summary>
    private double RadialEnergy(double radius)
    {
        Span<double> logits = stackalloc double[_radii.Length];
        return -Logits(radius, logits);
    }

    /// <summary>Writes the ring logits t_k = -(ρ - r_k)²/(2s²) and returns their log-sum-exp.</summary>
    private double Logits(double radius, Span<double> logits)
    {
        double max = double.NegativeInfinity;
        for (int k = 0; k < _radii.Length; k++)
        {
            double offset = radius - _radii[k];
            logits[k] = -offset * offset * _halfPrecision;
            max = Math.Max(max, logits[k]);
        }
        if (double.IsNaN(max) || double.IsInfinity(max)) return max;
        double sum = 0;
        for (int k = 0; k < _radii.Length; k++) sum += Math.Exp(logits[k] - max);
        return max + Math.Log(sum);
    }

    private static double Radius(ReadOnlySpan<double> point) => Math.Sqrt(point[0] * point[0] + point[1] * point[1]);

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point) => RadialEnergy(Radius(point));

    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        float halfPrecision = (float)_halfPrecision;
        Span<float> logits = stackalloc float[_radii.Length];
        for (int i = 0; i < energies.Length; i++)
        {
            float x = points[2 * i], y = points[2 * i + 1];
            float radius = MathF.Sqrt(x * x + y * y);
            float max = float.NegativeInfinity;
            for (int k = 0; k < logits.Length; k++)
            {
                float offset = radius - _radiiSingle[k];
                logits[k] = -offset * offset * halfPrecision;
                max = MathF.Max(max, logits[k]);
            }
            if (float.IsNaN(max) || float.IsInfinity(max))
            {
                energies[i] = -max;
                continue;
            }
            float sum = 0;
            for (int k = 0; k < logits.Length; k++) sum += MathF.Exp(logits[k] - max);
            energies[i] = -(max + MathF.Log(sum));
        }
    }

    /// <summary>
    /// E'(ρ) = Σ_k w_k a_k and E''(ρ) = 1/s² - Var_w[a] with a_k = (ρ - r_k)/s² and w the softmax of the
    /// logits (the ring responsibilities). Returns E(ρ).
    /// </summary>
    private double RadialDerivatives(double radius, out double first, out double second)
    {
        Span<double> logits = stackalloc double[_radii.Length];
        double logSum = Logits(radius, logits);
        double precision = 2 * _halfPrecision, mean = 0, meanSquare = 0;
        for (int k = 0; k < _radii.Length; k++)
        {
            double w = Math.Exp(logits[k] - logSum), a = (radius - _radii[k]) * precision;
            mean += w * a;
            meanSquare += w * a * a;
        }
        first = mean;
        second = precision - Math.Max(0, meanSquare - mean * mean);
        return -logSum;
    }

    /// <summary>∇E = E'(ρ) x/ρ; zero at the origin, where E has a cone.</summary>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        double radius = Radius(point);
        double energy = RadialDerivatives(radius, out double first, out _);
        double scale = radius > 0 ? first / radius : 0;
        gradient[0] = scale * point[0];
        gradient[1] = scale * point[1];
        return energy;
    }

    /// <summary>
    /// H = E''(ρ) x̂x̂ᵀ + (E'(ρ)/ρ)(I - x̂x̂ᵀ): curvature across the ring plus the bending of the circle.
    /// At the origin, where E has a cone, E''(0) I is returned.
    /// </summary>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        double radius = Radius(point);
        RadialDerivatives(radius, out double first, out double second);
        if (!(radius > 0))
        {
            hessian[0] = hessian[3] = second;
            hessian[1] = hessian[2] = 0;
            return;
        }
        double ux = point[0] / radius, uy = point[1] / radius, bend = first / radius;
        hessian[0] = second * ux * ux + bend * (1 - ux * ux);
        hessian[1] = hessian[2] = (second - bend) * ux * uy;
        hessian[3] = second * uy * uy + bend * (1 - uy * uy);
    }

    /// <summary>ρ by inverse CDF of <see cref="RadialDensity"/>, the angle uniform on [0, 2π).</summary>
    public SampleSet Sample(int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new double[2 * count];
        for (int i = 0; i < count; i++)
        {
            double radius = _radial.Sample(ref rng), angle = 2 * Math.PI * rng.NextDouble();
            values[2 * i] = radius * Math.Cos(angle);
            values[2 * i + 1] = radius * Math.Sin(angle);
        }
        return new SampleSet(values, 2);
    }

    /// <summary>Zero, by rotational symmetry.</summary>
    public double[] Mean() => [0, 0];

    /// <summary>diag(E[ρ²]/2, E[ρ²]/2): rotational symmetry splits E[|x|²] evenly over the axes.</summary>
    public double[] Covariance()
    {
        double half = 0.5 * (_radial.Variance + _radial.Mean * _radial.Mean);
        return [half, 0, 0, half];
    }

    /// <summary>
    /// One mode per ring: a point belongs to the ring of largest logit, i.e. the nearest radius, so the
    /// boundaries are the midpoints between consecutive radii; each weight is the radial mass between them.
    /// </summary>
    public ShellModes Modes()
    {
        var boundaries = new double[_radii.Length - 1];
        for (int k = 0; k < boundaries.Length; k++) boundaries[k] = 0.5 * (_radii[k] + _radii[k + 1]);
        var weights = new double[_radii.Length];
        double below = 0;
        for (int k = 0; k < boundaries.Length; k++)
        {
            double cdf = _radial.Cdf(boundaries[k]);
            weights[k] = cdf - below;
            below = cdf;
        }
        weights[^1] = 1 - below;
        return new ShellModes(boundaries, weights);
    }
}
