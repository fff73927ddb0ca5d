using System.CommandLine;
using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target (see `targets`)." };
        var output = new Option<string>("--out") { Description = "Run directory to create (config, log, checkpoints, model); must not hold a run already." };
        var resume = new Option<string>("--resume") { Description = "Continue the interrupted run in this directory from its last checkpoint (--steps may extend it; --threads and --checkpoint-every may change)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines." };
        var options = new TrainingOptions();
        var command = new Command("train", "Train a one-step sampler for a target by drifting; writes a run directory.") { target, output, resume, quiet };
        options.AddTo(command);
        command.SetAction(r => CliRunner.Run(cancel =>
        {
            RunDirectory run;
            if (r.GetValue(resume) is { } resumeDir)
            {
                if (r.GetValue(target) is not null || r.GetValue(output) is not null)
                    throw new ArgumentException("--resume continues an existing run: it takes neither --target nor --out.");
                run = new RunDirectory(resumeDir);
                Resume(run, options, r, r.GetValue(quiet), cancel);
            }
            else
            {
                string name = r.GetValue(target) ?? throw new ArgumentException("train needs --target NAME (see `targets`), or --resume DIR.");
                string outDir = r.GetValue(output) ?? throw new ArgumentException("train needs --out DIR, the run directory to create.");
                var t = Targets.Get(name);
                var config = options.Resolve(r, TargetDefaults.For(t.Name));
                run = new RunDirectory(outDir);
                if (File.Exists(run.ConfigFile))
                    throw new ArgumentException($"--out: '{run.Path}' already holds a run; continue it with --resume, or choose another directory.");
                Train(t, config, run, r.GetValue(quiet), cancel);
            }
            Console.WriteLine($"model written to {run.ModelFile}");
            return 0;
        }));
        return command;
    }

    /// <summary>Continues a run from its checkpoint under its recorded configuration.</summary>
    private static void Resume(RunDirectory run, TrainingOptions options, ParseResult r, bool quiet, CancellationToken cancel)
    {
        if (!File.Exists(run.CheckpointFile))
            throw new FileNotFoundException($"--resume: no checkpoint in '{run.Path}' (expected {Path.GetFileName(run.CheckpointFile)}).");
        var saved = Checkpoint.Load(run.CheckpointFile);
        var config = options.Resolve(r, saved.Config);
        var mutable = config with { Steps = saved.Config.Steps, Threads = saved.Config.Threads, CheckpointEvery = saved.Config.CheckpointEvery };
        if (JsonSerializer.Serialize(mutable, Json.Options) != JsonSerializer.Serialize(saved.Config, Json.Options))
            throw new ArgumentException("--resume: only --steps, --threads and --checkpoint-every may change when resuming; the other settings are fixed by the run.");
        if (saved.State.Step >= config.Steps)
            throw new ArgumentException($"--resume: the run already completed {saved.State.Step} of {config.Steps} steps; pass a larger --steps to extend it.");
        var t = Targets.Get(config.Target);
        if (!quiet) Console.WriteLine($"resuming {run.Path} at step {saved.State.Step} of {config.Steps}");
        Train(t, config, run, quiet, cancel, saved.State);
    }

    /// <summary>Trains with progress output and a one-line summary of cost.</summary>
    public static TrainingState Train(Target target, TrainingConfig config, RunDirectory run, bool quiet, CancellationToken cancel, TrainingState? resumeFrom = null)
    {
        if (!quiet)
            Console.WriteLine($"training {target.Name} (d = {target.Dimension}) with the {config.Estimator} estimator: {config.Steps} steps, batch {config.Batch}, seed {config.Seed}, {config.Threads} threads -> {run.Path}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var state = TrainingRun.Run(config, target.Energy, run, new ProgressPrinter(config.Steps, quiet), resumeFrom, cancel);
        if (!quiet) Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1} s");
        return state;
    }
}
