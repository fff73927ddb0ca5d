using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics;

/// <summary>N(mean, std^2 I) as an energy and exact sampler: a test target whose every statistic is known.</summary>
internal sealed class IsotropicGaussian(double[] mean, double std) : Energy, IExactSampler
{
    public override int Dimension => mean.Length;

    public override double Evaluate(ReadOnlySpan<double> point)
    {
        double sum = 0;
        for (int k = 0; k < point.Length; k++) sum += (point[k] - mean[k]) * (point[k] - mean[k]);
        return sum / (2 * std * std);
    }

    public SampleSet Sample(int count, ref Rng rng)
    {
        var values = new double[count * Dimension];
        rng.FillGaussian(values);
        for (int i = 0; i < values.Length; i++) values[i] = mean[i % Dimension] + std * values[i];
        return new SampleSet(values, Dimension);
    }

    /// <summary>Draws <paramref name="count"/> samples with a fresh generator seeded by <paramref name="seed"/>.</summary>
    public SampleSet Sample(int count, ulong seed)
    {
        var rng = new Rng(seed);
        return Sample(count, ref rng);
    }

    /// <summary>
    /// A target for this Gaussian with exact moments and the statistic P(x0 &gt; 0) (exact only for mean[0] = 0),
    /// optionally without its exact sampler or moments, as for targets that lack them.
    /// </summary>
    public Target ToTarget(bool withSampler = true, bool withMoments = true)
    {
        var covariance = new double[Dimension * Dimension];
        for (int k = 0; k < Dimension; k++) covariance[k * Dimension + k] = std * std;
        return new Target
        {
            Name = "gauss",
            Description = "isotropic Gaussian",
            Energy = this,
            ExactSampler = withSampler ? this : null,
            Mean = withMoments ? mean : null,
            Covariance = withMoments ? covariance : null,
            Statistics = [new TargetStatistic("p_x0_pos", "P(x0 > 0)", FractionX0Positive, 0.5)],
        };
    }

    private static double FractionX0Positive(SampleSet samples)
    {
        int positive = 0;
        for (int i = 0; i < samples.Count; i++) if (samples[i][0] > 0) positive++;
        return (double)positive / samples.Count;
    }
}
