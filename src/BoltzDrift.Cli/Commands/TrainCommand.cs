using System.CommandLine;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target (see `targets`).", Required = true };
        var output = new Option<string>("--out") { Description = "Run directory to create (config, log, checkpoints, model).", Required = true };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines." };
        var options = new TrainingOptions();
        var command = new Command("train", "Train a one-step sampler for a target by drifting; writes a run directory.") { target, output, quiet };
        options.AddTo(command);
        command.SetAction(r => CliRunner.Run(cancel =>
        {
            var t = Targets.Get(r.GetValue(target)!);
            var config = options.Resolve(r, TargetDefaults.For(t.Name));
            var run = new RunDirectory(r.GetValue(output)!);
            Train(t, config, run, r.GetValue(quiet), cancel);
            Console.WriteLine($"model written to {run.ModelFile}");
            return 0;
        }));
        return command;
    }

    /// <summary>Trains with progress output and a one-line summary of cost.</summary>
    public static TrainingState Train(Target target, TrainingConfig config, RunDirectory run, bool quiet, CancellationToken cancel)
    {
        if (!quiet)
            Console.WriteLine($"training {target.Name} (d = {target.Dimension}) with the {config.Estimator} estimator: {config.Steps} steps, batch {config.Batch}, seed {config.Seed}, {config.Threads} threads -> {run.Path}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var state = TrainingRun.Run(config, target.Energy, run, new ProgressPrinter(config.Steps, quiet), cancellation: cancel);
        if (!quiet) Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1} s");
        return state;
    }
}
