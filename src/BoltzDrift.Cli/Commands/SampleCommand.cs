using System.CommandLine;
using System.Text.Json.Nodes;
using BoltzDrift.Cli.Output;
using BoltzDrift.IO;
using BoltzDrift.Sampling;

namespace BoltzDrift.Cli.Commands;

internal static class SampleCommand
{
    public static Command Create()
    {
        var runDir = new Option<string>("--run") { Description = "Run directory written by `train`.", Required = true };
        var count = new Option<int>("--count") { Description = "Number of samples.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sampling noise.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Output file: .npy (float64, shape [n, d]) or .csv.", Required = true };
        var force = OutputGuard.CreateForceOption("the --out file");
        var outputOptions = new OutputOptions();
        var command = new Command("sample", "Draw samples from a trained model: one forward pass each.") { runDir, count, seed, output, force };
        outputOptions.AddTo(command);
        command.SetAction(r => CliRunner.Run(r, () =>
        {
            var console = outputOptions.Resolve(r);
            int n = r.GetValue(count);
            if (n < 1) throw new ArgumentException($"--count must be at least 1, got {n}.");
            string path = r.GetValue(output)!;
            if (!SampleFile.SupportedExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
                throw new ArgumentException($"--out: '{path}' must end in {string.Join(" or ", SampleFile.SupportedExtensions)}.");
            string runPath = r.GetValue(runDir)!;
            OutputGuard.CheckFile(path, "--out", r.GetValue(force), runPath);
            var run = new RunDirectory(runPath);
            var model = Checkpoint.Load(run.LatestModel());
            var generator = Generator.For(model.Config, model.State.SamplingNetwork);
            if ((long)n * generator.Dimension > Array.MaxLength)
                throw new ArgumentException($"--count: {n:N0} samples of dimension {generator.Dimension} exceed the largest array ({Array.MaxLength:N0} values); draw fewer per file.");
            bool finished = run.IsFinished;
            if (!finished)
                console.Warning($"{run.Path} has no final model (training stopped at step {model.State.Step} of {model.Config.Steps}): sampling from its intermediate checkpoint.");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var samples = generator.Sample(n, r.GetValue(seed));
            double seconds = clock.Elapsed.TotalSeconds;
            SampleFile.Write(path, samples);
            console.Result($"{n} samples of {model.Config.Target} (d = {samples.Dimension}) in {seconds:F3} s ({n / seconds:N0} samples/s) -> {path}");
            console.Document(new JsonObject
            {
                ["target"] = model.Config.Target,
                ["count"] = n,
                ["dimension"] = samples.Dimension,
                ["model_step"] = model.State.Step,
                ["model_steps"] = model.Config.Steps,
                ["finished"] = finished,
                ["seconds"] = seconds,
                ["samples_per_second"] = n / seconds,
                ["out"] = Path.GetFullPath(path),
            });
            return 0;
        }));
        return command;
    }
}
