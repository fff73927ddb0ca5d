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
        var outputOptions = new OutputOptions();
        var command = new Command("sample", "Draw samples from a trained model: one forward pass each.") { runDir, count, seed, output };
        outputOptions.AddTo(command);
        command.SetAction(r => CliRunner.Run(r, _ =>
        {
            var console = outputOptions.Resolve(r);
            int n = r.GetValue(count);
            if (n < 1) throw new ArgumentException($"--count must be at least 1, got {n}.");
            string path = r.GetValue(output)!;
            if (!SampleFile.SupportedExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
                throw new ArgumentException($"--out: '{path}' must end in {string.Join(" or ", SampleFile.SupportedExtensions)}.");
            var model = Checkpoint.Load(new RunDirectory(r.GetValue(runDir)!).LatestModel());
            var generator = Generator.For(model.Config, model.State.SamplingNetwork);
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
                ["seconds"] = seconds,
                ["samples_per_second"] = n / seconds,
                ["out"] = Path.GetFullPath(path),
            });
            return 0;
        }));
        return command;
    }
}
