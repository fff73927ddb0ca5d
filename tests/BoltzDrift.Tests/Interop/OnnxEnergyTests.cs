using BoltzDrift.Energies;
using BoltzDrift.Interop.Onnx;
using BoltzDrift.Numerics;
using BoltzDrift.Onnx;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Interop;

public sealed class OnnxEnergyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Save(OnnxGraph graph, string name = "e.onnx")
    {
        string path = _dir.File(name);
        graph.Save(path);
        return path;
    }

    private static double[] Points(int n, ulong seed)
    {
        var points = new double[n * 2];
        var rng = new Rng(seed, stream: 3);
        for (int i = 0; i < points.Length; i++) points[i] = 2.5 * rng.NextGaussian();
        return points;
    }

    [Theory]
    [InlineData("banana", OnnxType.Float)]
    [InlineData("banana", OnnxType.Double)]
    [InlineData("gmm4", OnnxType.Float)]
    [InlineData("gmm4", OnnxType.Double)]
    public void Batched_energies_match_the_built_in_target(string name, OnnxType type)
    {
        using var energy = OnnxEnergy.Load(Save(name == "banana" ? EnergyModels.Banana(type) : EnergyModels.Gmm4(type)));
        var builtIn = Targets.Get(name).Energy;
        Assert.Equal(2, energy.Dimension);
        const int n = 3000;
        var points = Points(n, seed: 1);
        var batch = new float[n];
        energy.Evaluate(points.Select(v => (float)v).ToArray(), batch);
        for (int i = 0; i < n; i++)
        {
            var p = points.AsSpan(i * 2, 2);
            var rounded = new[] { (double)(float)p[0], (float)p[1] };
            double exact = builtIn.Evaluate(rounded);
            Assert.True(Math.Abs(batch[i] - exact) <= 1e-5 * Math.Max(1, Math.Abs(exact)), $"point {i}: onnx {batch[i]}, built-in {exact}");
            double single = energy.Evaluate(p);
            double tolerance = type == OnnxType.Double ? 1e-12 : 1e-5;
            Assert.True(Math.Abs(single - builtIn.Evaluate(p)) <= tolerance * Math.Max(1, Math.Abs(single)), $"point {i}: onnx {single}, built-in {builtIn.Evaluate(p)}");
        }
    }

    [Fact]
    public void Gradient_output_matches_the_built_in_gradient()
    {
        using var energy = OnnxEnergy.Load(Save(EnergyModels.Banana(OnnxType.Double)));
        var builtIn = Targets.Get("banana").Energy;
        Assert.True(energy.HasGradient);
        Assert.False(energy.HasHessian);
        var points = Points(200, seed: 2);
        Span<double> g = stackalloc double[2], expected = stackalloc double[2];
        for (int i = 0; i < 200; i++)
        {
            var p = points.AsSpan(i * 2, 2);
            double e = energy.Gradient(p, g);
            double exact = builtIn.Gradient(p, expected);
            Assert.Equal(exact, e, 1e-10);
            Assert.Equal(expected[0], g[0], 1e-9);
            Assert.Equal(expected[1], g[1], 1e-9);
        }
    }

    [Fact]
    public void Without_a_gradient_output_gradients_are_refused()
    {
        using var energy = OnnxEnergy.Load(Save(EnergyModels.Banana(withGradient: false)));
        Assert.False(energy.HasGradient);
        var e = Assert.Throws<NotSupportedException>(() => energy.Gradient([0.0, 0.0], new double[2]));
        Assert.Contains("no gradient output", e.Message);
    }

    public static TheoryData<string, string> BadSignatures => new()
    {
        { "two-inputs", "needs exactly one input" },
        { "int-input", "input 'x' must be a float32 or float64 tensor" },
        { "rank-1", "input 'x' must have shape [n, d], not [n]" },
        { "fixed-batch", "input 'x' has a fixed batch size 8" },
        { "free-d", "input 'x' must have a fixed dimension d" },
        { "double-output", "output 'energy' must be a float32 tensor like input 'x'" },
        { "per-coordinate", "output 'energy' (the energies) must have shape [n], not [n, 2]" },
        { "bad-gradient", "output 'gradient' (the gradients) must have shape [n, 2], not [n, 3]" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public void A_wrong_signature_is_one_line_naming_the_fault(string model, string expected)
    {
        var g = new OnnxGraph(model);
        string x = model switch
        {
            "int-input" => g.Input("x", OnnxType.Int64, "n", 2),
            "rank-1" => g.Input("x", OnnxType.Float, "n"),
            "fixed-batch" => g.Input("x", OnnxType.Float, 8, 2),
            "free-d" => g.Input("x", OnnxType.Float, "n", "d"),
            _ => g.Input("x", OnnxType.Float, "n", 2),
        };
        if (model == "two-inputs") g.Input("y", OnnxType.Float, "n", 2);
        switch (model)
        {
            case "double-output":
                g.Node("Cast", [g.Node("ReduceSum", [x, g.Constant([1L], 1)], new OnnxAttribute.Int("keepdims", 0))], "energy", new OnnxAttribute.Int("to", (long)OnnxType.Double));
                g.Output("energy", OnnxType.Double, "n");
                break;
            case "per-coordinate":
                g.Node("Identity", [x], "energy");
                g.Output("energy", OnnxType.Float, "n", 2);
                break;
            case "bad-gradient":
                g.Node("ReduceSum", [x, g.Constant([1L], 1)], "energy", new OnnxAttribute.Int("keepdims", 0));
                g.Node("Concat", [x, g.Node("Gather", [x, g.Constant([0L], 1)], new OnnxAttribute.Int("axis", 1))], "gradient", new OnnxAttribute.Int("axis", 1));
                g.Output("energy", OnnxType.Float, "n");
                g.Output("gradient", OnnxType.Float, "n", 3);
                break;
            default:
                g.Node("Identity", [x], "energy");
                g.Output("energy", model == "int-input" ? OnnxType.Int64 : OnnxType.Float, model == "rank-1" ? ["n"] : ["n", 2]);
                break;
        }
        var e = Assert.Throws<InvalidDataException>(() => OnnxEnergy.Load(Save(g, model + ".onnx")));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"--energy-onnx: '{model}.onnx' ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_file_that_is_no_model_and_a_missing_file_are_one_line()
    {
        string garbage = _dir.File("garbage.onnx");
        File.WriteAllText(garbage, "not a model");
        var e = Assert.Throws<InvalidDataException>(() => OnnxEnergy.Load(garbage));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("is not a model ONNX Runtime can load", e.Message);
        Assert.Throws<FileNotFoundException>(() => OnnxEnergy.Load(_dir.File("missing.onnx")));
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("gmm4")]
    public void The_shipped_examples_are_what_this_builder_writes(string name)
    {
        // examples/NAME.onnx, used in README's --energy-onnx commands, is EnergyModels.NAME() saved: rebuild and compare.
        // BOLTZDRIFT_WRITE_EXAMPLES=1 rewrites them after a deliberate change of the builder.
        var model = name == "banana" ? EnergyModels.Banana() : EnergyModels.Gmm4();
        string shipped = Path.Combine(Docs.RepositoryRoot.Path, "examples", name + ".onnx");
        if (Environment.GetEnvironmentVariable("BOLTZDRIFT_WRITE_EXAMPLES") == "1") model.Save(shipped);
        Assert.True(File.Exists(shipped), $"{shipped} is missing: run this test with BOLTZDRIFT_WRITE_EXAMPLES=1");
        Assert.Equal(model.ToBytes(), File.ReadAllBytes(shipped));
    }
}
