using BoltzDrift.Benchmarks;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.Benchmarks;

/// <summary>Every method reports exactly the evaluations it made, and uses its budget.</summary>
public class MethodBudgetTests
{
    [Fact]
    public void BoltzDrift_reports_the_counted_evaluations_and_trains_to_within_half_a_step_of_the_budget()
    {
        var (target, counter) = BenchmarkFixtures.CountedGmm4();
        var config = new TrainingConfig { Target = "gmm4", Batch = 2048, ProposalsLargestBandwidth = 256 };   // 2048 × (64 + 64 + 256) = 786,432 evaluations per step
        const long budget = 1_700_000;                               // 2.16 steps: rounds to 2

        var run = DriftSamplerBenchmark.Run(target, BenchmarkBudget.Evaluations(budget), config, sampleCount: 400, seed: 3, evaluationSeed: 4);

        // The pilot that measures a step's cost evaluates through the same counter: two steps of a throw-away trainer.
        const long perStep = 2048L * (64 + 64 + 256);
        Assert.Equal(2, run.Steps);
        Assert.Equal(2 * perStep, run.TotalEvaluations);
        Assert.Equal(BenchmarkFixtures.Total(counter.Counts) - 2 * perStep, run.TotalEvaluations);
        Assert.True(Math.Abs(run.TotalEvaluations - budget) <= Math.Max(0.1 * budget, perStep));
        Assert.Equal(0, run.GradientEvaluations);
        Assert.Null(run.EffectiveSampleSize);
        Assert.Equal(400, run.Draws);
        Assert.Equal(400, run.EvaluatedSamples);
    }

    [Theory]
    [InlineData("rwm", "gmm4")]
    [InlineData("mala", "gmm4")]
    [InlineData("hmc", "gmm4")]
    [InlineData("pt-mala", "gmm4")]
    [InlineData("hmc", "double-well")]   // from the origin, trajectories with the initial step size diverge and stop early
    public void A_baseline_reports_the_counted_evaluations_and_stays_within_one_step_of_the_budget(string name, string targetName)
    {
        var (target, counter) = BenchmarkFixtures.Counted(targetName);
        var baseline = McmcBaseline.Standard.Single(b => b.Name == name);
        var settings = BenchmarkFixtures.SmallMcmc;
        const long budget = 200_000;
        var cost = McmcStepCost.Measure(baseline.CreateSampler(), target.Energy, settings.Chains, settings.InitialStepSize);
        var plan = McmcPlan.ForEvaluations(budget, cost, settings.WarmupFraction, settings.Chains, settings.EvaluatedSamples);
        counter.Reset();

        var run = McmcBaselineBenchmark.Run(target, baseline, plan, BudgetMatch.EqualEvaluations, settings, seed: 5, evaluationSeed: 6);

        Assert.Equal(BenchmarkFixtures.Total(counter.Counts), run.TotalEvaluations);
        Assert.InRange(run.TotalEvaluations, 0.9 * budget, budget);
        if (name != "hmc")   // an HMC trajectory that diverges stops early and costs less than a full step
        {
            Assert.Equal(cost.InitialEvaluations + plan.Steps * cost.EvaluationsPerStep, run.TotalEvaluations);
            Assert.InRange(run.TotalEvaluations, budget - cost.EvaluationsPerStep + 1, budget);
        }
        Assert.Equal(name == "rwm" ? 0 : run.TotalEvaluations, run.GradientEvaluations);
        Assert.Equal((long)settings.Chains * plan.SamplingSteps, run.Draws);
        Assert.Equal(settings.EvaluatedSamples, run.EvaluatedSamples);
        Assert.True(run.EffectiveSampleSize > 0);
    }

    [Fact]
    public void Run_for_evaluations_plans_from_the_counted_cost_of_a_step()
    {
        var (target, _) = BenchmarkFixtures.CountedGmm4();
        var run = McmcBaselineBenchmark.RunForEvaluations(target, McmcBaseline.Hmc, 100_000, BenchmarkFixtures.SmallMcmc, seed: 1, evaluationSeed: 2);
        Assert.Equal(BudgetMatch.EqualEvaluations, run.Match);
        Assert.InRange(run.TotalEvaluations, 100_000 - 16 * 10, 100_000);   // HMC: 16 chains × 10 leapfrog gradients per step
    }
}
