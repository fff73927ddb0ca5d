using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Energies;

/// <summary>
/// Exact samplers against the exact moments, with tolerances of five standard errors of the estimate
/// itself (fixed seed, N = 200,000), and log Z against grid quadrature of exp(-E).
/// </summary>
public class ExactDistributionTests
{
    private const int SampleCount = 200_000;
    private const double StandardErrors = 5;

    [Theory]
    [MemberData(nameof(EnergyCases.Names), MemberType = typeof(EnergyCases))]
    public void SampleMean_MatchesExactMean(string name)
    {
        var target = EnergyCases.Get(name);
        SampleSet samples = Draw(target, seed: 10);
        int d = target.Dimension;
        for (int j = 0; j < d; j++)
        {
            double standardError = Math.Sqrt(target.Covariance![j * d + j] / SampleCount);
            NumericAssert.Close(target.Mean![j], Average(samples, x => x[j]), StandardErrors * standardError, $"mean[{j}]");
        }
    }

    [Theory]
    [MemberData(nameof(EnergyCases.Names), MemberType = typeof(EnergyCases))]
    public void SampleCovariance_MatchesExactCovariance(string name)
    {
        var target = EnergyCases.Get(name);
        SampleSet samples = Draw(target, seed: 11);
        int d = target.Dimension;
        double[] mean = target.Mean!;
        for (int j = 0; j < d; j++)
            for (int l = 0; l < d; l++)
            {
                // Centring on the exact mean makes each product an i.i.d. term with expectation C_jl;
                // its variance (a fourth moment) is estimated from the same sample.
                double Product(ReadOnlySpan<double> x) => (x[j] - mean[j]) * (x[l] - mean[l]);
                double covariance = Average(samples, Product);
                double productVariance = Average(samples, x => Product(x) * Product(x)) - covariance * covariance;
                double standardError = Math.Sqrt(productVariance / SampleCount);
                NumericAssert.Close(target.Covariance![j * d + l], covariance, StandardErrors * standardError, $"cov[{j},{l}]");
            }
    }

    [Fact]
    public void DoubleWell_FractionInRightWell_MatchesExactProbability()
    {
        var target = Targets.Get("double-well");
        var statistic = Assert.Single(target.Statistics);
        Assert.Equal("p_x1_pos", statistic.Key);
        double p = statistic.Exact;
        double standardError = Math.Sqrt(p * (1 - p) / SampleCount);
        NumericAssert.Close(p, statistic.Estimate(Draw(target, seed: 12)), StandardErrors * standardError);
    }

    [Fact]
    public void Sampler_IsReproducibleForAFixedSeed()
    {
        var target = Targets.Get("gmm4");
        Assert.Equal(Draw(target, seed: 13, count: 100).Values, Draw(target, seed: 13, count: 100).Values);
    }

    /// <summary>
    /// Trapezoid rule on a grid of step 0.05 over the mean ± 15 standard deviations per axis. The grid is
    /// a quarter of the narrowest local width of any of these densities, so the rule is accurate to far
    /// better than the tolerance and the check is of the normaliser, not of the quadrature.
    /// </summary>
    [Theory]
    [MemberData(nameof(EnergyCases.TwoDimensionalNames), MemberType = typeof(EnergyCases))]
    public void LogNormalizer_MatchesGridQuadrature(string name)
    {
        var target = EnergyCases.Get(name);
        const double step = 0.05;
        double[] mean = target.Mean!, covariance = target.Covariance!;
        double halfWidth1 = 15 * Math.Sqrt(covariance[0]), halfWidth2 = 15 * Math.Sqrt(covariance[3]);
        double sum = 0;
        var point = new double[2];
        for (double x1 = mean[0] - halfWidth1; x1 <= mean[0] + halfWidth1; x1 += step)
            for (double x2 = mean[1] - halfWidth2; x2 <= mean[1] + halfWidth2; x2 += step)
            {
                point[0] = x1;
                point[1] = x2;
                sum += Math.Exp(-target.Energy.Evaluate(point));
            }
        NumericAssert.Close(target.LogZ!.Value, Math.Log(sum * step * step), 1e-5);
    }

    private static SampleSet Draw(Target target, ulong seed, int count = SampleCount)
    {
        var rng = new Rng(seed);
        return target.ExactSampler!.Sample(count, ref rng);
    }

    private delegate double PointFunction(ReadOnlySpan<double> x);

    private static double Average(SampleSet samples, PointFunction f)
    {
        double sum = 0;
        for (int i = 0; i < samples.Count; i++) sum += f(samples[i]);
        return sum / samples.Count;
    }
}
