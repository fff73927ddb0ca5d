using System.Diagnostics;
using BoltzDrift.Cli.Output;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

/// <summary>Runs training inside a run directory with the progress view the output calls for (shared by <c>train</c> and <c>demo</c>).</summary>
internal static class TrainingSession
{
    public static TrainingOutcome Run(Target target, TrainingConfig config, RunDirectory run, CommandOutput output,
        CancellationToken cancel, TrainingState? resumeFrom = null)
    {
        if (config.Pilot is { } pilot && resumeFrom is null)
            foreach (string line in PilotText.Lines(pilot, config)) output.Status(line);
        output.Status($"training {target.Name} (d = {target.Dimension}) with the {config.Estimator} estimator: {config.Steps} steps, batch {config.Batch}, seed {config.Seed}, {config.Threads} threads -> {run.Path}");
        var clock = Stopwatch.StartNew();
        var view = TrainingProgress.For(output, config.Steps, resumeFrom?.Step ?? 0);
        StepReport? last = null;
        var state = view.Track(progress => TrainingRun.Run(config, target.Energy, run,
            new RecordingProgress(progress, report => last = report), resumeFrom, cancel));
        output.Status($"trained in {clock.Elapsed.TotalSeconds:F1} s");
        return new TrainingOutcome(run, config, state, last, clock.Elapsed);
    }

    /// <summary>Passes reports on to the view and remembers the last one, for the summary.</summary>
    private sealed class RecordingProgress(IProgress<StepReport> inner, Action<StepReport> record) : IProgress<StepReport>
    {
        public void Report(StepReport value)
        {
            record(value);
            inner.Report(value);
        }
    }
}
