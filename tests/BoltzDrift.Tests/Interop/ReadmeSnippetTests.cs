using System.Text.RegularExpressions;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Engine;
using BoltzDrift.Interop.Export;
using BoltzDrift.IO;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Interop;

/// <summary>
/// README's Python snippets, run as shown on an exported sampler (a dw4-shaped one, so the centre-of-mass line
/// runs too) and compared with BoltzDrift's own samples for the same noise. They need a Python with NumPy (and
/// onnxruntime for the first); .ci/run installs NumPy and says when onnxruntime is missing.
/// </summary>
public sealed partial class ReadmeSnippetTests : IDisposable
{
    private const int Count = 10_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\s*```python\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Snippet();

    private static string Code(string name)
    {
        var readme = File.ReadAllText(Path.Combine(Docs.RepositoryRoot.Path, "README.md"));
        var match = Snippet().Matches(readme).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(match is not null, $"README has no Python snippet marked '{name}'");
        return match.Groups["code"].Value;
    }

    [Theory]
    [InlineData("onnxruntime", "onnxruntime")]
    [InlineData("numpy", "numpy")]
    public void Snippet_runs_as_shown_and_reproduces_the_own_sampler(string snippet, string module)
    {
        string code = Code(snippet);  // the snippet must exist even where it cannot run
        if (Python.With("numpy", module) is not { } python) return;
        var shape = new MlpShape(8, 8, Width: 32, HiddenLayers: 3);
        var network = GeneratorExportTests.RandomNetwork(shape, seed: 9);
        var layout = new ParticleLayout(4, 2);
        GeneratorExport.Write(Path.Combine(_dir.Path, "g0.onnx"), ExportFormat.Onnx, network, layout, "dw4");
        GeneratorExport.Write(Path.Combine(_dir.Path, "g0.npz"), ExportFormat.Npz, network, layout, "dw4");
        // The snippets draw their noise with numpy's default_rng(0); the same call gives it back for the comparison.
        File.WriteAllText(Path.Combine(_dir.Path, "snippet.py"), code + $"""

            eps = np.random.default_rng(0).standard_normal(({Count}, {shape.NoiseDimension}), dtype=np.float32)
            np.save("eps.npy", eps); np.save("x.npy", np.asarray(x, dtype=np.float32))
            """);
        var (exit, error) = Python.Run(python, "snippet.py", _dir.Path);
        Assert.True(exit == 0, $"the {snippet} snippet failed: {error}");

        var eps = Npy.Read(Path.Combine(_dir.Path, "eps.npy")).Values.Select(v => (float)v).ToArray();
        var own = GeneratorExportTests.Own(network, layout, eps, Count);
        var x = Npy.Read(Path.Combine(_dir.Path, "x.npy")).Values;
        Assert.Equal(own.Length, x.Length);
        double maxDiff = own.Zip(x, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1e-5, $"max |{snippet} - own| = {maxDiff:E2}");
    }

    [Fact]
    public void The_onnx_checker_accepts_the_exported_graph()
    {
        if (Python.With("onnx") is not { } python) return;  // .ci/run installs python3-onnx and says when it could not
        var network = GeneratorExportTests.RandomNetwork(new MlpShape(8, 8, Width: 16, HiddenLayers: 2, ActivationKind.Tanh), seed: 1);
        GeneratorExport.Write(Path.Combine(_dir.Path, "g.onnx"), ExportFormat.Onnx, network, new ParticleLayout(4, 2), "dw4");
        File.WriteAllText(Path.Combine(_dir.Path, "check.py"), "import onnx\nonnx.checker.check_model(onnx.load('g.onnx'), full_check=True)\n");
        var (exit, error) = Python.Run(python, "check.py", _dir.Path);
        Assert.True(exit == 0, $"onnx.checker rejected the graph: {error}");
    }
}
