using System.CommandLine;
using System.Text.Json.Nodes;
using BoltzDrift.Cli.Output;
using BoltzDrift.IO;
using BoltzDrift.Metrics;
using BoltzDrift.Sampling;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

internal static class DemoCommand
{
    /// <summary>Generated samples for the moment errors (docs/metrics.md protocol).</summary>
    private const int EvaluationSamples = 100_000;

    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target (default gmm4, or the --config file's)." };
        var output = new Option<string>("--out") { Description = "Run directory.", DefaultValueFactory = _ => Path.Combine("runs", "demo") };
        var force = OutputGuard.CreateForceOption("the run in --out (its config, log, checkpoints, model, samples, metrics and figures)");
        var plots = new PlotOptions();
        var outputOptions = new OutputOptions();
        var options = new TrainingOptions();
        var command = new Command("demo",
            "Train on a target (gmm4 by default), draw 100,000 samples, evaluate them, compare with the paper and plot them.")
            { target, output, force };
        options.AddTo(command);
        plots.AddTo(command);
        outputOptions.AddTo(command);
        command.SetAction(r => CliRunner.Run(r, cancel =>
        {
            var console = outputOptions.Resolve(r);
            int plotCount = plots.Count(r);  // checked before training, not after it
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (t, config) = options.ResolveNew(r, r.GetValue(target), fallbackTarget: "gmm4");
            var run = new RunDirectory(r.GetValue(output)!);
            using var runLock = OutputGuard.TakeNewRun(run, "--out", r.GetValue(force), console);
            var outcome = TrainingSession.Run(t, config, run, console, cancel);

            var sampleClock = System.Diagnostics.Stopwatch.StartNew();
            var samples = Generator.For(config, outcome.State.SamplingNetwork).Sample(EvaluationSamples, RunPlotting.SampleSeed(config));
            double sampleSeconds = sampleClock.Elapsed.TotalSeconds;
            SampleFile.Write(run.SamplesFile, samples);
            console.Result($"sampled {EvaluationSamples:N0} in {sampleSeconds:F3} s ({EvaluationSamples / sampleSeconds:N0} samples/s); samples -> {run.SamplesFile}");

            var report = Evaluator.Evaluate(t, samples, config.Seed + 12345);
            var metrics = JsonNode.Parse(report.ToJson())!.AsObject();
            metrics["nonfinite_energy_fraction"] = outcome.Health.NonFiniteEnergyFraction;
            metrics["samples_nonfinite_energy_fraction"] = RunHealth.NonFiniteFraction(t.Energy, samples);
            AtomicFile.WriteAllText(run.MetricsFile, metrics.ToJsonString(Json.Options));
            foreach (string line in ReportTable.Lines(report, t.Name == "gmm4" ? ReportTable.PaperGmm4 : null)) console.Result(line);

            var figures = plots.Enabled(r)
                ? RunPlotting.WriteOrWarn(console, () => RunPlotting.Write(run, t, config, samples.Take(plotCount)))
                : [];
            console.Result($"demo finished in {clock.Elapsed.TotalSeconds:F1} s; metrics -> {run.MetricsFile}");
            console.Document(new JsonObject
            {
                ["training"] = outcome.ToJson(),
                ["samples"] = run.SamplesFile,
                ["sampling_seconds"] = sampleSeconds,
                ["samples_per_second"] = EvaluationSamples / sampleSeconds,
                ["metrics"] = metrics.DeepClone(),
                ["plots"] = PlotOptions.ToJson(figures),
                ["seconds"] = clock.Elapsed.TotalSeconds,
            });
            return 0;
        }));
        return command;
    }
}
