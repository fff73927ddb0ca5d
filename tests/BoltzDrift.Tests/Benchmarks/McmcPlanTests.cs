using BoltzDrift.Benchmarks;

namespace BoltzDrift.Tests.Benchmarks;

public class McmcPlanTests
{
    [Theory]
    [InlineData(1_000_000L, 128L, 1024L)]
    [InlineData(1_000_001L, 1L, 8L)]
    [InlineData(123_456_789L, 1000L, 8000L)]
    public void An_evaluation_plan_never_exceeds_the_budget_and_misses_it_by_less_than_a_step(long budget, long start, long perStep)
    {
        var plan = McmcPlan.ForEvaluations(budget, new McmcStepCost(start, perStep), 0.2, chains: 128, retainedDraws: 100_000);
        long used = start + (long)plan.Steps * perStep;
        Assert.InRange(used, budget - perStep + 1, budget);
    }

    [Fact]
    public void Steps_split_into_a_warmup_fraction_and_thinned_sampling_that_keeps_enough_draws()
    {
        var plan = McmcPlan.ForSteps(10_000, 0.2, chains: 128, retainedDraws: 100_000);
        Assert.Equal(2000, plan.WarmupSteps);
        Assert.Equal(8000, plan.SamplingSteps);
        Assert.True(128L * (plan.SamplingSteps / plan.Thinning) >= 100_000);
        Assert.Equal(10, plan.Thinning);   // ⌈100,000 / 128⌉ = 782 draws per chain: 8000 / 782 = 10
    }

    [Fact]
    public void A_short_run_is_not_thinned_below_four_draws_per_chain()
    {
        var plan = McmcPlan.ForSteps(10, 0.2, chains: 1, retainedDraws: 1_000_000);
        Assert.Equal(2, plan.WarmupSteps);
        Assert.Equal(8, plan.SamplingSteps);
        Assert.Equal(1, plan.Thinning);
    }

    [Fact]
    public void A_budget_too_small_for_warmup_and_four_sampling_steps_is_refused()
    {
        Assert.Throws<ArgumentException>(() => McmcPlan.ForEvaluations(1000, new McmcStepCost(128, 256), 0.2, 128, 1000));
        Assert.Throws<ArgumentException>(() => McmcPlan.ForTime(1, 0.5, 0.2, 128, 1000));
    }

    [Fact]
    public void A_time_plan_counts_the_start_as_one_step()
    {
        var plan = McmcPlan.ForTime(seconds: 10, secondsPerStep: 0.01, 0.2, chains: 4, retainedDraws: 100);
        Assert.Equal(999, plan.Steps);
    }
}
