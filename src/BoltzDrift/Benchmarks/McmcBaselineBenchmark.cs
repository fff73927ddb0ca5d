using System.Globalization;
using BoltzDrift.Baselines;
using BoltzDrift.Energies;
using BoltzDrift.References;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// Runs one MCMC baseline under a plan (<see cref="McmcRunner"/>), and measures it like every benchmarked
/// method: quality of a random subset of its draws against the target, exact evaluation counts, wall time,
/// draws per second, effective sample size over every sampling draw (<see cref="BlockMeansEss"/>) and peak memory.
/// </summary>
public static class McmcBaselineBenchmark
{
    /// <summary>Runs <paramref name="baseline"/> on <paramref name="target"/> for <paramref name="plan"/>.</summary>
    /// <param name="target">The target (its exact sampler, or <paramref name="reference"/>, gives the metric floors).</param>
    /// <param name="baseline">The sampler to run.</param>
    /// <param name="plan">Warm-up, sampling and thinning.</param>
    /// <param name="match">How <paramref name="plan"/> was chosen, recorded in the result.</param>
    /// <param name="settings">Chains, evaluated sample count and threads.</param>
    /// <param name="seed">Seed of the chains and of the evaluated subset.</param>
    /// <param name="evaluationSeed">Seed of the exact reference and floor sets (<see cref="SampleQuality.Measure"/>).</param>
    /// <param name="progress">Receives start, progress and end reports; null for none.</param>
    /// <param name="reference">Reference (long-MCMC set or DEM split) for targets without an exact sampler (<see cref="SampleQuality.Measure"/>); null for exact samples.</param>
    /// <param name="clock">Measures the run's times; null for the system clock.</param>
    public static MethodRun Run(Target target, McmcBaseline baseline, McmcPlan plan, BudgetMatch match, McmcSettings settings,
        ulong seed, ulong evaluationSeed, IProgress<BenchmarkProgress>? progress = null, ITransportReference? reference = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        var c = CultureInfo.InvariantCulture;
        var options = new McmcOptions
        {
            Chains = settings.Chains,
            WarmupSteps = plan.WarmupSteps,
            SamplingSteps = plan.SamplingSteps,
            Thinning = plan.Thinning,
            Seed = seed,
            InitialStepSize = settings.InitialStepSize,
            InitialSpread = settings.InitialSpread,
            Parallelism = settings.Parallelism,
        };
        void Report(BenchmarkPhase phase, double fraction, string detail) =>
            progress?.Report(new BenchmarkProgress(seed, baseline.Name, match, phase, fraction, detail));
        string settingsText = string.Create(c, $"{settings.Chains} chains, {plan.WarmupSteps} warm-up + {plan.SamplingSteps} sampling steps, thinning {plan.Thinning}");
        Report(BenchmarkPhase.Started, 0, settingsText);

        var ess = new BlockMeansEss(settings.Chains, target.Dimension, plan.SamplingSteps);
        int reportEvery = Math.Max(1, plan.SamplingSteps / 20), done = 0;
        void Observe(McmcState state)
        {
            ess.Add(state);
            if (++done % reportEvery == 0)
                Report(BenchmarkPhase.Running, (plan.WarmupSteps + done) / (double)plan.Steps, string.Create(c, $"sampling step {done}/{plan.SamplingSteps}"));
        }

        McmcResult result;
        long peakBytes;
        using (var memory = new PeakMemoryProbe())
        {
            result = McmcRunner.Run(baseline.CreateSampler(), target.Energy, options, Observe, clock);
            peakBytes = memory.PeakBytes;
        }

        var evaluated = EvaluationSubset.Draw(result.Samples, settings.EvaluatedSamples, seed);
        double effective = ess.Min();
        var run = new MethodRun
        {
            Method = baseline.Name,
            Match = match,
            Seed = seed,
            Metrics = SampleQuality.Measure(target, evaluated, evaluationSeed, reference),
            EvaluatedSamples = evaluated.Count,
            EnergyEvaluations = result.Counts.Energy,
            GradientEvaluations = result.Counts.Gradient,
            SetupSeconds = result.WarmupTime.TotalSeconds,
            SamplingSeconds = (result.WallTime - result.WarmupTime).TotalSeconds,
            Steps = plan.Steps,
            Draws = (long)settings.Chains * plan.SamplingSteps,
            EffectiveSampleSize = effective,
            PeakManagedBytes = peakBytes,
            Details = string.Create(c, $"{settingsText}, acceptance {result.AcceptanceRate:F2}, step size {result.StepSizes[0]:G3}")
                      + (result.Swaps.Count > 0 ? string.Create(c, $", swap acceptance {result.Swaps.Min(s => s.Rate):F2}-{result.Swaps.Max(s => s.Rate):F2}") : ""),
        };
        Report(BenchmarkPhase.Finished, 1, string.Create(c,
            $"{NumberFormat.Compact(run.TotalEvaluations)} evaluations in {run.TotalSeconds:F1} s, ESS {NumberFormat.Compact(effective)}, acceptance {result.AcceptanceRate:F2}"));
        return run;
    }

    /// <summary>
    /// Runs <paramref name="baseline"/> with as many target evaluations as <paramref name="evaluations"/>
    /// (never more; within one step), the steps following from the counted cost of one step.
    /// </summary>
    public static MethodRun RunForEvaluations(Target target, McmcBaseline baseline, long evaluations, McmcSettings settings,
        ulong seed, ulong evaluationSeed, IProgress<BenchmarkProgress>? progress = null, ITransportReference? reference = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(settings);
        var cost = McmcStepCost.Measure(baseline.CreateSampler(), target.Energy, settings.Chains, settings.InitialStepSize);
        var plan = McmcPlan.ForEvaluations(evaluations, cost, settings.WarmupFraction, settings.Chains, settings.EvaluatedSamples);
        return Run(target, baseline, plan, BudgetMatch.EqualEvaluations, settings, seed, evaluationSeed, progress, reference, clock);
    }

    /// <summary>
    /// Runs <paramref name="baseline"/> for about <paramref name="seconds"/> of wall time, the steps following
    /// from <paramref name="secondsPerStep"/> (measured on an earlier run of the same baseline).
    /// </summary>
    public static MethodRun RunForTime(Target target, McmcBaseline baseline, double seconds, double secondsPerStep, McmcSettings settings,
        ulong seed, ulong evaluationSeed, IProgress<BenchmarkProgress>? progress = null, ITransportReference? reference = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var plan = McmcPlan.ForTime(seconds, secondsPerStep, settings.WarmupFraction, settings.Chains, settings.EvaluatedSamples);
        return Run(target, baseline, plan, BudgetMatch.EqualTime, settings, seed, evaluationSeed, progress, reference, clock);
    }
}
