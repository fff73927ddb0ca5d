using System.CommandLine;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Metrics;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

internal static class DemoCommand
{
    /// <summary>Generated samples for the moment errors (METRICS.md protocol).</summary>
    private const int EvaluationSamples = 100_000;

    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target.", DefaultValueFactory = _ => "gmm4" };
        var output = new Option<string>("--out") { Description = "Run directory.", DefaultValueFactory = _ => Path.Combine("runs", "demo") };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines." };
        var options = new TrainingOptions();
        var command = new Command("demo", "Train on a target (gmm4 by default), draw 100,000 samples, evaluate them and compare with the paper.")
            { target, output, quiet };
        options.AddTo(command);
        command.SetAction(r => CliRunner.Run(cancel =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var t = Targets.Get(r.GetValue(target)!);
            var config = options.Resolve(r, TargetDefaults.For(t.Name));
            var run = new RunDirectory(r.GetValue(output)!);
            var state = TrainCommand.Train(t, config, run, r.GetValue(quiet), cancel);
            var sampleClock = System.Diagnostics.Stopwatch.StartNew();
            var samples = new Generator(state.SamplingNetwork, new Parallelism(config.Threads)).Sample(EvaluationSamples, config.Seed + 1);
            double sampleSeconds = sampleClock.Elapsed.TotalSeconds;
            SampleFile.Write(run.SamplesFile, samples);
            var report = Evaluator.Evaluate(t, samples, config.Seed + 12345);
            File.WriteAllText(run.MetricsFile, report.ToJson());
            Console.WriteLine($"sampled {EvaluationSamples:N0} in {sampleSeconds:F3} s ({EvaluationSamples / sampleSeconds:N0} samples/s); samples -> {run.SamplesFile}");
            ReportTable.Print(report, t.Name == "gmm4" ? ReportTable.PaperGmm4 : null);
            Console.WriteLine($"demo finished in {clock.Elapsed.TotalSeconds:F1} s; metrics -> {run.MetricsFile}");
            return 0;
        }));
        return command;
    }
}
