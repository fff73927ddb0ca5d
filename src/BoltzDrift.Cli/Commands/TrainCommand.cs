using System.CommandLine;
using System.Text.Json;
using BoltzDrift.Cli.Output;
using BoltzDrift.Energies;
using BoltzDrift.IO;

namespace BoltzDrift.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target (see `targets`); overrides the --config file's." };
        var output = new Option<string>("--out") { Description = "Run directory to create (config, log, checkpoints, model, plots); must not hold a run already." };
        var force = OutputGuard.CreateForceOption("the run in --out (its config, log, checkpoints, model, samples, metrics and figures)");
        var resume = new Option<string>("--resume") { Description = "Continue the interrupted run in this directory from its last checkpoint (--steps may extend it; --threads and --checkpoint-every may change)." };
        var plots = new PlotOptions();
        var outputOptions = new OutputOptions();
        var options = new TrainingOptions();
        var command = new Command("train",
            "Train a one-step sampler for a target by drifting; writes a run directory, with figures in its plots/ folder.")
            { target, output, resume, force };
        options.AddTo(command);
        plots.AddTo(command);
        outputOptions.AddTo(command);
        command.SetAction(r => CliRunner.Run(r, cancel =>
        {
            var console = outputOptions.Resolve(r);
            int plotCount = plots.Count(r);  // checked before training, not after it
            TrainingOutcome outcome;
            RunLock? runLock = null;
            try
            {
                if (r.GetValue(resume) is { } resumeDir)
                {
                    if (r.GetValue(target) is not null || r.GetValue(output) is not null || r.GetValue(options.Config) is not null)
                        throw new ArgumentException("--resume continues an existing run under its recorded configuration: it takes neither --target, --out nor --config.");
                    var run = new RunDirectory(resumeDir);
                    runLock = Directory.Exists(run.Path) ? RunLock.Acquire(run.Path) : null;
                    run.DeleteInterruptedWrites();
                    outcome = Resume(run, options, r, console, cancel);
                }
                else
                {
                    var (t, config) = options.ResolveNew(r, r.GetValue(target), fallbackTarget: null);
                    string outDir = r.GetValue(output) ?? throw new ArgumentException("train needs --out DIR, the run directory to create.");
                    var run = new RunDirectory(outDir);
                    runLock = OutputGuard.TakeNewRun(run, "--out", r.GetValue(force), console);
                    outcome = TrainingSession.Run(t, config, run, console, cancel);
                }
                console.Result($"model written to {outcome.Run.ModelFile}");
                var figures = plots.Enabled(r)
                    ? RunPlotting.WriteOrWarn(console, () => RunPlotting.Write(outcome.Run, outcome.Target, outcome.Config, outcome.State.SamplingNetwork, plotCount))
                    : [];
                var summary = outcome.ToJson();
                summary["plots"] = PlotOptions.ToJson(figures);
                console.Document(summary);
            }
            finally
            {
                runLock?.Dispose();
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Continues a run from its checkpoint under its recorded configuration.</summary>
    private static TrainingOutcome Resume(RunDirectory run, TrainingOptions options, ParseResult r, CommandOutput output, CancellationToken cancel)
    {
        if (!File.Exists(run.CheckpointFile))
            throw new FileNotFoundException(run.HoldsRun
                ? $"--resume: '{run.Path}' stopped before its first checkpoint, so there is nothing to resume; start it again with `train --out {run.Path}` (the folder is reused)."
                : $"--resume: no checkpoint in '{run.Path}' (expected {Path.GetFileName(run.CheckpointFile)}).");
        var saved = Checkpoint.Load(run.CheckpointFile);
        var config = options.Resolve(r, saved.Config);
        var mutable = config with { Steps = saved.Config.Steps, Threads = saved.Config.Threads, CheckpointEvery = saved.Config.CheckpointEvery };
        if (JsonSerializer.Serialize(mutable, Json.Options) != JsonSerializer.Serialize(saved.Config, Json.Options))
            throw new ArgumentException("--resume: only --steps, --threads and --checkpoint-every may change when resuming; the other settings are fixed by the run.");
        if (saved.State.Step >= config.Steps)
            throw new ArgumentException($"--resume: the run already completed {saved.State.Step} of {config.Steps} steps; pass a larger --steps to extend it.");
        output.Status($"resuming {run.Path} at step {saved.State.Step} of {config.Steps}");
        return TrainingSession.Run(options.External.Resolve(r, config), config, run, output, cancel, saved.State);
    }
}
