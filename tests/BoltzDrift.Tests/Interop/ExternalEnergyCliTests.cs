using System.Text.Json.Nodes;
using BoltzDrift.IO;
using BoltzDrift.Tests.Cli;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Interop;

[Collection(ConsoleCollection.Name)]
public sealed class ExternalEnergyCliTests : IDisposable
{
    private const int UserError = 2, EnergyFailed = 5;
    private static readonly string[] Tiny =
        ["--steps", "6", "--batch", "32", "--proposals", "4", "--width", "8", "--layers", "1", "--threads", "1", "--checkpoint-every", "2", "--quiet", "--no-plots"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Example(string name) => Path.Combine(Docs.RepositoryRoot.Path, "examples", name);

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got {lines.Length}: {text}");
        return lines[0];
    }

    [Fact]
    public void Trains_on_an_onnx_energy_and_exports_the_sampler_in_every_format()
    {
        string run = _dir.File("run");
        var (exit, _, error) = CliProcess.Run(["train", "--energy-onnx", Example("banana.onnx"), "--out", run, .. Tiny]);
        Assert.True(exit == 0, error);
        var model = Checkpoint.Load(new RunDirectory(run).ModelFile);
        Assert.Equal("onnx:" + Example("banana.onnx"), model.Config.Target);
        Assert.Equal(6, model.State.Step);
        foreach (string format in new[] { "onnx", "npz", "safetensors" })
        {
            string file = _dir.File("g." + format);
            var (e, output, err) = CliProcess.Run("export", "--run", run, "--out", file, "--json");
            Assert.True(e == 0, err);
            Assert.Equal(format, (string?)JsonNode.Parse(output)!["format"]);
            Assert.True(new FileInfo(file).Length > 0);
        }
        var bad = CliProcess.Run("export", "--run", run, "--out", _dir.File("g.bin"));
        Assert.Equal(UserError, bad.Exit);
        Assert.Contains("does not end in .onnx, .npz or .safetensors", OneLine(bad.Err));
    }

    [Fact]
    public void A_bad_onnx_model_or_two_energies_are_one_line_errors()
    {
        string notModel = _dir.File("x.onnx");
        File.WriteAllText(notModel, "nothing");
        var r = CliProcess.Run(["train", "--energy-onnx", notModel, "--out", _dir.File("a"), .. Tiny]);
        Assert.Equal(UserError, r.Exit);
        Assert.StartsWith("error: --energy-onnx: 'x.onnx' is not a model ONNX Runtime can load", OneLine(r.Err));

        r = CliProcess.Run(["train", "--energy-onnx", Example("banana.onnx"), "--target", "gmm4", "--out", _dir.File("b"), .. Tiny]);
        Assert.Equal(UserError, r.Exit);
        Assert.Contains("give no --target or --energy with it", OneLine(r.Err));

        r = CliProcess.Run(["train", "--energy-onnx", Example("banana.onnx"), "--estimator", "curvature", "--out", _dir.File("c"), .. Tiny]);
        Assert.Equal(UserError, r.Exit);
        Assert.Contains("Hessian", OneLine(r.Err));
    }

    [Fact]
    public void A_server_that_crashes_mid_run_is_one_line_keeps_the_checkpoint_and_resume_finishes()
    {
        string python = Python.With() ?? throw new InvalidOperationException("the tests need python3");
        // 0.5 |x|² in plain Python; the first time it runs it crashes at its first request after the step-2 checkpoint
        // appears, and leaves a marker so that the resumed run's server does not.
        string marker = _dir.File("crashed-once");
        string run = _dir.File("run");
        string script = _dir.File("server.py");
        File.WriteAllText(script, string.Join("\n",
            "import os, struct, sys",
            "out, inp = sys.stdout.buffer, sys.stdin.buffer",
            "out.write(b'BDENERGY' + struct.pack('<III', 1, 2, 0)); out.flush()",
            $"marker, checkpoint = {Quote(marker)}, {Quote(new RunDirectory(run).CheckpointFile)}",
            "while True:",
            "    header = inp.read(16)",
            "    if len(header) < 16: break",
            "    n, d, flags = struct.unpack('<III', header[4:])",
            "    x = struct.unpack('<%dd' % (n * d), inp.read(8 * n * d))",
            "    if os.path.exists(checkpoint) and not os.path.exists(marker):",
            "        open(marker, 'w').close(); sys.exit('energy server: simulated crash')",
            "    e = [0.5 * (x[2 * i] ** 2 + x[2 * i + 1] ** 2) for i in range(n)]",
            "    out.write(b'BDRP' + struct.pack('<II', n, 0) + struct.pack('<%dd' % n, *e)); out.flush()",
            ""));
        string command = $"\"{python}\" \"{script}\"";
        var r = CliProcess.Run(["train", "--energy-command", command, "--out", run, .. Tiny]);
        Assert.Equal(EnergyFailed, r.Exit);
        string line = OneLine(r.Err);
        Assert.Contains("exited with code 1 in the middle of the exchange; its last error line: energy server: simulated crash", line);
        Assert.Contains($"The last checkpoint, {new RunDirectory(run).CheckpointFile}, is intact; continue with --resume.", line);
        Assert.Equal(2, Checkpoint.Load(new RunDirectory(run).CheckpointFile).State.Step);

        r = CliProcess.Run("train", "--resume", run, "--quiet", "--no-plots");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Equal(6, Checkpoint.Load(new RunDirectory(run).ModelFile).State.Step);
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
