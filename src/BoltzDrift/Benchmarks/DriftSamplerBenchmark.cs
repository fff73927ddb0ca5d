using System.Globalization;
using BoltzDrift.Energies;
using BoltzDrift.References;
using BoltzDrift.Sampling;
using BoltzDrift.Training;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// Runs BoltzDrift under a budget and measures it: trains a <see cref="Trainer"/> through a
/// <see cref="CountingEnergy"/> (so evaluations are counted exactly) for as many steps as the evaluation
/// budget allows, or until the time budget runs out; then draws the evaluated samples in one pass of the
/// generator and evaluates them against the target.
/// </summary>
public static class DriftSamplerBenchmark
{
    /// <summary>Method name in benchmark tables.</summary>
    public const string MethodName = "boltzdrift";

    /// <summary>Trains and samples BoltzDrift on <paramref name="target"/> under <paramref name="budget"/>.</summary>
    /// <param name="target">The target.</param>
    /// <param name="budget">
    /// Evaluations: steps = round(budget / evaluations per step), at least one (so the run uses the budget to
    /// within half a step). Seconds: training steps until the time is up (at least one); the learning-rate
    /// schedule is laid out over the number of steps the first steps' speed predicts.
    /// </param>
    /// <param name="config">Training configuration (usually <see cref="Training.Pilot.AutoSettings.For"/>); its steps and seed are replaced.</param>
    /// <param name="sampleCount">Samples drawn after training and evaluated (the protocol's 100,000).</param>
    /// <param name="seed">Training seed; the samples are drawn from seed + 1.</param>
    /// <param name="evaluationSeed">Seed of the exact reference and floor sets (<see cref="SampleQuality.Measure"/>).</param>
    /// <param name="progress">Receives start, per-step and end reports; null for none.</param>
    /// <param name="cancellation">Stops training between steps.</param>
    /// <param name="reference">Reference (long-MCMC set or DEM split) for targets without an exact sampler (<see cref="SampleQuality.Measure"/>); null for exact samples.</param>
    /// <param name="clock">The clock of the time budget and the measured times; null for the system clock.</param>
    public static MethodRun Run(Target target, BenchmarkBudget budget, TrainingConfig config, int sampleCount, ulong seed, ulong evaluationSeed,
        IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellation = default, ITransportReference? reference = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 2);
        var c = CultureInfo.InvariantCulture;
        void Report(BenchmarkPhase phase, double fraction, string detail) =>
            progress?.Report(new BenchmarkProgress(seed, MethodName, BudgetMatch.Budget, phase, fraction, detail));

        clock ??= TimeProvider.System;
        config = config with { Seed = seed, CheckpointEvery = 0 };
        var pilot = StepPilot.Measure(config, target.Energy, clock);
        int steps = budget.Kind == BudgetKind.Evaluations
            ? (int)Math.Clamp(Math.Round(budget.Amount / pilot.EvaluationsPerStep), 1, int.MaxValue)
            : (int)Math.Clamp(Math.Floor(budget.Amount / pilot.SecondsPerStep), 1, int.MaxValue);
        config = config with { Steps = steps };
        Report(BenchmarkPhase.Started, 0, string.Create(c,
            $"{(budget.Kind == BudgetKind.Evaluations ? "" : "about ")}{steps} steps of {NumberFormat.Compact(pilot.EvaluationsPerStep)} evaluations, batch {config.Batch}"));

        var counting = new CountingEnergy(target.Energy);
        long peakBytes;
        TimeSpan trainingTime, samplingTime;
        SampleSet samples;
        long stepsTaken;
        using (var memory = new PeakMemoryProbe())
        {
            var trainer = new Trainer(config, counting);
            long start = clock.GetTimestamp();
            TimeSpan Elapsed() => clock.GetElapsedTime(start);
            var limit = budget.Kind == BudgetKind.Seconds ? TimeSpan.FromSeconds(budget.Amount) : TimeSpan.MaxValue;
            var lastReport = TimeSpan.Zero;
            while (trainer.State.Step == 0 || (budget.Kind == BudgetKind.Evaluations ? trainer.State.Step < steps : Elapsed() < limit))
            {
                cancellation.ThrowIfCancellationRequested();
                var step = trainer.Step();
                var elapsed = Elapsed();
                if (elapsed - lastReport < TimeSpan.FromSeconds(0.5)) continue;
                lastReport = elapsed;
                double fraction = budget.Kind == BudgetKind.Evaluations ? step.Step / (double)steps : elapsed / limit;
                Report(BenchmarkPhase.Running, Math.Min(1, fraction), string.Create(c, $"step {step.Step}, loss {step.Loss:E3}"));
            }
            trainingTime = Elapsed();
            stepsTaken = trainer.State.Step;

            var generator = Generator.For(config, trainer.State.SamplingNetwork);
            generator.Sample(Math.Min(sampleCount, 1024), seed + 2);   // compiles the forward pass; not timed
            long samplingStart = clock.GetTimestamp();
            samples = generator.Sample(sampleCount, seed + 1);
            samplingTime = clock.GetElapsedTime(samplingStart);
            peakBytes = memory.PeakBytes;
        }

        var run = new MethodRun
        {
            Method = MethodName,
            Match = BudgetMatch.Budget,
            Seed = seed,
            Metrics = SampleQuality.Measure(target, samples, evaluationSeed, reference),
            EvaluatedSamples = samples.Count,
            EnergyEvaluations = counting.Counts.Energy,
            GradientEvaluations = counting.Counts.Gradient + counting.Counts.Hessian,
            SetupSeconds = trainingTime.TotalSeconds,
            SamplingSeconds = samplingTime.TotalSeconds,
            Steps = stepsTaken,
            Draws = samples.Count,
            EffectiveSampleSize = null,
            PeakManagedBytes = peakBytes,
            Details = string.Create(c, $"{stepsTaken} steps, batch {config.Batch}, {config.Estimator} estimator, {NumberFormat.Compact(pilot.EvaluationsPerStep)} evaluations/step"),
        };
        Report(BenchmarkPhase.Finished, 1, string.Create(c,
            $"trained {stepsTaken} steps ({NumberFormat.Compact(run.TotalEvaluations)} evaluations) in {trainingTime.TotalSeconds:F1} s; sampled {samples.Count:N0} at {NumberFormat.Compact(run.SamplesPerSecond)}/s"));
        return run;
    }

    /// <summary>
    /// The cost of one training step, from two steps of a throw-away trainer: evaluations are read off the
    /// step report (energy values plus gradients and Hessians), the time off the second step (the first compiles).
    /// </summary>
    private sealed record StepPilot(long EvaluationsPerStep, double SecondsPerStep)
    {
        public static StepPilot Measure(TrainingConfig config, Energy energy, TimeProvider clock)
        {
            var trainer = new Trainer(config with { Steps = int.MaxValue }, energy);
            var first = trainer.Step();
            long start = clock.GetTimestamp();
            trainer.Step();
            return new(Math.Max(1, first.EnergyEvaluations + first.GradientEvaluations), clock.GetElapsedTime(start).TotalSeconds);
        }
    }
}
