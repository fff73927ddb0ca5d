using System.Numerics;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// A mixture of K isotropic Gaussians with a common standard deviation σ:
/// E(x) = -log Σ_k w_k N(x; μ_k, σ² I). The density is normalised (log Z = 0), and its samples and
/// moments are exact, which makes mixtures the reference targets for multi-modal sampling.
/// Sums over components are taken in the log domain with the maximum subtracted, so points far from
/// every mode get large finite energies rather than log 0.
/// </summary>
public sealed class GaussianMixtureEnergy : Energy, IExactDistribution
{
    /// <summary>Components up to which per-point scratch buffers live on the stack.</summary>
    private const int MaxStackComponents = 128;

    private readonly int _dimension;
    private readonly double _std;
    private readonly double[] _means;                 // K×d, row-major
    private readonly double[] _weights;               // normalised
    private readonly double[] _cumulativeWeights;
    private readonly double[] _logCoefficients;       // log w_k - (d/2) log(2π σ²)
    private readonly float[] _meansSingle;
    private readonly float[] _logCoefficientsSingle;

    /// <summary>
    /// Creates the mixture.
    /// </summary>
    /// <param name="dimension">Dimension d.</param>
    /// <param name="means">Component means, K×d row-major.</param>
    /// <param name="std">Common per-axis standard deviation σ of every component.</param>
    /// <param name="weights">Non-negative component weights (normalised here); null for equal weights.</param>
    public GaussianMixtureEnergy(int dimension, double[] means, double std, double[]? weights = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(means);
        if (means.Length == 0 || means.Length % dimension != 0)
            throw new ArgumentException($"{means.Length} mean values are not a positive whole number of points of dimension {dimension}.", nameof(means));
        if (!(std > 0) || double.IsInfinity(std))
            throw new ArgumentOutOfRangeException(nameof(std), std, "The standard deviation must be positive and finite.");
        int count = means.Length / dimension;
        weights ??= Enumerable.Repeat(1.0, count).ToArray();
        if (weights.Length != count)
            throw new ArgumentException($"Expected {count} weights, got {weights.Length}.", nameof(weights));
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)) || weights.Sum() <= 0)
            throw new ArgumentException("Weights must be finite, non-negative and not all zero.", nameof(weights));

        _dimension = dimension;
        _std = std;
        _means = (double[])means.Clone();
        double total = weights.Sum();
        _weights = weights.Select(w => w / total).ToArray();
        _cumulativeWeights = new double[count];
        double running = 0;
        for (int c = 0; c < count; c++) _cumulativeWeights[c] = running += _weights[c];
        double logGaussianNormaliser = 0.5 * dimension * Math.Log(2 * Math.PI * std * std);
        _logCoefficients = _weights.Select(w => Math.Log(w) - logGaussianNormaliser).ToArray();
        _meansSingle = _means.Select(m => (float)m).ToArray();
        _logCoefficientsSingle = _logCoefficients.Select(l => (float)l).ToArray();
    }

    /// <inheritdoc/>
    public override int Dimension => _dimension;

    /// <summary>Number of components K.</summary>
    public int ComponentCount => _weights.Length;

    /// <summary>Common per-axis standard deviation σ of the components.</summary>
    public double Std => _std;

    /// <summary>Component means, K×d row-major.</summary>
    public ReadOnlySpan<double> Means => _means;

    /// <summary>Normalised component weights.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <summary>Zero: the energy is minus the log of a normalised density.</summary>
    public double LogNormalizer => 0;

    /// <summary>1/σ², the precision of each component along every axis.</summary>
    private double Precision => 1 / (_std * _std);

    private double HalfPrecision => 0.5 * Precision;

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point)
    {
        Span<double> logits = ComponentCount <= MaxStackComponents ? stackalloc double[ComponentCount] : new double[ComponentCount];
        ComputeLogits(point, _means, _logCoefficients, HalfPrecision, logits);
        return -LogSumExp<double>(logits);
    }

    /// <summary>
    /// Batched float32 energies, the training hot path: whole blocks of points go through the SIMD
    /// <see cref="GaussianMixtureKernel"/>, the remainder through the same log-sum-exp as the double overload.
    /// </summary>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        float halfPrecision = (float)HalfPrecision;
        int done = GaussianMixtureKernel.IsAccelerated
            ? GaussianMixtureKernel.EvaluateBlocks(points, energies, _dimension, _meansSingle, _logCoefficientsSingle, halfPrecision)
            : 0;
        Span<float> logits = ComponentCount <= MaxStackComponents ? stackalloc float[ComponentCount] : new float[ComponentCount];
        for (int i = done; i < energies.Length; i++)
        {
            ComputeLogits(points.Slice(i * _dimension, _dimension), _meansSingle, _logCoefficientsSingle, halfPrecision, logits);
            energies[i] = -LogSumExp<float>(logits);
        }
    }

    /// <inheritdoc/>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        Span<double> responsibilities = ComponentCount <= MaxStackComponents ? stackalloc double[ComponentCount] : new double[ComponentCount];
        double energy = Responsibilities(point, responsibilities);
        WeightedScore(point, responsibilities, gradient);
        for (int j = 0; j < _dimension; j++) gradient[j] = -gradient[j];
        return energy;
    }

    /// <summary>
    /// H = I/σ² - Cov_r[u], where u_k = (μ_k - x)/σ² is the score of component k and r the
    /// responsibilities: the mixture is less curved than its components where they compete.
    /// The covariance is accumulated in centred form, Σ_k r_k (u_k - ū)(u_k - ū)ᵀ, which avoids cancellation.
    /// </summary>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        int d = _dimension;
        Span<double> responsibilities = ComponentCount <= MaxStackComponents ? stackalloc double[ComponentCount] : new double[ComponentCount];
        Span<double> meanScore = d <= 256 ? stackalloc double[d] : new double[d];
        Span<double> deviation = d <= 256 ? stackalloc double[d] : new double[d];
        Responsibilities(point, responsibilities);
        WeightedScore(point, responsibilities, meanScore);

        double precision = Precision;
        hessian[..(d * d)].Clear();
        for (int j = 0; j < d; j++) hessian[j * d + j] = precision;
        for (int c = 0; c < ComponentCount; c++)
        {
            for (int j = 0; j < d; j++) deviation[j] = (_means[c * d + j] - point[j]) * precision - meanScore[j];
            double r = responsibilities[c];
            for (int j = 0; j < d; j++)
                for (int l = 0; l < d; l++)
                    hessian[j * d + l] -= r * deviation[j] * deviation[l];
        }
    }

    /// <summary>Writes the posterior component probabilities r_k(x) and returns E(x).</summary>
    private double Responsibilities(ReadOnlySpan<double> point, Span<double> responsibilities)
    {
        ComputeLogits(point, _means, _logCoefficients, HalfPrecision, responsibilities);
        double logDensity = LogSumExp<double>(responsibilities);
        for (int c = 0; c < responsibilities.Length; c++) responsibilities[c] = Math.Exp(responsibilities[c] - logDensity);
        return -logDensity;
    }

    /// <summary>Writes ū = Σ_k r_k u_k = Σ_k r_k (μ_k - x)/σ², which is grad log p(x).</summary>
    private void WeightedScore(ReadOnlySpan<double> point, ReadOnlySpan<double> responsibilities, Span<double> score)
    {
        int d = _dimension;
        double precision = Precision;
        score[..d].Clear();
        for (int c = 0; c < responsibilities.Length; c++)
            for (int j = 0; j < d; j++)
                score[j] += responsibilities[c] * (_means[c * d + j] - point[j]) * precision;
    }

    /// <summary>logits_k = log c_k - |x - μ_k|² / (2σ²), the log of each weighted component density.</summary>
    private static void ComputeLogits<T>(ReadOnlySpan<T> point, ReadOnlySpan<T> means, ReadOnlySpan<T> logCoefficients, T halfPrecision, Span<T> logits)
        where T : IFloatingPointIeee754<T>
    {
        int d = point.Length;
        for (int c = 0; c < logits.Length; c++)
        {
            var mean = means.Slice(c * d, d);
            T squared = T.Zero;
            for (int j = 0; j < d; j++)
            {
                T difference = point[j] - mean[j];
                squared += difference * difference;
            }
            logits[c] = logCoefficients[c] - squared * halfPrecision;
        }
    }

    /// <summary>
    /// log Σ exp(logits) with the maximum subtracted. The maximum is seeded with the first logit so that
    /// a NaN point (all logits NaN) gives NaN whatever Max does with NaN; if every logit is -∞ (the point
    /// is infinitely far away) the result is -∞, i.e. energy +∞, rather than the NaN of -∞ - (-∞).
    /// </summary>
    private static T LogSumExp<T>(ReadOnlySpan<T> logits) where T : IFloatingPointIeee754<T>
    {
        T max = logits[0];
        for (int c = 1; c < logits.Length; c++) max = T.Max(max, logits[c]);
        if (T.IsNegativeInfinity(max)) return max;
        T sum = T.Zero;
        for (int c = 0; c < logits.Length; c++) sum += T.Exp(logits[c] - max);
        return max + T.Log(sum);
    }

    /// <summary>Picks a component, then adds σ z.</summary>
    public SampleSet Sample(int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = _dimension;
        var values = new double[count * d];
        for (int i = 0; i < count; i++)
        {
            int c = PickComponent(rng.NextDouble());
            for (int j = 0; j < d; j++) values[i * d + j] = _means[c * d + j] + _std * rng.NextGaussian();
        }
        return new SampleSet(values, d);
    }

    private int PickComponent(double u)
    {
        int c = 0;
        while (c < ComponentCount - 1 && u >= _cumulativeWeights[c]) c++;
        return c;
    }

    /// <summary>Σ_k w_k μ_k.</summary>
    public double[] Mean()
    {
        int d = _dimension;
        var mean = new double[d];
        for (int c = 0; c < ComponentCount; c++)
            for (int j = 0; j < d; j++) mean[j] += _weights[c] * _means[c * d + j];
        return mean;
    }

    /// <summary>
    /// σ² I + Σ_k w_k (μ_k - m)(μ_k - m)ᵀ: within-component plus between-component spread. The upper triangle
    /// is mirrored, so the result is exactly symmetric (w·a·b and w·b·a can differ in the last bit).
    /// </summary>
    public double[] Covariance()
    {
        int d = _dimension;
        double[] mean = Mean();
        var covariance = new double[d * d];
        for (int j = 0; j < d; j++) covariance[j * d + j] = _std * _std;
        for (int c = 0; c < ComponentCount; c++)
            for (int j = 0; j < d; j++)
                for (int l = j; l < d; l++)
                    covariance[j * d + l] += _weights[c] * (_means[c * d + j] - mean[j]) * (_means[c * d + l] - mean[l]);
        for (int j = 0; j < d; j++)
            for (int l = 0; l < j; l++)
                covariance[j * d + l] = covariance[l * d + j];
        return covariance;
    }
}
