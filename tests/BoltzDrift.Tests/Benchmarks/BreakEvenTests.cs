using BoltzDrift.Benchmarks;

namespace BoltzDrift.Tests.Benchmarks;

public class BreakEvenTests
{
    [Theory]
    [InlineData(1e6, 0.0, 100.0, 1e4)]        // 10^6 evaluations of training vs 100 per effective sample
    [InlineData(30.0, 1e-5, 1e-3, 30.0 / 9.9e-4)]
    [InlineData(0.0, 0.0, 5.0, 0.0)]          // no training: cheaper from the first sample
    public void Break_even_is_training_cost_over_the_saving_per_sample(double training, double perSample, double baseline, double expected)
    {
        Assert.Equal(expected, BreakEven.Samples(training, perSample, baseline), 9);
    }

    [Theory]
    [InlineData(1e-3, 1e-3)]
    [InlineData(2e-3, 1e-3)]
    public void A_sampler_no_cheaper_per_sample_than_the_baseline_never_breaks_even(double perSample, double baseline)
    {
        Assert.Equal(double.PositiveInfinity, BreakEven.Samples(10, perSample, baseline));
    }

    [Fact]
    public void After_the_break_even_count_the_amortised_cost_is_below_the_baseline()
    {
        double training = 2e8, perSample = 0, baseline = 1500;
        double n = BreakEven.Samples(training, perSample, baseline);
        Assert.True(training / (n * 1.01) + perSample < baseline);
        Assert.True(training / (n * 0.99) + perSample > baseline);
    }

    [Fact]
    public void A_comparison_uses_the_whole_baseline_run_per_effective_sample_and_the_training_run()
    {
        // BoltzDrift: 10^6 evaluations and 10 s of training, 1000 samples in 2 s. MALA: 10^6 gradients, 12 s, ESS 500.
        var drift = BenchmarkFixtures.Run("boltzdrift", BudgetMatch.Budget, 0, null);
        var mala = BenchmarkFixtures.Run("mala", BudgetMatch.EqualEvaluations, 0, 500);

        var point = BreakEvenPoint.Compare(drift, mala);

        Assert.Equal(2000, point.BaselineEvaluationsPerEffectiveSample, 9);      // 10^6 / 500
        Assert.Equal(12.0 / 500, point.BaselineSecondsPerEffectiveSample, 12);
        Assert.Equal(500, point.SamplesByEvaluations, 9);                         // 10^6 / 2000
        Assert.Equal(10 / (12.0 / 500 - 2.0 / 1000), point.SamplesByTime, 9);     // 10 s / (0.024 - 0.002) s
        Assert.Throws<ArgumentException>(() => BreakEvenPoint.Compare(drift, drift));
    }

    [Fact]
    public void Mean_and_std_over_seeds()
    {
        var summary = MeanStd.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2, summary.Mean, 12);
        Assert.Equal(1, summary.Std, 12);
        Assert.Equal(0, MeanStd.Of([4.0]).Std);
        Assert.Equal(double.PositiveInfinity, MeanStd.Of([1.0, double.PositiveInfinity]).Mean);
        Assert.Null(MeanStd.OfAvailable([null, null]));
    }
}
