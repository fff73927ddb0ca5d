using BoltzDrift.Baselines;
using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Baselines;

public class CountingEnergyTests
{
    [Fact]
    public void Counts_single_batched_gradient_and_hessian_calls_exactly()
    {
        var inner = new CorrelatedGaussian();
        var counting = new CountingEnergy(inner);
        double[] point = [0.3, -1.2];
        var gradient = new double[2];
        var hessian = new double[4];
        var energies = new float[5];

        Assert.Equal(inner.Evaluate(point), counting.Evaluate(point));
        counting.Evaluate(new float[10], energies);
        Assert.Equal(new EvaluationCounts(6, 0, 0), counting.Counts);

        Assert.Equal(inner.Evaluate(point), counting.Gradient(point, gradient));
        counting.Gradient(point, gradient);
        counting.Hessian(point, hessian);
        Assert.Equal(new EvaluationCounts(6, 2, 1), counting.Counts);

        counting.Reset();
        Assert.Equal(new EvaluationCounts(0, 0, 0), counting.Counts);
    }

    [Fact]
    public void Delegates_values_and_capabilities()
    {
        var inner = Targets.Get("gmm4").Energy;
        var counting = new CountingEnergy(inner);
        Assert.Same(inner, counting.Inner);
        Assert.Equal(inner.Dimension, counting.Dimension);
        Assert.Equal(inner.HasGradient, counting.HasGradient);
        Assert.Equal(inner.HasHessian, counting.HasHessian);

        float[] points = [0.5f, 1.5f, -2f, 2f, 3f, -1f];
        var expected = new float[3];
        var actual = new float[3];
        inner.Evaluate(points, expected);
        counting.Evaluate(points, actual);
        Assert.Equal(expected, actual);

        double[] point = [1.1, -0.4];
        double[] expectedGradient = new double[2], actualGradient = new double[2];
        double[] expectedHessian = new double[4], actualHessian = new double[4];
        inner.Gradient(point, expectedGradient);
        counting.Gradient(point, actualGradient);
        inner.Hessian(point, expectedHessian);
        counting.Hessian(point, actualHessian);
        Assert.Equal(expectedGradient, actualGradient);
        Assert.Equal(expectedHessian, actualHessian);
        Assert.False(new CountingEnergy(new TruncatedEnergy(inner)).HasHessian);
    }

    [Fact]
    public void Counts_are_exact_under_concurrent_calls()
    {
        var counting = new CountingEnergy(new CorrelatedGaussian());
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            Span<double> gradient = stackalloc double[2];
            double[] point = [i * 1e-4, 1];
            counting.Evaluate(point);
            if (i % 2 == 0) counting.Gradient(point, gradient);
        });
        Assert.Equal(new EvaluationCounts(20_000, 10_000, 0), counting.Counts);
    }

    [Fact]
    public void Difference_of_snapshots_is_the_calls_in_between()
    {
        Assert.Equal(new EvaluationCounts(3, 2, 1), new EvaluationCounts(10, 7, 4) - new EvaluationCounts(7, 5, 3));
    }

    [Theory]
    [InlineData("rwm", 0, 1)]
    [InlineData("mala", 1, 0)]
    [InlineData("hmc", 3, 0)]
    public void Runner_reports_exact_evaluation_counts(string kernel, int gradientsPerStep, int energiesPerStep)
    {
        var options = new McmcOptions { Chains = 6, WarmupSteps = 7, SamplingSteps = 9, Seed = 1 };
        var result = McmcRunner.Run(new IndependentChains(KernelCases.Create(kernel)), new CorrelatedGaussian(), options);

        // One evaluation per chain to initialise, then one (MALA, RWM) or L = 3 (HMC) per chain and step.
        long chains = options.Chains, warmup = options.WarmupSteps, steps = options.WarmupSteps + options.SamplingSteps;
        var initial = energiesPerStep > 0 ? new EvaluationCounts(chains, 0, 0) : new EvaluationCounts(0, chains, 0);
        Assert.Equal(initial with { Energy = initial.Energy + chains * warmup * energiesPerStep, Gradient = initial.Gradient + chains * warmup * gradientsPerStep },
            result.WarmupCounts);
        Assert.Equal(initial with { Energy = initial.Energy + chains * steps * energiesPerStep, Gradient = initial.Gradient + chains * steps * gradientsPerStep },
            result.Counts);
    }

    [Fact]
    public void Parallel_tempering_counts_every_replica()
    {
        var options = new McmcOptions { Chains = 3, WarmupSteps = 4, SamplingSteps = 5, Seed = 2 };
        var result = McmcRunner.Run(new ParallelTempering(temperatures: 4), Targets.Get("double-well").Energy, options);
        Assert.Equal(new EvaluationCounts(0, 3 * 4 * (1 + 4 + 5), 0), result.Counts);
    }
}
