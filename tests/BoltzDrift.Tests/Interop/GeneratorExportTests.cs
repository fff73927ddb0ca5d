using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Engine;
using BoltzDrift.Interop.Export;
using BoltzDrift.IO;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using BoltzDrift.Tests.IO;
using Microsoft.ML.OnnxRuntime;

namespace BoltzDrift.Tests.Interop;

public sealed class GeneratorExportTests : IDisposable
{
    private const int Draws = 10_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A generator with every parameter (biases included) drawn at random, so no term of the graph can be zero by accident.</summary>
    internal static Mlp RandomNetwork(MlpShape shape, ulong seed)
    {
        var network = Mlp.Initialize(shape, seed, outputScale: 2);
        var rng = new Rng(seed, stream: 7);
        for (int l = 0; l < shape.Layers; l++)
        {
            var bias = network.Parameters.AsSpan(shape.WeightOffset(l) + shape.InputsOf(l) * shape.OutputsOf(l), shape.OutputsOf(l));
            for (int i = 0; i < bias.Length; i++) bias[i] = 0.3f * (float)rng.NextGaussian();
        }
        return network;
    }

    internal static float[] Noise(int count, int k, ulong seed)
    {
        var noise = new float[count * k];
        new Rng(seed, stream: 11).FillGaussian(noise);
        return noise;
    }

    /// <summary>BoltzDrift's own sampler on given noise: the pass that training and <see cref="Generator"/> run.</summary>
    internal static float[] Own(Mlp network, ParticleLayout? centred, float[] noise, int count) =>
        new GeneratorPass(network, count, centred).Forward(noise, count).ToArray();

