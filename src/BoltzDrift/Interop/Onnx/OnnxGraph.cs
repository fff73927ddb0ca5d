using System.Runtime.InteropServices;

namespace BoltzDrift.Interop.Onnx;

/// <summary>Element types of ONNX tensors (the values of onnx.proto's TensorProto.DataType used here).</summary>
public enum OnnxType
{
    Float = 1,
    Int64 = 7,
    Double = 11,
}

/// <summary>A node attribute: an integer, a list of integers or a float (AttributeProto).</summary>
public abstract record OnnxAttribute(string Name)
{
    public sealed record Int(string Name, long Value) : OnnxAttribute(Name);
    public sealed record Ints(string Name, long[] Values) : OnnxAttribute(Name);
    public sealed record Float(string Name, float Value) : OnnxAttribute(Name);
}

/// <summary>
/// A small ONNX model builder: graph inputs and outputs with their shapes (a string is a named, free dimension
/// such as the batch size), constant tensors (initializers) and operator nodes, saved as an ONNX file (IR version
/// 8, default-domain operator set 17, which ONNX Runtime and the onnx Python package of Debian 12 both read).
/// The encoding follows onnx.proto field by field; <see cref="ProtoWriter"/> says how fields are written.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>The operator-set version nodes are written for: its operators define the semantics of each node.</summary>
    public const int OperatorSet = 17;
    private const long IrVersion = 8;

    private readonly List<(string Name, OnnxType Type, object[] Shape)> _inputs = [], _outputs = [];
    private readonly List<(string Name, OnnxType Type, long[] Dims, byte[] Data)> _initializers = [];
    private readonly List<(string Op, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes)> _nodes = [];
    private readonly Dictionary<string, string> _metadata = [];
    private int _nextName;

    /// <param name="name">The graph's name.</param>
    public OnnxGraph(string name) => Name = name;

    public string Name { get; }

    /// <summary>A graph input; each dimension is a number or, for a free dimension, its name (e.g. "n").</summary>
    public string Input(string name, OnnxType type, params object[] shape)
    {
        _inputs.Add((name, type, CheckShape(shape)));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> a graph output of the given type and shape.</summary>
    public void Output(string value, OnnxType type, params object[] shape) => _outputs.Add((value, type, CheckShape(shape)));

    /// <summary>A float32 constant of shape <paramref name="dims"/> (row-major).</summary>
    public string Constant(ReadOnlySpan<float> values, params long[] dims) => Constant(OnnxType.Float, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>A float64 constant of shape <paramref name="dims"/> (row-major).</summary>
    public string Constant(ReadOnlySpan<double> values, params long[] dims) => Constant(OnnxType.Double, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>An int64 constant of shape <paramref name="dims"/> (shapes, axes, indices).</summary>
    public string Constant(ReadOnlySpan<long> values, params long[] dims) => Constant(OnnxType.Int64, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>A scalar constant of element type <paramref name="type"/> (float or double).</summary>
    public string Scalar(double value, OnnxType type) =>
        type == OnnxType.Double ? Constant([value]) : Constant([(float)value]);

    /// <summary>A node of operator <paramref name="op"/> with one output, whose generated name it returns.</summary>
    public string Node(string op, string[] inputs, params OnnxAttribute[] attributes)
    {
        string output = FreshName(op);
        _nodes.Add((op, inputs, [output], attributes));
        return output;
    }

    /// <summary>A node with one output of the given name (for graph outputs).</summary>
    public string Node(string op, string[] inputs, string output, params OnnxAttribute[] attributes)
    {
        _nodes.Add((op, inputs, [output], attributes));
        return output;
    }

    /// <summary>A key-value pair stored with the model (metadata_props).</summary>
    public void Metadata(string key, string value) => _metadata[key] = value;

    /// <summary>The model as ONNX file bytes.</summary>
    public byte[] ToBytes(string producer = "BoltzDrift")
    {
        var model = new ProtoWriter();
        model.Int(1, IrVersion);
        model.String(2, producer);
        model.Message(7, WriteGraph);
        model.Message(8, opset => { opset.String(1, ""); opset.Int(2, OperatorSet); });
        foreach (var (key, value) in _metadata)
            model.Message(14, entry => { entry.String(1, key); entry.String(2, value); });
        return model.ToArray();
    }

    /// <summary>Writes the model to <paramref name="path"/>.</summary>
    public void Save(string path) => IO.AtomicFile.Write(path, stream => stream.Write(ToBytes()));

    private string Constant(OnnxType type, ReadOnlySpan<byte> littleEndian, int count, long[] dims)
    {
        if (dims.Aggregate(1L, (a, b) => a * b) != count)
            throw new ArgumentException($"A constant of shape [{string.Join(", ", dims)}] needs {dims.Aggregate(1L, (a, b) => a * b)} values, got {count}.");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian.");
        string name = FreshName("const");
        _initializers.Add((name, type, dims, littleEndian.ToArray()));
        return name;
    }

    private string FreshName(string prefix) => $"{prefix}_{_nextName++}";

    private static object[] CheckShape(object[] shape)
    {
        foreach (var dim in shape)
            if (dim is not (string or int or long)) throw new ArgumentException($"A dimension is a number or a name, got {dim}.");
        return shape;
    }

    private void WriteGraph(ProtoWriter graph)
    {
        foreach (var (op, inputs, outputs, attributes) in _nodes)
            graph.Message(1, node =>
            {
                foreach (var input in inputs) node.String(1, input);
                foreach (var output in outputs) node.String(2, output);
                node.String(3, outputs[0]);
                node.String(4, op);
                foreach (var attribute in attributes) node.Message(5, a => WriteAttribute(a, attribute));
            });
        graph.String(2, Name);
        foreach (var (name, type, dims, data) in _initializers)
            graph.Message(5, tensor =>
            {
                foreach (long dim in dims) tensor.Int(1, dim);
                tensor.Int(2, (int)type);
                tensor.String(8, name);
                tensor.Bytes(9, data);
            });
        foreach (var input in _inputs) graph.Message(11, v => WriteValueInfo(v, input));
        foreach (var output in _outputs) graph.Message(12, v => WriteValueInfo(v, output));
    }

    private static void WriteAttribute(ProtoWriter a, OnnxAttribute attribute)
    {
        const int FloatType = 1, IntType = 2, IntsType = 7;
        a.String(1, attribute.Name);
        switch (attribute)
        {
            case OnnxAttribute.Float f: a.Float(2, f.Value); a.Int(20, FloatType); break;
            case OnnxAttribute.Int i: a.Int(3, i.Value); a.Int(20, IntType); break;
            case OnnxAttribute.Ints list:
                foreach (long v in list.Values) a.Int(8, v);
                a.Int(20, IntsType);
                break;
        }
    }

    private static void WriteValueInfo(ProtoWriter v, (string Name, OnnxType Type, object[] Shape) value)
    {
        v.String(1, value.Name);
        v.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int(1, (int)value.Type);
            tensor.Message(2, shape =>
            {
                foreach (var dim in value.Shape)
                    shape.Message(1, d =>
                    {
                        if (dim is string name) d.String(2, name);
                        else d.Int(1, Convert.ToInt64(dim));
                    });
            });
        }));
    }
}
