using BoltzDrift.Energies;

namespace BoltzDrift.Metrics.Modes;

/// <summary>Ready-made <see cref="ModeAssigner"/>s: nearest centre, highest component density, sign patterns.</summary>
public static class ModeAssigners
{
    /// <summary>The nearest of the centres (K×d row-major), lowest index on ties; -1 for a non-finite point.</summary>
    /// <exception cref="ArgumentException">The centres are not a positive whole number of d-vectors.</exception>
    public static ModeAssigner NearestCentre(double[] centres, int dimension)
    {
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (centres.Length == 0 || centres.Length % dimension != 0)
            throw new ArgumentException($"{centres.Length} values are not a positive whole number of centres of dimension {dimension}.", nameof(centres));
        var copy = (double[])centres.Clone();
        int count = copy.Length / dimension;
        return point =>
        {
            RequireDimension(point, dimension);
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            for (int k = 0; k < count; k++)
            {
                double distance = 0;
                for (int j = 0; j < dimension; j++)
                {
                    double difference = point[j] - copy[k * dimension + j];
                    distance += difference * difference;
                }
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = k;
                }
            }
            return best;  // stays -1 when the distances are NaN
        };
    }

    /// <summary>
    /// The component k of highest weighted density w_k N(x; μ_k, σ² I) of a <see cref="GaussianMixtureEnergy"/>,
    /// i.e. the most probable component given x; -1 for a non-finite point.
    /// </summary>
    public static ModeAssigner HighestDensity(GaussianMixtureEnergy mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        int d = mixture.Dimension, count = mixture.ComponentCount;
        var covariances = new double[count * d * d];
        for (int k = 0; k < count; k++)
            for (int j = 0; j < d; j++) covariances[k * d * d + j * d + j] = mixture.Std * mixture.Std;
        return HighestDensity(mixture.Weights.ToArray(), mixture.Means.ToArray(), covariances, d);
    }

    /// <summary>
    /// The component k of highest weighted density w_k N(x; μ_k, Σ_k) of a general Gaussian mixture:
    /// argmax_k log w_k - ½ log det Σ_k - ½ (x - μ_k)ᵀ Σ_k⁻¹ (x - μ_k), through Cholesky factors.
    /// </summary>
    /// <param name="weights">K non-negative weights (normalisation does not matter).</param>
    /// <param name="means">K×d means, row-major.</param>
    /// <param name="covariances">K d×d symmetric positive definite covariances, each row-major, one after another.</param>
    /// <param name="dimension">d.</param>
    /// <exception cref="ArgumentException">Shapes disagree, a weight is negative, or a covariance is not positive definite.</exception>
    public static ModeAssigner HighestDensity(double[] weights, double[] means, double[] covariances, int dimension)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        int d = dimension, count = weights.Length;
        if (count == 0 || means.Length != count * d || covariances.Length != count * d * d)
            throw new ArgumentException($"Expected {count} means of dimension {d} and {count} covariances of {d}×{d}; got {means.Length} and {covariances.Length} values.");
        var logCoefficients = new double[count];
        var factors = new double[count * d * d];
        for (int k = 0; k < count; k++)
        {
            if (!(weights[k] >= 0) || double.IsInfinity(weights[k]))
                throw new ArgumentException($"Weight {k} is {weights[k]}; weights must be finite and non-negative.", nameof(weights));
            double logDeterminant = Cholesky(covariances.AsSpan(k * d * d, d * d), factors.AsSpan(k * d * d, d * d), d, k);
            logCoefficients[k] = Math.Log(weights[k]) - 0.5 * logDeterminant;
        }
        var meansCopy = (double[])means.Clone();
        return point =>
        {
            RequireDimension(point, d);
            Span<double> solved = d <= 64 ? stackalloc double[d] : new double[d];
            int best = -1;
            double bestLog = double.NegativeInfinity;
            for (int k = 0; k < count; k++)
            {
                if (double.IsNegativeInfinity(logCoefficients[k])) continue;  // zero weight: never the answer
                var factor = factors.AsSpan(k * d * d, d * d);
                double quadratic = 0;
                for (int r = 0; r < d; r++)  // solve L z = x - μ by forward substitution; quadratic = |z|^2
                {
                    double s = point[r] - meansCopy[k * d + r];
                    for (int c = 0; c < r; c++) s -= factor[r * d + c] * solved[c];
                    solved[r] = s / factor[r * d + r];
                    quadratic += solved[r] * solved[r];
                }
                double log = logCoefficients[k] - 0.5 * quadratic;
                if (log > bestLog)
                {
                    bestLog = log;
                    best = k;
                }
            }
            return best;
        };
    }

    /// <summary>
    /// The orthant pattern of selected coordinates: bit b of the index is set when x[coordinates[b]] &gt; 0,
    /// giving 2^B modes. For the double well, coordinates {0} gives mode 1 for the right well (x1 &gt; 0); for
    /// manywell32, the first coordinate of each of the 16 pairs gives its 65,536 modes. -1 for a non-finite
    /// selected coordinate.
    /// </summary>
    /// <exception cref="ArgumentException">No coordinates, more than 30, or a negative one.</exception>
    public static ModeAssigner SignPattern(params int[] coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Length is 0 or > 30 || coordinates.Any(c => c < 0))
            throw new ArgumentException("Give between 1 and 30 non-negative coordinate indices.", nameof(coordinates));
        var copy = (int[])coordinates.Clone();
        return point =>
        {
            int index = 0;
            for (int b = 0; b < copy.Length; b++)
            {
                double value = point[copy[b]];
                if (!double.IsFinite(value)) return -1;
                if (value > 0) index |= 1 << b;
            }
            return index;
        };
    }

    /// <summary>Lower Cholesky factor L (L Lᵀ = Σ) into <paramref name="factor"/>; returns log det Σ.</summary>
    private static double Cholesky(ReadOnlySpan<double> matrix, Span<double> factor, int d, int component)
    {
        factor.Clear();
        double logDeterminant = 0;
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c <= r; c++)
            {
                double s = matrix[r * d + c];
                for (int k = 0; k < c; k++) s -= factor[r * d + k] * factor[c * d + k];
                if (r == c)
                {
                    if (!(s > 0))
                        throw new ArgumentException($"Covariance {component} is not positive definite.", "covariances");
                    factor[r * d + r] = Math.Sqrt(s);
                    logDeterminant += Math.Log(s);
                }
                else
                {
                    factor[r * d + c] = s / factor[c * d + c];
                }
            }
        }
        return logDeterminant;
    }

    private static void RequireDimension(ReadOnlySpan<double> point, int dimension)
    {
        if (point.Length != dimension)
            throw new ArgumentException($"Points have dimension {point.Length} but the modes have dimension {dimension}.");
    }
}
