using BoltzDrift.Energies;
using BoltzDrift.Interop.Energies;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BoltzDrift.Onnx;

/// <summary>
/// An energy given as an ONNX model and evaluated in-process by ONNX Runtime. The model maps points x [n, d] to
/// energies [n] (or [n, 1]), float32 or float64 throughout, with the batch dimension free and d fixed; an
/// optional second output [n, d] holds ∇E, which makes <see cref="Energy.HasGradient"/> true. The signature is
/// checked when the model is loaded, and every mismatch is reported as one line naming the input or output at
/// fault. The training step passes whole chunks of proposals in one call; calls from several threads run
/// concurrently (ONNX Runtime sessions allow it), each single-threaded inside.
/// </summary>
public sealed class OnnxEnergy : Energy, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _input;
    private readonly string[] _outputs;
    private readonly bool _double;

    private OnnxEnergy(InferenceSession session, string input, string[] outputs, int dimension, bool isDouble)
    {
        _session = session;
        _input = input;
        _outputs = outputs;
        Dimension = dimension;
        _double = isDouble;
    }

    public override int Dimension { get; }

    public override bool HasGradient => _outputs.Length == 2;

    /// <summary>Loads <paramref name="path"/> and checks its signature (and one evaluation of it).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not an ONNX model, or a signature that is not x [n, d] -> E [n] (, ∇E [n, d]).</exception>
    public static OnnxEnergy Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--energy-onnx: '{path}' does not exist.");
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        InferenceSession session;
        try { session = new InferenceSession(path, options); }
        catch (OnnxRuntimeException e) { throw Fault(path, $"is not a model ONNX Runtime can load ({FirstLine(e.Message)})"); }
        try
        {
            var energy = Check(path, session);
            energy.Probe(path);
            return energy;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static OnnxEnergy Check(string path, InferenceSession session)
    {
        if (session.InputMetadata.Count != 1)
            throw Fault(path, $"needs exactly one input, the points x [n, d]; it has {session.InputMetadata.Count} ({string.Join(", ", session.InputMetadata.Keys)})");
        var (input, x) = session.InputMetadata.First();
        bool isDouble = x.IsTensor && x.ElementType == typeof(double);
        if (!x.IsTensor || (x.ElementType != typeof(float) && !isDouble))
            throw Fault(path, $"input '{input}' must be a float32 or float64 tensor, not {Describe(x)}");
        if (x.Dimensions.Length != 2)
            throw Fault(path, $"input '{input}' must have shape [n, d], not {Shape(x)}");
        if (x.Dimensions[0] >= 0)
            throw Fault(path, $"input '{input}' has a fixed batch size {x.Dimensions[0]}; export it with a free first dimension (shape [n, d])");
        if (x.Dimensions[1] < 1)
            throw Fault(path, $"input '{input}' must have a fixed dimension d (shape [n, d]), not {Shape(x)}");
        int d = x.Dimensions[1];
        var outputs = session.OutputMetadata.ToList();
        if (outputs.Count is < 1 or > 2)
            throw Fault(path, $"needs one output, the energies [n], and optionally a second, the gradients [n, {d}]; it has {outputs.Count}");
        string type = isDouble ? "float64" : "float32";
        foreach (var (name, output) in outputs)
            if (!output.IsTensor || output.ElementType != x.ElementType)
                throw Fault(path, $"output '{name}' must be a {type} tensor like input '{input}', not {Describe(output)}");
        var energies = outputs[0].Value.Dimensions;
        if (!(energies.Length == 1 || (energies.Length == 2 && energies[1] == 1)))
            throw Fault(path, $"output '{outputs[0].Key}' (the energies) must have shape [n], not {Shape(outputs[0].Value)}");
        if (outputs.Count == 2 && (outputs[1].Value.Dimensions.Length != 2 || outputs[1].Value.Dimensions[1] is >= 0 and var g && g != d))
            throw Fault(path, $"output '{outputs[1].Key}' (the gradients) must have shape [n, {d}], not {Shape(outputs[1].Value)}");
        return new OnnxEnergy(session, input, outputs.Select(o => o.Key).ToArray(), d, isDouble);
    }

    /// <summary>Evaluates two points, so that a model whose declared shapes lie about its outputs fails at load, not mid-training.</summary>
    private void Probe(string path)
    {
        var points = new double[2 * Dimension];
        try { Run(points, 2, new double[2], HasGradient ? new double[2 * Dimension] : null); }
        catch (EnergyFailedException e) { throw new InvalidDataException($"{e.Message[..^1]} when loaded ('{Path.GetFileName(path)}').", e); }
    }

    public override double Evaluate(ReadOnlySpan<double> point)
    {
        CheckShape(point.Length, 1);
        Span<double> energy = stackalloc double[1];
        Run(point, 1, energy, null);
        return energy[0];
    }

    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        if (energies.IsEmpty) return;
        int n = energies.Length, d = Dimension;
        using var input = Tensor(n, d);
        if (_double)
        {
            var x = input.GetTensorMutableDataAsSpan<double>();
            for (int i = 0; i < x.Length; i++) x[i] = points[i];
        }
        else points.CopyTo(input.GetTensorMutableDataAsSpan<float>());
        using var outputs = Run(input, [_outputs[0]], n);
        if (_double)
        {
            var e = outputs[0].GetTensorDataAsSpan<double>();
            for (int i = 0; i < n; i++) energies[i] = (float)e[i];
        }
        else outputs[0].GetTensorDataAsSpan<float>().CopyTo(energies);
    }

    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        if (!HasGradient) throw new NotSupportedException("This ONNX energy has no gradient output (a second output [n, d] holding ∇E).");
        CheckShape(point.Length, 1);
        Span<double> energy = stackalloc double[1];
        Run(point, 1, energy, gradient);
        return energy[0];
    }

    private void Run(ReadOnlySpan<double> points, int n, Span<double> energies, Span<double> gradients)
    {
        int d = Dimension;
        bool withGradient = !gradients.IsEmpty;
        using var input = Tensor(n, d);
        if (_double) points.CopyTo(input.GetTensorMutableDataAsSpan<double>());
        else
        {
            var x = input.GetTensorMutableDataAsSpan<float>();
            for (int i = 0; i < x.Length; i++) x[i] = (float)points[i];
        }
        using var outputs = Run(input, withGradient ? _outputs : [_outputs[0]], n);
        Copy(outputs[0], energies);
        if (!withGradient) return;
        RequireLength(outputs[1], n * d, 1);
        Copy(outputs[1], gradients);
    }

    /// <summary>Runs the model on <paramref name="input"/> (n points); a failure of the runtime mid-training ends training with one line.</summary>
    private IDisposableReadOnlyCollection<OrtValue> Run(OrtValue input, string[] outputs, int n)
    {
        IDisposableReadOnlyCollection<OrtValue> values;
        try { values = _session.Run(_runOptions, [_input], [input], outputs); }
        catch (OnnxRuntimeException e) { throw new EnergyFailedException($"--energy-onnx: the model failed on a batch of {n} points: {FirstLine(e.Message)}", e); }
        RequireLength(values[0], n, 0);
        return values;
    }

    private OrtValue Tensor(int n, int d) =>
        OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, _double ? TensorElementType.Double : TensorElementType.Float, [n, d]);

    private void Copy(OrtValue value, Span<double> destination)
    {
        if (_double) value.GetTensorDataAsSpan<double>().CopyTo(destination);
        else
        {
            var source = value.GetTensorDataAsSpan<float>();
            for (int i = 0; i < destination.Length; i++) destination[i] = source[i];
        }
    }

    private void RequireLength(OrtValue value, int expected, int output)
    {
        long count = value.GetTensorTypeAndShape().ElementCount;
        if (count != expected)
            throw new EnergyFailedException($"--energy-onnx: output '{_outputs[output]}' returned {count} values for {expected / (output == 0 ? 1 : Dimension)} points (expected {expected}).");
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static InvalidDataException Fault(string path, string what) => new($"--energy-onnx: '{Path.GetFileName(path)}' {what}.");

    private static string Shape(NodeMetadata m) =>
        "[" + string.Join(", ", m.Dimensions.Select((dim, i) => dim >= 0 ? dim.ToString() : string.IsNullOrEmpty(m.SymbolicDimensions[i]) ? "?" : m.SymbolicDimensions[i])) + "]";

    private static string Describe(NodeMetadata m) => m.IsTensor ? $"a tensor of {m.ElementDataType}" : m.OnnxValueType.ToString();

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
