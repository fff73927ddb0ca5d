using System.Diagnostics;
using BoltzDrift.Energies;
using BoltzDrift.Metrics;
using BoltzDrift.Training.Pilot;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// BoltzDrift against MCMC baselines on one target, per seed: BoltzDrift trains under the budget and draws
/// its samples; then every baseline runs with as many target evaluations as BoltzDrift's training used,
/// and (optionally) again for as much wall time as BoltzDrift took to train and sample. Every run is
/// evaluated with the same exact reference and floor sets of its seed (for targets without an exact sampler,
/// with the same halves of <see cref="BenchmarkOptions.Reference"/>).
/// </summary>
public static class Benchmark
{
    /// <summary>Runs the benchmark on <paramref name="target"/>.</summary>
    /// <param name="target">The target; without an exact sampler, <see cref="BenchmarkOptions.Reference"/> must hold its long-MCMC reference set.</param>
    /// <param name="options">Budget, seeds, baselines.</param>
    /// <param name="progress">Receives a report at the start and end of every run, and while it runs; null for none.</param>
    /// <param name="cancellation">Checked between runs and between training steps.</param>
    public static BenchmarkResult Run(Target target, BenchmarkOptions options, IProgress<BenchmarkProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (target.ExactSampler is null && options.Reference is null)
            throw new ArgumentException($"Target '{target.Name}' has no exact sampler: give its long-MCMC reference set in the options (Reference).", nameof(options));
        long start = options.Clock.GetTimestamp();
        var mcmc = options.Mcmc with { EvaluatedSamples = options.SampleCount };
        var runs = new List<MethodRun>();
        var points = new List<BreakEvenPoint>();

        foreach (ulong seed in options.Seeds)
        {
            ulong evaluationSeed = seed + options.EvaluationSeedOffset;
            var training = options.Training ?? AutoSettings.For(target, seed);
            var drift = DriftSamplerBenchmark.Run(target, options.Budget, training, options.SampleCount, seed, evaluationSeed, progress, cancellation, options.Reference, options.Clock);
            runs.Add(drift);
            foreach (var baseline in options.Baselines)
            {
                cancellation.ThrowIfCancellationRequested();
                var byEvaluations = McmcBaselineBenchmark.RunForEvaluations(target, baseline, drift.TotalEvaluations, mcmc, seed, evaluationSeed, progress, options.Reference, options.Clock);
                runs.Add(byEvaluations);
                points.Add(BreakEvenPoint.Compare(drift, byEvaluations));
                if (!options.EqualTimeBaselines) continue;
                cancellation.ThrowIfCancellationRequested();
                double secondsPerStep = byEvaluations.TotalSeconds / (byEvaluations.Steps + 1);   // the start costs about one step
                var byTime = McmcBaselineBenchmark.RunForTime(target, baseline, drift.TotalSeconds, secondsPerStep, mcmc, seed, evaluationSeed, progress, options.Reference, options.Clock);
                runs.Add(byTime);
                points.Add(BreakEvenPoint.Compare(drift, byTime));
            }
        }

        var order = new[] { BudgetMatch.Budget, BudgetMatch.EqualEvaluations, BudgetMatch.EqualTime };
        return new BenchmarkResult
        {
            Target = target.Name,
            Budget = options.Budget,
            Seeds = options.Seeds,
            SampleCount = options.SampleCount,
            McmcChains = mcmc.Chains,
            Baselines = options.Baselines.ToDictionary(b => b.Name, b => b.Description),
            Runs = runs,
            Summaries = runs.GroupBy(r => (r.Match, r.Method))
                .OrderBy(g => Array.IndexOf(order, g.Key.Match))
                .Select(g => MethodSummary.Of(g.ToList())).ToArray(),
            FloorSource = options.Reference?.Source ?? FloorSource.Exact,
            ReferenceNote = options.Reference?.Caveat,
            BreakEvenPoints = points,
            BreakEven = points.GroupBy(p => (p.Match, p.Method))
                .OrderBy(g => Array.IndexOf(order, g.Key.Match))
                .Select(g => BreakEvenSummary.Of(g.ToList())).ToArray(),
            WallSeconds = options.Clock.GetElapsedTime(start).TotalSeconds,
            ProcessPeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64,
        };
    }
}
