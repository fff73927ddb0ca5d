using BoltzDrift.Energies.Modes;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// The symmetric many-well of ASBS and SCLD ("MW-5" for d = 5): E(x) = Σ_i (x_i² - c)², with c = 4 giving
/// wells at x_i = ±2 in every coordinate, 2^d modes of equal mass. Coordinates are independent, so the
/// exact sampler draws each from the tabulated 1-D density ∝ exp(-(x² - c)²) by inverse CDF.
/// </summary>
public sealed class SymmetricWellsEnergy : Energy, IExactDistribution
{
    private readonly int _dimension;
    private readonly TabulatedDensity1D _marginal;

    /// <summary>Creates the energy in <paramref name="dimension"/> dimensions with wells at ±√<paramref name="wellSquare"/>.</summary>
    public SymmetricWellsEnergy(int dimension, double wellSquare = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(wellSquare > 0) || double.IsInfinity(wellSquare))
            throw new ArgumentOutOfRangeException(nameof(wellSquare), wellSquare, "The squared well position must be positive and finite.");
        _dimension = dimension;
        WellSquare = wellSquare;
        // Beyond |x| = √c + 2 the energy exceeds (4√c + 4)² ≥ 144 for c ≥ 4: the mass left out is below e^-100.
        double edge = Math.Sqrt(wellSquare) + 2;
        _marginal = new TabulatedDensity1D(x => -Term(x, wellSquare), -edge, edge, 200_001);
    }

    /// <summary>c: the wells sit at x_i = ±√c.</summary>
    public double WellSquare { get; }

    /// <summary>The 1-D density ∝ exp(-(x² - c)²) that every coordinate follows.</summary>
    public TabulatedDensity1D Marginal => _marginal;

    /// <inheritdoc/>
    public override int Dimension => _dimension;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <summary>d times the log normaliser of one coordinate.</summary>
    public double LogNormalizer => _dimension * _marginal.LogNormalizer;

    private static double Term(double x, double c)
    {
        double s = x * x - c;
        return s * s;
    }

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point)
    {
        double energy = 0;
        for (int j = 0; j < _dimension; j++) energy += Term(point[j], WellSquare);
        return energy;
    }

    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        int d = _dimension;
        float c = (float)WellSquare;
        for (int i = 0; i < energies.Length; i++)
        {
            var row = points.Slice(i * d, d);
            float energy = 0;
            for (int j = 0; j < d; j++)
            {
                float s = row[j] * row[j] - c;
                energy += s * s;
            }
            energies[i] = energy;
        }
    }

    /// <summary>∂E/∂x_j = 4 x_j (x_j² - c).</summary>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        for (int j = 0; j < _dimension; j++) gradient[j] = 4 * point[j] * (point[j] * point[j] - WellSquare);
        return Evaluate(point);
    }

    /// <summary>Diagonal: 12 x_j² - 4c.</summary>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        int d = _dimension;
        hessian[..(d * d)].Clear();
        for (int j = 0; j < d; j++) hessian[j * d + j] = 12 * point[j] * point[j] - 4 * WellSquare;
    }

    /// <summary>Every coordinate independently from <see cref="Marginal"/>.</summary>
    public SampleSet Sample(int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new double[count * _dimension];
        for (int i = 0; i < values.Length; i++) values[i] = _marginal.Sample(ref rng);
        return new SampleSet(values, _dimension);
    }

    /// <summary>Zero: the density is even in every coordinate (the table's mean is zero only to rounding).</summary>
    public double[] Mean() => new double[_dimension];

    /// <summary>diag(Var[x]) with the variance of the 1-D marginal; coordinates are independent.</summary>
    public double[] Covariance()
    {
        int d = _dimension;
        double secondMoment = _marginal.Variance + _marginal.Mean * _marginal.Mean;
        var covariance = new double[d * d];
        for (int j = 0; j < d; j++) covariance[j * d + j] = secondMoment;
        return covariance;
    }

    /// <summary>2^d modes, one per sign pattern (bit j set when x_j &gt; 0), each of weight 2^-d.</summary>
    public ProductModes Modes() => new(Enumerable.Range(0, _dimension).Select(j => new SignModes(j, 0.5)));
}
