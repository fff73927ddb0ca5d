using BoltzDrift.Benchmarks;
using BoltzDrift.Tests.Training;

namespace BoltzDrift.Tests.Benchmarks;

/// <summary>
/// The whole benchmark on budgets of a few thousand evaluations, and BoltzDrift under a time budget. Time comes
/// from an <see cref="EvaluationClock"/> (one microsecond per evaluation), so every figure is the same on any machine.
/// </summary>
public class BenchmarkRunTests
{
    /// <summary>The unit-test training configuration: batch 80 × (8 + 8) proposals = 1,280 evaluations per step.</summary>
    private const long EvaluationsPerStep = 80 * 16;

    [Fact]
    public void A_benchmark_runs_boltzdrift_then_every_baseline_at_equal_evaluations_and_equal_time()
    {
        var (target, counter) = BenchmarkFixtures.CountedGmm4();
        var reports = new List<BenchmarkProgress>();
        var options = new BenchmarkOptions
        {
            Budget = BenchmarkBudget.Evaluations(20 * EvaluationsPerStep),
            Seeds = [7],
            SampleCount = 300,
            Mcmc = BenchmarkFixtures.SmallMcmc,
            Training = TinyRuns.Config(),
            Clock = new EvaluationClock(counter),
        };

        var result = Benchmark.Run(target, options, new SynchronousProgress(reports.Add));

        Assert.Equal(1 + 2 * 4, result.Runs.Count);
        Assert.Equal(["boltzdrift", "rwm", "mala", "hmc", "pt-mala", "rwm", "mala", "hmc", "pt-mala"], result.Summaries.Select(s => s.Method));
        Assert.Equal([BudgetMatch.Budget, .. Enumerable.Repeat(BudgetMatch.EqualEvaluations, 4), .. Enumerable.Repeat(BudgetMatch.EqualTime, 4)],
            result.Summaries.Select(s => s.Match));
        var drift = result.Runs[0];
        Assert.Equal(20, drift.Steps);
        Assert.Equal(20 * EvaluationsPerStep, drift.TotalEvaluations);
        foreach (var run in result.Runs.Where(r => r.Match == BudgetMatch.EqualEvaluations))
            Assert.InRange(run.TotalEvaluations, 0.9 * drift.TotalEvaluations, drift.TotalEvaluations);
        // On the evaluation clock BoltzDrift's time is its training evaluations (sampling costs none), so an
        // equal-time baseline gets about as many evaluations as the equal-evaluation one.
        Assert.Equal(drift.TotalEvaluations * EvaluationClock.SecondsPerEvaluation, drift.TotalSeconds, 1e-12);
        foreach (var run in result.Runs.Where(r => r.Match == BudgetMatch.EqualTime))
        {
            Assert.Equal(run.TotalEvaluations * EvaluationClock.SecondsPerEvaluation, run.TotalSeconds, 1e-12);
            Assert.InRange(run.TotalEvaluations, 0.8 * drift.TotalEvaluations, 1.05 * drift.TotalEvaluations);
        }
        Assert.All(result.Runs, run => Assert.Equal(300, run.EvaluatedSamples));
        Assert.Equal(8, result.BreakEvenPoints.Count);
        Assert.Equal(8, result.BreakEven.Count);
        Assert.Equal(9, reports.Count(r => r.Phase == BenchmarkPhase.Started));
        Assert.Equal(9, reports.Count(r => r.Phase == BenchmarkPhase.Finished));
        Assert.All(result.Summaries, s => Assert.Equal(["mean_error", "cov_error", "mmd2_rbf_h1", "w2"], s.Metrics.Select(m => m.Key)));
    }

    [Fact]
    public void Under_a_time_budget_boltzdrift_trains_at_least_one_step_and_reports_what_it_counted()
    {
        var (target, counter) = BenchmarkFixtures.CountedGmm4();
        var run = DriftSamplerBenchmark.Run(target, BenchmarkBudget.Seconds(0.05), TinyRuns.Config(), sampleCount: 200, seed: 1, evaluationSeed: 2,
            clock: new EvaluationClock(counter));

        // 1,280 evaluations = 1.28 ms per step on the evaluation clock: the 40th step is the first to end at or past 50 ms.
        Assert.Equal(40, run.Steps);
        Assert.Equal(run.Steps * EvaluationsPerStep, run.TotalEvaluations);
        Assert.Equal(BenchmarkFixtures.Total(counter.Counts) - 2 * EvaluationsPerStep, run.TotalEvaluations);   // less the two pilot steps
    }

    [Fact]
    public void Invalid_options_are_refused_before_anything_runs()
    {
        var (target, counter) = BenchmarkFixtures.CountedGmm4();
        var options = new BenchmarkOptions { Budget = BenchmarkBudget.Evaluations(1000), Seeds = [] };
        Assert.Throws<ArgumentException>(() => Benchmark.Run(target, options));
        Assert.Throws<ArgumentException>(() => Benchmark.Run(target, options with { Seeds = [1, 1] }));
        Assert.Equal(0, BenchmarkFixtures.Total(counter.Counts));
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchmarkBudget.Seconds(0));
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so the test sees every report.</summary>
    private sealed class SynchronousProgress(Action<BenchmarkProgress> report) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => report(value);
    }
}
