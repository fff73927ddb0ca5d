using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// Neal's funnel: x0 ~ N(0, s²) and x_1 … x_{d-1} | x0 ~ N(0, e^{x0} I), normalised, so
/// E(x) = x0²/(2s²) + ½ log(2π s²) + Σ_{i≥1} [x_i² e^{-x0}/2 + x0/2 + ½ log 2π] and log Z = 0.
/// The neck (x0 ≪ 0) is exponentially narrow and the mouth exponentially wide, which defeats fixed step
/// sizes. s = 3 (variance 9) as in the field; the variance-1 funnel of some papers is a known bug.
/// </summary>
public sealed class FunnelEnergy : Energy, IExactDistribution
{
    private readonly int _dimension;
    private readonly double _constant; // ½ log(2π s²) + (d - 1) ½ log 2π

    /// <summary>Creates the funnel in <paramref name="dimension"/> ≥ 2 dimensions with neck scale <paramref name="scale"/>.</summary>
    public FunnelEnergy(int dimension = 10, double scale = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 2);
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive and finite.");
        _dimension = dimension;
        Scale = scale;
        _constant = 0.5 * Math.Log(2 * Math.PI * scale * scale) + (dimension - 1) * 0.5 * Math.Log(2 * Math.PI);
    }

    /// <summary>s, the standard deviation of x0.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override int Dimension => _dimension;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <summary>Zero: the energy includes the normalising constants.</summary>
    public double LogNormalizer => 0;

    /// <summary>Σ_{i≥1} x_i², the squared width of the point's cross-section.</summary>
    private static double TailSquares(ReadOnlySpan<double> point)
    {
        double sum = 0;
        for (int i = 1; i < point.Length; i++) sum += point[i] * point[i];
        return sum;
    }

    private double Formula(double x0, double tailSquares) =>
        x0 * x0 / (2 * Scale * Scale) + 0.5 * tailSquares * Math.Exp(-x0) + 0.5 * (_dimension - 1) * x0 + _constant;

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point) => Formula(point[0], TailSquares(point));

    /// <summary>
    /// Batched energies, computed in double per point: e^{-x0} overflows float32 already at x0 = -89, where the
    /// funnel's neck still has non-negligible mass for a sampler to visit.
    /// </summary>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        int d = _dimension;
        for (int i = 0; i < energies.Length; i++)
        {
            var row = points.Slice(i * d, d);
            double tail = 0;
            for (int j = 1; j < d; j++) tail += (double)row[j] * row[j];
            energies[i] = (float)Formula(row[0], tail);
        }
    }

    /// <summary>∂E/∂x0 = x0/s² - ½ e^{-x0} Σ x_i² + (d-1)/2; ∂E/∂x_i = x_i e^{-x0}.</summary>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        double x0 = point[0], precision = Math.Exp(-point[0]), tail = TailSquares(point);
        gradient[0] = x0 / (Scale * Scale) - 0.5 * tail * precision + 0.5 * (_dimension - 1);
        for (int i = 1; i < _dimension; i++) gradient[i] = point[i] * precision;
        return Formula(x0, tail);
    }

    /// <summary>H₀₀ = 1/s² + ½ e^{-x0} Σ x_i², H₀ᵢ = -x_i e^{-x0}, Hᵢᵢ = e^{-x0}, other entries 0.</summary>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        int d = _dimension;
        double precision = Math.Exp(-point[0]);
        hessian[..(d * d)].Clear();
        hessian[0] = 1 / (Scale * Scale) + 0.5 * TailSquares(point) * precision;
        for (int i = 1; i < d; i++)
        {
            hessian[i] = hessian[i * d] = -point[i] * precision;
            hessian[i * d + i] = precision;
        }
    }

    /// <summary>x0 = s z0, then x_i = e^{x0/2} z_i: the definition.</summary>
    public SampleSet Sample(int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = _dimension;
        var values = new double[count * d];
        for (int n = 0; n < count; n++)
        {
            double x0 = Scale * rng.NextGaussian(), width = Math.Exp(0.5 * x0);
            values[n * d] = x0;
            for (int i = 1; i < d; i++) values[n * d + i] = width * rng.NextGaussian();
        }
        return new SampleSet(values, d);
    }

    /// <summary>Zero: every coordinate is symmetric about 0.</summary>
    public double[] Mean() => new double[_dimension];

    /// <summary>
    /// diag(s², e^{s²/2}, …): Var[x_i] = E[e^{x0}] = e^{s²/2} (≈ 90.0 for s = 3); all coordinates are
    /// uncorrelated because E[x_i | x0] = 0.
    /// </summary>
    public double[] Covariance()
    {
        int d = _dimension;
        var covariance = new double[d * d];
        covariance[0] = Scale * Scale;
        for (int i = 1; i < d; i++) covariance[i * d + i] = Math.Exp(0.5 * Scale * Scale);
        return covariance;
    }

    /// <summary>The sample variance of x0 about its exact mean 0 (exact value s² = 9).</summary>
    public static double NeckVariance(SampleSet samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        double sum = 0;
        for (int i = 0; i < samples.Count; i++) sum += samples[i][0] * samples[i][0];
        return sum / samples.Count;
    }
}
