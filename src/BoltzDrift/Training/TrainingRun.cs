using BoltzDrift.Energies;
using BoltzDrift.IO;

namespace BoltzDrift.Training;

/// <summary>
/// Drives a <see cref="Trainer"/> to the end of its schedule inside a run directory: logs every step to
/// CSV, checkpoints early, periodically (<see cref="CheckpointSchedule"/>), on cancellation and at the end, watches
/// the run's health (<see cref="RunHealthMonitor"/>) and reports progress. On divergence the last checkpoint
/// written stays intact, and it is a good one: a checkpoint is written only when the samples are finite and well
/// within range (<see cref="RunHealthMonitor.CheckSpread"/>).
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// Trains from scratch (or from <paramref name="resumeFrom"/>) and returns the final state; <paramref name="health"/>,
    /// if given, is filled in with what the run saw of its energy (non-finite values).
    /// </summary>
    /// <exception cref="TrainingDivergedException">Training diverged or the energy is degenerate (<see cref="RunHealthMonitor"/>); the checkpoint on disk, if any, is the last good one.</exception>
    /// <exception cref="TrainingCancelledException"><paramref name="cancellation"/> fired; a checkpoint of the last completed step was written.</exception>
    public static TrainingState Run(TrainingConfig config, Energy energy, RunDirectory run,
        IProgress<StepReport>? progress = null, TrainingState? resumeFrom = null, CancellationToken cancellation = default,
        RunHealth? health = null)
    {
        var trainer = new Trainer(config, energy, resumeFrom);
        var monitor = new RunHealthMonitor(config, energy, health ?? new RunHealth());
        var checkpoints = new CheckpointSchedule(config.CheckpointEvery, trainer.State.Step);
        run.Initialize(config);
        bool newLog = resumeFrom is null || !File.Exists(run.LogFile);
        if (!newLog) TruncateLog(run.LogFile, trainer.State.Step);
        using var log = new StreamWriter(run.LogFile, append: !newLog);
        if (newLog) log.WriteLine(StepReport.CsvHeader);
        void SaveCheckpoint()
        {
            log.Flush();
            Checkpoint.Save(run.CheckpointFile, config, trainer.State);
        }
        try
        {
            while (trainer.State.Step < config.Steps)
            {
                if (cancellation.IsCancellationRequested)
                {
                    bool keep = trainer.State.Step > 0 && monitor.CheckSpread(trainer.State.Network, trainer.State.Step);
                    if (keep) SaveCheckpoint();
                    throw new TrainingCancelledException(keep
                        ? $"checkpoint of step {trainer.State.Step} of {config.Steps} written to {run.CheckpointFile}; continue with `train --resume {run.Path}`."
                        : File.Exists(run.CheckpointFile)
                            ? $"stopped at step {trainer.State.Step} of {config.Steps}; the last good checkpoint, {run.CheckpointFile}, is intact: continue with `train --resume {run.Path}`."
                            : $"stopped at step {trainer.State.Step} of {config.Steps}, before any checkpoint; start again with `train --out {run.Path}` (the folder is reused).",
                        cancellation);
                }
                var report = trainer.Step();
                log.WriteLine(report.ToCsv());
                monitor.Observe(report);
                progress?.Report(report);
                bool checkpoint = report.Step < config.Steps && checkpoints.IsDue(report.Step);
                if ((checkpoint || RunHealthMonitor.IsDue(report.Step)) && monitor.CheckSpread(trainer.State.Network, report.Step) && checkpoint)
                    SaveCheckpoint();
            }
            monitor.CheckSpread(trainer.State.Network, trainer.State.Step);
        }
        catch (Exception e) when (Diverged(e) is { } diverged)
        {
            log.Flush();
            throw new TrainingDivergedException(diverged.Message + (File.Exists(run.CheckpointFile)
                ? $" The last good checkpoint, {run.CheckpointFile} (step {Checkpoint.Load(run.CheckpointFile).State.Step}), is intact."
                : " No checkpoint had been written yet; the folder can be reused for a new run."));
        }
        monitor.CheckFinal(trainer.State.SamplingNetwork);
        log.Flush();
        Checkpoint.Save(run.CheckpointFile, config, trainer.State);
        Checkpoint.Save(run.ModelFile, config, trainer.State);
        return trainer.State;
    }

    /// <summary>
    /// The divergence <paramref name="e"/> stands for, if any: the trainer's and the monitor's own, and an energy
    /// of -∞ (which the importance-sampling drift refuses as not normalisable; parallel loops wrap it).
    /// </summary>
    private static Exception? Diverged(Exception e) => e switch
    {
        TrainingDivergedException => e,
        AggregateException { InnerExceptions.Count: > 0 } a => Diverged(a.InnerExceptions[0]),
        ArithmeticException and not OverflowException and not DivideByZeroException => new TrainingDivergedException($"Training stopped: {e.Message}"),
        _ => null,
    };

    /// <summary>
    /// Drops log rows written after the checkpoint a run resumes from: the steps they describe are
    /// about to be repeated, so keeping them would log those steps twice.
    /// </summary>
    private static void TruncateLog(string logFile, long lastStep)
    {
        var kept = File.ReadLines(logFile)
            .Where((line, i) => i == 0 || (long.TryParse(line.AsSpan(0, Math.Max(0, line.IndexOf(','))), out long step) && step <= lastStep))
            .ToList();
        AtomicFile.Write(logFile, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            foreach (var line in kept) writer.WriteLine(line);
        });
    }
}
