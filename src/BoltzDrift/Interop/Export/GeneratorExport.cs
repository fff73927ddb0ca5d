using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Engine;
using BoltzDrift.Interop.Onnx;
using BoltzDrift.IO;

namespace BoltzDrift.Interop.Export;

/// <summary>File formats a trained generator is exported to.</summary>
public enum ExportFormat
{
    /// <summary>An ONNX graph, noise [n, k] float32 -> samples [n, d] float32.</summary>
    Onnx,
    /// <summary>NumPy's .npz: one .npy array per weight and bias, plus the settings as small arrays.</summary>
    Npz,
    /// <summary>safetensors: the same tensors, the settings in the header's metadata.</summary>
    Safetensors,
}

/// <summary>
/// Writes a trained generator x = P f(ε) for use outside BoltzDrift. Every format holds the same tensors, named
/// <c>layers.{l}.weight</c> (shape [inputs, outputs], float32, row-major, so that a layer is y = x W + b) and
/// <c>layers.{l}.bias</c> ([outputs]) for l = 0 .. layers-1; every layer but the last is followed by the
/// activation; then, when <c>particles</c> is set, P removes each configuration's centre of mass (the point read
/// as particles × spatial dimension, the mean particle subtracted). The ONNX graph contains all of this; npz and
/// safetensors carry the settings as <c>activation</c> (silu, tanh or relu), <c>noise_dim</c>, <c>layers</c> and
/// <c>particles</c> ([count, spatial dimension], empty when there is no projection). docs/interop.md shows how to run each.
/// </summary>
public static class GeneratorExport
{
    /// <summary>Name of the ONNX graph's input (noise, [n, noise_dim] float32).</summary>
    public const string NoiseInput = "noise";
    /// <summary>Name of the ONNX graph's output (samples, [n, d] float32).</summary>
    public const string SamplesOutput = "samples";

