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
        if (resumeFrom is null) run.Initialize(config);
        bool newLog = resumeFrom is null || !File.Exists(run.LogFile);
        using var log = new StreamWriter(run.LogFile, append: !newLog);
        if (newLog) log.WriteLine(StepReport.CsvHeader);
        while (trainer.State.Step < config.Steps)
        {
            cancellation.ThrowIfCancellationRequested();
            var report = trainer.Step();
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
}
