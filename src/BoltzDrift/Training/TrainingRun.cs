using BoltzDrift.Energies;
using BoltzDrift.IO;

namespace BoltzDrift.Training;

/// <summary>
/// Drives a <see cref="Trainer"/> to the end of its schedule inside a run directory: logs every step to
/// CSV, checkpoints periodically and at the end, and reports progress. On divergence or cancellation
/// the last checkpoint written stays intact.
/// </summary>
public static class TrainingRun
{
    /// <summary>Trains from scratch (or from <paramref name="resumeFrom"/>) and returns the final state.</summary>
    public static TrainingState Run(TrainingConfig config, Energy energy, RunDirectory run,
        IProgress<StepReport>? progress = null, TrainingState? resumeFrom = null, CancellationToken cancellation = default)
    {
        var trainer = new Trainer(config, energy, resumeFrom);
        run.Initialize(config);
        bool newLog = resumeFrom is null || !File.Exists(run.LogFile);
        if (!newLog) TruncateLog(run.LogFile, trainer.State.Step);
        using var log = new StreamWriter(run.LogFile, append: !newLog);
        if (newLog) log.WriteLine(StepReport.CsvHeader);
        while (trainer.State.Step < config.Steps)
        {
            cancellation.ThrowIfCancellationRequested();
            StepReport report;
            try { report = trainer.Step(); }
            catch (TrainingDivergedException e)
            {
                throw new TrainingDivergedException(e.Message + (File.Exists(run.CheckpointFile)
                    ? $" The last good checkpoint, {run.CheckpointFile}, is intact."
                    : " No checkpoint had been written yet (see --checkpoint-every)."));
            }
            log.WriteLine(report.ToCsv());
            progress?.Report(report);
            if (config.CheckpointEvery > 0 && report.Step % config.CheckpointEvery == 0 && report.Step < config.Steps)
            {
                log.Flush();
                Checkpoint.Save(run.CheckpointFile, config, trainer.State);
            }
        }
        log.Flush();
        Checkpoint.Save(run.CheckpointFile, config, trainer.State);
        Checkpoint.Save(run.ModelFile, config, trainer.State);
        return trainer.State;
    }

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
