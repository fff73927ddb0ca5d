namespace BoltzDrift.Energies.Modes;

/// <summary>
/// The modes of a <see cref="GaussianMixtureEnergy"/>: one per component, a point belonging to the component
/// of highest weighted density w_k N(x; μ_k, σ² I). Where components overlap, a component's region holds
/// slightly less (or more) than its weight w_k, so <see cref="Planar"/> computes the exact region masses
/// instead of reusing w_k; for gmm40, whose closest means are less than one σ apart, the difference is
/// up to 3% of a weight.
/// </summary>
public sealed class MixtureModes : IModeStructure
{
    private readonly GaussianMixtureEnergy _mixture;
    private readonly double[] _logWeights;
    private readonly Lazy<double[]> _weights;

    private MixtureModes(GaussianMixtureEnergy mixture, Func<double[]> weights)
    {
        _mixture = mixture;
        _logWeights = mixture.Weights.ToArray().Select(w => Math.Log(w)).ToArray();
        _weights = new Lazy<double[]>(weights);
    }

    /// <summary>
    /// Modes of a 2-D mixture with the exact masses of their regions, computed on first use by
    /// <see cref="PlanarRegionMasses"/> (about 0.1 s for 40 components).
    /// </summary>
    /// <exception cref="ArgumentException">The mixture is not two-dimensional.</exception>
    public static MixtureModes Planar(GaussianMixtureEnergy mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        if (mixture.Dimension != 2)
            throw new ArgumentException($"Exact region masses are computed for 2-D mixtures only, not d = {mixture.Dimension}; use {nameof(WithComponentWeights)}.", nameof(mixture));
        return new MixtureModes(mixture, () => PlanarRegionMasses.Compute(mixture));
    }

    /// <summary>
    /// Modes weighted by the component weights w_k: exact only when the components do not overlap
    /// (their regions' masses then equal w_k to within the Gaussian tail beyond the region boundaries).
    /// </summary>
    public static MixtureModes WithComponentWeights(GaussianMixtureEnergy mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        return new MixtureModes(mixture, () => mixture.Weights.ToArray());
    }

    /// <inheritdoc/>
    public int Count => _logWeights.Length;

    /// <inheritdoc/>
    public double Weight(int mode) => _weights.Value[mode];

    /// <summary>
    /// argmax_k log w_k - |x - μ_k|² / (2σ²): the common Gaussian normaliser cancels. Ties go to the
    /// lower index; a NaN point goes to mode 0.
    /// </summary>
    public int Assign(ReadOnlySpan<double> point)
    {
        int d = _mixture.Dimension;
        var means = _mixture.Means;
        double halfPrecision = 0.5 / (_mixture.Std * _mixture.Std);
        int best = 0;
        double bestLogit = double.NegativeInfinity;
        for (int k = 0; k < _logWeights.Length; k++)
        {
            double squared = 0;
            for (int j = 0; j < d; j++)
            {
                double difference = point[j] - means[k * d + j];
                squared += difference * difference;
            }
            double logit = _logWeights[k] - halfPrecision * squared;
            if (logit > bestLogit)
            {
                bestLogit = logit;
                best = k;
            }
        }
        return best;
    }
}