    /// <summary>The format a file name's extension implies (.onnx, .npz, .safetensors), or null.</summary>
    public static ExportFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".onnx" => ExportFormat.Onnx,
        ".npz" => ExportFormat.Npz,
        ".safetensors" => ExportFormat.Safetensors,
        _ => null,
    };

    /// <summary>Writes <paramref name="network"/> (with the projection for <paramref name="centredParticles"/>, if any) to <paramref name="path"/>.</summary>
    public static void Write(string path, ExportFormat format, Mlp network, ParticleLayout? centredParticles, string target)
    {
        if (centredParticles is { } layout && layout.Dimension != network.Shape.OutputDimension)
            throw new ArgumentException($"Centring {layout.Count} particles in {layout.SpatialDimension}-D needs points of dimension {layout.Dimension}; the network produces {network.Shape.OutputDimension}.");
        switch (format)
        {
            case ExportFormat.Onnx: ToOnnx(network, centredParticles, target).Save(path); break;
            case ExportFormat.Npz: WriteNpz(path, network, centredParticles); break;
            case ExportFormat.Safetensors: WriteSafetensors(path, network, centredParticles, target); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>The generator as an ONNX graph <see cref="NoiseInput"/> [n, k] -> <see cref="SamplesOutput"/> [n, d].</summary>
    public static OnnxGraph ToOnnx(Mlp network, ParticleLayout? centredParticles, string target)
    {
        var shape = network.Shape;
        var graph = new OnnxGraph("boltzdrift_generator");
        string x = graph.Input(NoiseInput, OnnxType.Float, "n", shape.NoiseDimension);
        for (int l = 0; l < shape.Layers; l++)
        {
            var (weight, bias) = Layer(network, l);
            x = graph.Node("MatMul", [x, graph.Constant(weight, shape.InputsOf(l), shape.OutputsOf(l))]);
            x = graph.Node("Add", [x, graph.Constant(bias, shape.OutputsOf(l))]);
            if (l < shape.HiddenLayers) x = Activate(graph, x, shape.Activation);
        }
        if (centredParticles is { } layout)
        {
            var particles = graph.Node("Reshape", [x, graph.Constant([-1L, layout.Count, layout.SpatialDimension], 3)]);
            var mean = graph.Node("ReduceMean", [particles], new OnnxAttribute.Ints("axes", [1]), new OnnxAttribute.Int("keepdims", 1));
            x = graph.Node("Sub", [particles, mean]);
        }
        graph.Node("Reshape", [x, graph.Constant([-1L, shape.OutputDimension], 2)], SamplesOutput);
        graph.Output(SamplesOutput, OnnxType.Float, "n", shape.OutputDimension);
        foreach (var (key, value) in Settings(shape, centredParticles, target)) graph.Metadata(key, value);
        return graph;
    }

    private static string Activate(OnnxGraph graph, string x, ActivationKind activation) => activation switch
    {
        ActivationKind.SiLU => graph.Node("Mul", [x, graph.Node("Sigmoid", [x])]),
        ActivationKind.Tanh => graph.Node("Tanh", [x]),
        ActivationKind.ReLU => graph.Node("Relu", [x]),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    private static void WriteNpz(string path, Mlp network, ParticleLayout? centredParticles)
    {
        var shape = network.Shape;
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            void Entry(string name, string descr, long[] dims, ReadOnlySpan<byte> data)
            {
                using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
                entry.Write(Npy.HeaderBytes(descr, dims));
                entry.Write(data);
            }
            for (int l = 0; l < shape.Layers; l++)
            {
                var (weight, bias) = Layer(network, l);
                Entry($"layers.{l}.weight", "<f4", [shape.InputsOf(l), shape.OutputsOf(l)], MemoryMarshal.AsBytes(weight));
                Entry($"layers.{l}.bias", "<f4", [shape.OutputsOf(l)], MemoryMarshal.AsBytes(bias));
            }
            string activation = ActivationName(shape.Activation);
            Entry("activation", $"<U{activation.Length}", [], Encoding.UTF32.GetBytes(activation));
            Entry("noise_dim", "<i8", [], MemoryMarshal.AsBytes<long>([shape.NoiseDimension]));
            Entry("layers", "<i8", [], MemoryMarshal.AsBytes<long>([shape.Layers]));
            long[] particles = centredParticles is { } p ? [p.Count, p.SpatialDimension] : [];
            Entry("particles", "<i8", [particles.Length], MemoryMarshal.AsBytes(particles.AsSpan()));
        });
    }

    private static void WriteSafetensors(string path, Mlp network, ParticleLayout? centredParticles, string target)
    {
        // Layout: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte
        // range in the data block, then the data block.
        var shape = network.Shape;
        var header = new JsonObject();
        var metadata = new JsonObject();
        foreach (var (key, value) in Settings(shape, centredParticles, target)) metadata[key] = value;
        header["__metadata__"] = metadata;
        var data = new MemoryStream();
        void Tensor(string name, float[] values, params long[] dims)
        {
            long begin = data.Length;
            data.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(dims.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(begin, data.Length),
            };
        }
        for (int l = 0; l < shape.Layers; l++)
        {
            var (weight, bias) = Layer(network, l);
            Tensor($"layers.{l}.weight", weight, shape.InputsOf(l), shape.OutputsOf(l));
            Tensor($"layers.{l}.bias", bias, shape.OutputsOf(l));
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // The header is padded with spaces to a multiple of 8 bytes, so the data block stays aligned.
        int padded = (json.Length + 7) / 8 * 8;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (int i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
            data.Position = 0;
            data.CopyTo(stream);
        });
    }

    /// <summary>Layer <paramref name="l"/>'s weights ([inputs, outputs], row-major) and biases, copied out of the flat parameter vector.</summary>
    private static (float[] Weight, float[] Bias) Layer(Mlp network, int l)
    {
        var shape = network.Shape;
        int inputs = shape.InputsOf(l), outputs = shape.OutputsOf(l), offset = shape.WeightOffset(l);
        return (network.Parameters.AsSpan(offset, inputs * outputs).ToArray(),
                network.Parameters.AsSpan(offset + inputs * outputs, outputs).ToArray());
    }

    private static IEnumerable<(string Key, string Value)> Settings(MlpShape shape, ParticleLayout? centredParticles, string target)
    {
        yield return ("format", "boltzdrift-generator");
        yield return ("target", target);
        yield return ("activation", ActivationName(shape.Activation));
        yield return ("noise_dim", shape.NoiseDimension.ToString(CultureInfo.InvariantCulture));
        yield return ("dimension", shape.OutputDimension.ToString(CultureInfo.InvariantCulture));
        yield return ("layers", shape.Layers.ToString(CultureInfo.InvariantCulture));
        yield return ("particles", centredParticles is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p.Count},{p.SpatialDimension}") : "");
        yield return ("library_version", Checkpoint.LibraryVersion);
    }

    private static string ActivationName(ActivationKind activation) => activation.ToString().ToLowerInvariant();
}
