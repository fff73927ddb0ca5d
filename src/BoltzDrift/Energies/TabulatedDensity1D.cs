using BoltzDrift.Numerics;

namespace BoltzDrift.Energies;

/// <summary>
/// An unnormalised 1-D density exp(logDensity(x)) tabulated once on a fine uniform grid over [lower, upper]:
/// its normaliser and moments by the trapezoid rule, and exact-to-grid-precision sampling by inverse CDF
/// (the trapezoid CDF, inverted with linear interpolation). This is how separable multi-well targets
/// (double well, many-well) get exact samplers and reference statistics without rejection tuning.
/// Mass outside [lower, upper] is ignored, so choose the interval where the density is negligible.
/// </summary>
public sealed class TabulatedDensity1D
{
    private readonly double _lower;
    private readonly double _step;
    private readonly double[] _cdf;

    /// <summary>Tabulates exp(<paramref name="logDensity"/>) at <paramref name="gridPoints"/> equally spaced points.</summary>
    public TabulatedDensity1D(Func<double, double> logDensity, double lower, double upper, int gridPoints)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridPoints, 2);
        if (!(upper > lower) || double.IsInfinity(upper - lower))
            throw new ArgumentException($"Need a finite interval with lower < upper, got [{lower}, {upper}].");

        _lower = lower;
        _step = (upper - lower) / (gridPoints - 1);
        var logValues = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) logValues[i] = logDensity(GridPoint(i));
        double maxLog = logValues.Max();
        if (!double.IsFinite(maxLog))
            throw new ArgumentException("The log density must be finite somewhere on the grid and never NaN or +∞.");

        // Relative to the maximum so that exp cannot overflow; the scale returns in LogNormalizer.
        var density = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) density[i] = Math.Exp(logValues[i] - maxLog);

        _cdf = new double[gridPoints];
        double mass = 0, firstMoment = 0;
        for (int i = 1; i < gridPoints; i++)
        {
            mass += 0.5 * _step * (density[i - 1] + density[i]);
            firstMoment += 0.5 * _step * (GridPoint(i - 1) * density[i - 1] + GridPoint(i) * density[i]);
            _cdf[i] = mass;
        }
        for (int i = 0; i < gridPoints; i++) _cdf[i] /= mass;

        Mean = firstMoment / mass;
        double secondCentral = 0;
        for (int i = 1; i < gridPoints; i++)
        {
            double left = GridPoint(i - 1) - Mean, right = GridPoint(i) - Mean;
            secondCentral += 0.5 * _step * (left * left * density[i - 1] + right * right * density[i]);
        }
        Variance = secondCentral / mass;
        LogNormalizer = maxLog + Math.Log(mass);
    }

    /// <summary>log ∫ exp(logDensity(x)) dx over the grid interval.</summary>
    public double LogNormalizer { get; }

    /// <summary>Mean of the normalised density.</summary>
    public double Mean { get; }

    /// <summary>Variance of the normalised density.</summary>
    public double Variance { get; }

    /// <summary>P(X ≤ x), exact at grid points and linear in between.</summary>
    public double Cdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double position = (x - _lower) / _step;
        if (position <= 0) return 0;
        if (position >= _cdf.Length - 1) return 1;
        int i = (int)position;
        double t = position - i;
        return _cdf[i] + t * (_cdf[i + 1] - _cdf[i]);
    }

    /// <summary>The x with Cdf(x) = u, for u in [0, 1): the inverse of the piecewise-linear CDF.</summary>
    public double Quantile(double u)
    {
        if (!(u >= 0 && u < 1)) throw new ArgumentOutOfRangeException(nameof(u), u, "Need 0 <= u < 1.");
        // First grid index whose CDF exceeds u; cells of zero mass (underflowed tails) are never chosen.
        int low = 1, high = _cdf.Length - 1;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_cdf[middle] > u) high = middle; else low = middle + 1;
        }
        double t = (u - _cdf[low - 1]) / (_cdf[low] - _cdf[low - 1]);
        return GridPoint(low - 1) + t * _step;
    }

    /// <summary>One exact sample (to grid precision), by inverse CDF.</summary>
    public double Sample(ref Rng rng) => Quantile(rng.NextDouble());

    private double GridPoint(int i) => _lower + i * _step;
}
