using BoltzDrift.Baselines;
using BoltzDrift.Metrics;
using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Baselines;

public class KernelTests
{
    private static readonly McmcOptions s_options = new()
    {
        Chains = 32,
        WarmupSteps = 500,
        SamplingSteps = 2000,
        Seed = 11,
        InitialSpread = 3,
    };

    [Theory]
    [InlineData("rwm")]
    [InlineData("mala")]
    [InlineData("hmc")]
    public void Recovers_mean_and_covariance_of_a_correlated_gaussian(string kernel)
    {
        var result = McmcRunner.Run(new IndependentChains(KernelCases.Create(kernel)), new CorrelatedGaussian(), s_options);
        double[] mean = CorrelatedGaussian.Mean, covariance = CorrelatedGaussian.Covariance;

        var sampleMean = Moments.Mean(result.Samples);
        var ess = Ess.PerCoordinate(result.Chains);
        for (int k = 0; k < 2; k++)
        {
            Assert.True(ess[k] > 500, $"{kernel} ESS[{k}] = {ess[k]:f0}");
            double tolerance = 4 * Math.Sqrt(covariance[3 * k] / ess[k]);
            Assert.True(Math.Abs(sampleMean[k] - mean[k]) < tolerance, $"{kernel} mean[{k}] = {sampleMean[k]}, exact {mean[k]}, tolerance {tolerance:g3} (ESS {ess[k]:f0})");
        }

        // Each covariance entry is the mean of f = (x_i - μ_i)(x_j - μ_j); its tolerance comes from f's own spread and ESS.
        var sampleCovariance = Moments.Covariance(result.Samples);
        for (int i = 0; i < 2; i++)
            for (int j = i; j < 2; j++)
            {
                int a = i, b = j;
                double Product(double[] x) => (x[a] - mean[a]) * (x[b] - mean[b]);
                var products = result.Chains.SelectMany(chain => chain).Select(Product).ToArray();
                double spread = Math.Sqrt(products.Sum(f => (f - covariance[2 * a + b]) * (f - covariance[2 * a + b])) / products.Length);
                double tolerance = 4 * spread / Math.Sqrt(Ess.OfStatistic(result.Chains, Product));
                Assert.True(Math.Abs(sampleCovariance[2 * a + b] - covariance[2 * a + b]) < tolerance,
                    $"{kernel} cov[{a},{b}] = {sampleCovariance[2 * a + b]}, exact {covariance[2 * a + b]}, tolerance {tolerance:g3}");
            }
    }

    [Theory]
    [InlineData("rwm")]
    [InlineData("mala")]
    [InlineData("hmc")]
    public void Adaptation_reaches_the_target_acceptance(string kernel)
    {
        var sampler = new IndependentChains(KernelCases.Create(kernel));
        var options = s_options with { SamplingSteps = 300, InitialStepSize = 0.01 };
        var result = McmcRunner.Run(sampler, new CorrelatedGaussian(), options);
        Assert.InRange(result.AcceptanceRate, sampler.Kernel.TargetAcceptance - 0.1, sampler.Kernel.TargetAcceptance + 0.1);
        Assert.Equal(options.Chains * options.SamplingSteps, result.Acceptance[0].Proposals);
        Assert.Equal(options.Chains * options.WarmupSteps, result.WarmupAcceptance[0].Proposals);
        Assert.Empty(result.Swaps);
    }

    [Theory]
    [InlineData("rwm")]
    [InlineData("mala")]
    [InlineData("hmc")]
    public void Results_depend_on_the_seed_but_not_on_the_thread_count(string kernel)
    {
        var sampler = new IndependentChains(KernelCases.Create(kernel));
        var options = s_options with { WarmupSteps = 50, SamplingSteps = 60, Thinning = 3 };
        var serial = McmcRunner.Run(sampler, new CorrelatedGaussian(), options with { Parallelism = Parallelism.Serial });
        var threaded = McmcRunner.Run(sampler, new CorrelatedGaussian(), options with { Parallelism = new Parallelism(3) });
        var reseeded = McmcRunner.Run(sampler, new CorrelatedGaussian(), options with { Seed = options.Seed + 1 });

        Assert.Equal(options.Chains * 20, serial.Samples.Count);
        Assert.Equal(20, serial.Chains[0].Length);
        Assert.Equal(serial.Samples.Values, threaded.Samples.Values);
        Assert.Equal(serial.StepSizes, threaded.StepSizes);
        Assert.NotEqual(serial.Samples.Values, reseeded.Samples.Values);
        Assert.Equal(serial.Chains[1][2], serial.Samples[20 + 2].ToArray());
    }

    [Theory]
    [InlineData("rwm")]
    [InlineData("mala")]
    [InlineData("hmc")]
    public void Nan_and_infinite_energies_are_rejected_and_counted(string kernel)
    {
        var options = s_options with { WarmupSteps = 200, SamplingSteps = 200, InitialSpread = 0, InitialStepSize = 1 };
        var result = McmcRunner.Run(new IndependentChains(KernelCases.Create(kernel)), new TruncatedEnergy(new CorrelatedGaussian()), options);

        Assert.True(result.NonFiniteProposals > 0);
        Assert.True(result.Acceptance[0].NonFinite > 0);
        Assert.All(result.Chains.SelectMany(chain => chain), x => Assert.True(x[0] <= TruncatedEnergy.Edge && double.IsFinite(x[1])));
    }

    [Fact]
    public void Kernels_without_a_gradient_cannot_use_gradient_kernels()
    {
        var energyOnly = new BoltzDrift.Tests.Metrics.IsotropicGaussian([0, 0], 1);
        var error = Assert.Throws<ArgumentException>(() => McmcRunner.Run(new IndependentChains(new Mala()), energyOnly, s_options));
        Assert.Contains("gradient", error.Message);
        var result = McmcRunner.Run(new IndependentChains(new RandomWalkMetropolis()), energyOnly, s_options with { WarmupSteps = 10, SamplingSteps = 10 });
        Assert.Equal(s_options.Chains * 10, result.Samples.Count);
    }
}
