using System.CommandLine;
using System.Text.Json.Nodes;
using BoltzDrift.Cli.Output;
using BoltzDrift.Interop.Export;
using BoltzDrift.IO;

namespace BoltzDrift.Cli.Commands;

/// <summary><c>export</c>: a trained generator as an ONNX graph or as its weights (npz, safetensors), for use outside BoltzDrift.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var runDir = new Option<string>("--run") { Description = "Run directory written by `train` or `demo`.", Required = true };
        var format = new Option<string?>("--format")
        {
            HelpName = "onnx|npz|safetensors",
            Description = "onnx: the generator as a graph noise [n, k] float32 -> samples [n, d] (weights, activation, centre-of-mass projection); "
                + "npz or safetensors: its weights and settings (layout in docs/interop.md). Default: from --out's extension.",
        };
        var output = new Option<string>("--out") { Description = "File to write (.onnx, .npz or .safetensors).", Required = true };
        var outputOptions = new OutputOptions();
        var command = new Command("export", "Export a trained sampler for use outside BoltzDrift: an ONNX graph (onnxruntime, any ONNX runtime) or its weights (NumPy .npz, safetensors).")
            { runDir, format, output };
        outputOptions.AddTo(command);
        command.SetAction(r => CliRunner.Run(r, _ =>
        {
            var console = outputOptions.Resolve(r);
            string path = r.GetValue(output)!;
            var chosen = r.GetValue(format) is { } name ? Parse(name) : GeneratorExport.FormatOf(path)
                ?? throw new ArgumentException($"--out: '{path}' does not end in .onnx, .npz or .safetensors; name the format with --format.");
            var model = Checkpoint.Load(new RunDirectory(r.GetValue(runDir)!).LatestModel());
            var network = model.State.SamplingNetwork;
            GeneratorExport.Write(path, chosen, network, model.Config.CentredParticles, model.Config.Target);
            var shape = network.Shape;
            console.Result($"{model.Config.Target} generator (noise {shape.NoiseDimension} -> {shape.OutputDimension}, {shape.HiddenLayers} x {shape.Width} {shape.Activation}"
                + (model.Config.CentredParticles is null ? "" : ", centre of mass removed") + $") -> {path} ({chosen.ToString().ToLowerInvariant()})");
            console.Document(new JsonObject
            {
                ["target"] = model.Config.Target,
                ["format"] = chosen.ToString().ToLowerInvariant(),
                ["noise_dim"] = shape.NoiseDimension,
                ["dimension"] = shape.OutputDimension,
                ["out"] = Path.GetFullPath(path),
            });
            return 0;
        }));
        return command;
    }

    private static ExportFormat Parse(string name) => name.ToLowerInvariant() switch
    {
        "onnx" => ExportFormat.Onnx,
        "npz" => ExportFormat.Npz,
        "safetensors" => ExportFormat.Safetensors,
        _ => throw new ArgumentException($"--format: '{name}' is not a format (expected onnx, npz or safetensors)."),
    };
}