    internal static float[] RunOnnx(string path, float[] noise, int count, int k)
    {
        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(noise, [count, k]);
        using var options = new RunOptions();
        using var outputs = session.Run(options, [GeneratorExport.NoiseInput], [input], [GeneratorExport.SamplesOutput]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public static TheoryData<ActivationKind, int, int, bool> Shapes => new()
    {
        { ActivationKind.SiLU, 4, 2, false },     // gmm4-like: 2-D points from 4 noise dimensions
        { ActivationKind.Tanh, 3, 5, false },
        { ActivationKind.ReLU, 5, 5, false },
        { ActivationKind.SiLU, 8, 8, true },      // dw4-like: 4 particles in 2-D, centre of mass removed
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Onnx_graph_matches_the_own_sampler_on_10000_noise_draws(ActivationKind activation, int k, int d, bool centred)
    {
        var shape = new MlpShape(k, d, Width: 64, HiddenLayers: 3, activation);
        var network = RandomNetwork(shape, seed: 3);
        ParticleLayout? layout = centred ? new ParticleLayout(d / 2, 2) : null;
        string path = _dir.File("g.onnx");
        GeneratorExport.Write(path, ExportFormat.Onnx, network, layout, "test");

        var noise = Noise(Draws, k, seed: 5);
        var own = Own(network, layout, noise, Draws);
        var onnx = RunOnnx(path, noise, Draws, k);

        Assert.Equal(own.Length, onnx.Length);
        double maxDiff = own.Zip(onnx, (a, b) => Math.Abs((double)a - b)).Max();
        Assert.True(maxDiff <= 1e-5, $"max |onnx - own| = {maxDiff:E2}");
        // The comparison means something only if the samples are not trivially small.
        Assert.True(own.Max(Math.Abs) > 1, $"largest |x| = {own.Max(Math.Abs)}");
        if (layout is { } p)
        {
            // The projection is in the graph: every exported configuration has zero centre of mass.
            for (int i = 0; i < Draws; i++)
            for (int a = 0; a < p.SpatialDimension; a++)
            {
                double sum = 0;
                for (int j = 0; j < p.Count; j++) sum += onnx[i * d + j * p.SpatialDimension + a];
                Assert.True(Math.Abs(sum) < 1e-4, $"sample {i}: centre of mass {sum / p.Count}");
            }
        }
    }

    [Fact]
    public void Npz_holds_the_documented_arrays()
    {
        var shape = new MlpShape(4, 8, Width: 16, HiddenLayers: 2, ActivationKind.Tanh);
        var network = RandomNetwork(shape, seed: 1);
        string path = _dir.File("g.npz");
        GeneratorExport.Write(path, ExportFormat.Npz, network, new ParticleLayout(4, 2), "dw4");

        using var zip = ZipFile.OpenRead(path);
        for (int l = 0; l < shape.Layers; l++)
        {
            var (weight, bias) = Layer(network, l);
            var w = ReadNpy(zip, $"layers.{l}.weight", out string wShape, out string wType);
            Assert.Equal(($"({shape.InputsOf(l)}, {shape.OutputsOf(l)})", "<f4"), (wShape, wType));
            Assert.Equal(weight, MemoryMarshal.Cast<byte, float>(w).ToArray());
            var b = ReadNpy(zip, $"layers.{l}.bias", out string bShape, out _);
            Assert.Equal($"({shape.OutputsOf(l)},)", bShape);
            Assert.Equal(bias, MemoryMarshal.Cast<byte, float>(b).ToArray());
        }
        Assert.Equal("tanh", Encoding.UTF32.GetString(ReadNpy(zip, "activation", out _, out string aType)));
        Assert.Equal("<U4", aType);
        Assert.Equal([4L], MemoryMarshal.Cast<byte, long>(ReadNpy(zip, "noise_dim", out _, out _)).ToArray());
        Assert.Equal([3L], MemoryMarshal.Cast<byte, long>(ReadNpy(zip, "layers", out _, out _)).ToArray());
        Assert.Equal([4L, 2L], MemoryMarshal.Cast<byte, long>(ReadNpy(zip, "particles", out _, out _)).ToArray());
    }

    [Fact]
    public void Safetensors_header_locates_every_tensor()
    {
        var shape = new MlpShape(4, 2, Width: 16, HiddenLayers: 2);
        var network = RandomNetwork(shape, seed: 2);
        string path = _dir.File("g.safetensors");
        GeneratorExport.Write(path, ExportFormat.Safetensors, network, null, "gmm4");

        var bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength))!.AsObject();
        var data = bytes.AsSpan(8 + (int)headerLength);
        Assert.Equal("silu", (string?)header["__metadata__"]!["activation"]);
        Assert.Equal("", (string?)header["__metadata__"]!["particles"]);
        long end = 0;
        for (int l = 0; l < shape.Layers; l++)
        {
            var (weight, bias) = Layer(network, l);
            foreach (var (name, expected, dims) in new[] { ($"layers.{l}.weight", weight, new[] { shape.InputsOf(l), shape.OutputsOf(l) }), ($"layers.{l}.bias", bias, [shape.OutputsOf(l)]) })
            {
                var entry = header[name]!;
                Assert.Equal("F32", (string?)entry["dtype"]);
                Assert.Equal(dims, entry["shape"]!.AsArray().Select(n => (int)n!).ToArray());
                long begin = (long)entry["data_offsets"]![0]!, stop = (long)entry["data_offsets"]![1]!;
                Assert.Equal(expected, MemoryMarshal.Cast<byte, float>(data[(int)begin..(int)stop]).ToArray());
                end = Math.Max(end, stop);
            }
        }
        Assert.Equal(data.Length, end);
    }

    private static (float[] Weight, float[] Bias) Layer(Mlp network, int l)
    {
        var s = network.Shape;
        int offset = s.WeightOffset(l), size = s.InputsOf(l) * s.OutputsOf(l);
        return (network.Parameters.AsSpan(offset, size).ToArray(), network.Parameters.AsSpan(offset + size, s.OutputsOf(l)).ToArray());
    }

    /// <summary>The data bytes of one .npy entry, with the shape and dtype its header states.</summary>
    private static byte[] ReadNpy(ZipArchive zip, string name, out string shape, out string dtype)
    {
        using var stream = zip.GetEntry(name + ".npy")!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        Assert.Equal(0x93, bytes[0]);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        shape = System.Text.RegularExpressions.Regex.Match(header, @"'shape': (\([^)]*\))").Groups[1].Value;
        dtype = System.Text.RegularExpressions.Regex.Match(header, @"'descr': '([^']*)'").Groups[1].Value;
        return bytes[(10 + headerLength)..];
    }
}
