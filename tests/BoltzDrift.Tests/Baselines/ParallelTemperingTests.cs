using BoltzDrift.Baselines;
using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Baselines;

public class ParallelTemperingTests
{
    [Fact]
    public void Recovers_the_double_well_mass_in_the_right_well()
    {
        var target = Targets.Get("double-well");
        var sampler = new ParallelTempering(temperatures: 6, maxTemperature: 10);
        var options = new McmcOptions { Chains = 32, WarmupSteps = 500, SamplingSteps = 2000, Seed = 5 };
        var result = McmcRunner.Run(sampler, target.Energy, options);

        const double exact = 0.844307;
        double estimate = DoubleWellEnergy.FractionInRightWell(result.Samples);
        double ess = Ess.OfStatistic(result.Chains, x => x[0] > 0 ? 1 : 0);
        double tolerance = 4 * Math.Sqrt(exact * (1 - exact) / ess);
        Assert.InRange(ess, 200, result.Samples.Count);
        Assert.True(Math.Abs(estimate - exact) < tolerance, $"P(x1 > 0) = {estimate}, exact {exact}, tolerance {tolerance:g3} (ESS {ess:f0})");
    }

    [Fact]
    public void Every_temperature_adapts_and_replicas_swap()
    {
        var sampler = new ParallelTempering(temperatures: 4, maxTemperature: 8);
        var options = new McmcOptions { Chains = 16, WarmupSteps = 400, SamplingSteps = 200, Seed = 9 };
        var result = McmcRunner.Run(sampler, Targets.Get("double-well").Energy, options);

        Assert.Equal("pt-mala", result.Sampler);
        double[] ladder = [1, Math.Pow(8, -1.0 / 3), Math.Pow(8, -2.0 / 3), 1.0 / 8];
        for (int k = 0; k < 4; k++) Assert.Equal(ladder[k], sampler.InverseTemperatures[k], 12);
        Assert.Equal(4, result.Acceptance.Count);
        Assert.All(result.Acceptance, a => Assert.InRange(a.Rate, 0.574 - 0.1, 0.574 + 0.1));
        // Hotter targets are wider, so they adapt to larger steps.
        for (int k = 1; k < 4; k++) Assert.True(result.StepSizes[k] > result.StepSizes[k - 1]);
        Assert.Equal(3, result.Swaps.Count);
        // Even pairs (0,1) swap on even steps, odd pairs on odd steps: 100 attempts per chain each over 200 steps.
        Assert.All(result.Swaps, s => Assert.Equal(16 * 100, s.Proposals));
        Assert.All(result.Swaps, s => Assert.InRange(s.Rate, 0.2, 1));
    }
}
