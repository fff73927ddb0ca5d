using BoltzDrift.Numerics;

namespace BoltzDrift.Engine;

/// <summary>
/// Forward and backward passes of an <see cref="Mlp"/> over batches of up to <see cref="Capacity"/>
/// inputs. It keeps what the forward pass computed (activations and activation derivatives) so that
/// <see cref="Backward"/> can back-propagate a per-sample output gradient; a forward-only pass (for sampling) keeps
/// no derivatives and has no gradient buffers. Buffers are allocated once; a pass allocates nothing.
/// </summary>
public sealed class MlpPass
{
    private readonly Mlp _net;
    private readonly Parallelism _parallelism;
    private readonly float[][] _activations;  // [l] = input of weight layer l (N × inputs); last = output
    private readonly float[][] _derivatives;  // [l] = act'(z) for the hidden activations in _activations[l], l ≥ 1
    private readonly float[] _gradA, _gradB;
    private readonly BiasActivationEpilogue[] _forwardEpilogues;  // [l] = bias (+ activation) of weight layer l
    private readonly DerivativeEpilogue[] _backwardEpilogues;     // [l] = ⊙ act'(z) into the input of layer l, l ≥ 1
    private readonly bool _forwardOnly;
    private int _batch;

    /// <param name="net">The network; the pass reads its parameters at every call.</param>
    /// <param name="capacity">Largest batch.</param>
    /// <param name="parallelism">Threads; results do not depend on them.</param>
    /// <param name="forwardOnly">No <see cref="Backward"/>: skip the activation derivatives and the gradient buffers.</param>
    public MlpPass(Mlp net, int capacity, Parallelism? parallelism = null, bool forwardOnly = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _net = net;
        _parallelism = parallelism ?? Parallelism.Serial;
        Capacity = capacity;
        _forwardOnly = forwardOnly;
        var s = net.Shape;
        _activations = new float[s.Layers + 1][];
        _derivatives = new float[s.Layers][];
        for (int l = 0; l < s.Layers; l++)
        {
            _activations[l] = new float[capacity * s.InputsOf(l)];
            _derivatives[l] = l == 0 || forwardOnly ? [] : new float[capacity * s.InputsOf(l)];
        }
        _activations[s.Layers] = new float[capacity * s.OutputDimension];
        int widest = Math.Max(s.Width, Math.Max(s.NoiseDimension, s.OutputDimension));
        _gradA = forwardOnly ? [] : new float[capacity * widest];
        _gradB = forwardOnly ? [] : new float[capacity * widest];
        _forwardEpilogues = new BiasActivationEpilogue[s.Layers];
        _backwardEpilogues = new DerivativeEpilogue[s.Layers];
        for (int l = 0; l < s.Layers; l++)
        {
            bool hidden = l < s.HiddenLayers;
            _forwardEpilogues[l] = new BiasActivationEpilogue(net.Parameters, s.WeightOffset(l) + s.InputsOf(l) * s.OutputsOf(l),
                hidden ? s.Activation : null, hidden ? _derivatives[l + 1] : []);
            _backwardEpilogues[l] = new DerivativeEpilogue(_derivatives[l]);
        }
    }

    /// <summary>Largest batch this pass can hold.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Runs the network on <paramref name="noise"/> (batch × noise dimension) and returns the outputs
    /// (batch × output dimension), valid until the next call.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> noise, int batch)
    {
        var s = _net.Shape;
        if (batch < 1 || batch > Capacity) throw new ArgumentOutOfRangeException(nameof(batch), $"Batch {batch} is outside 1..{Capacity}.");
        if (noise.Length < batch * s.NoiseDimension) throw new ArgumentException($"Need {batch * s.NoiseDimension} noise values, got {noise.Length}.");
        _batch = batch;
        noise[..(batch * s.NoiseDimension)].CopyTo(_activations[0]);
        var p = _net.Parameters;
        for (int l = 0; l < s.Layers; l++)
        {
            int fin = s.InputsOf(l), fout = s.OutputsOf(l);
            var z = _activations[l + 1].AsSpan(0, batch * fout);
            Kernels.MatMul(_activations[l], p.AsSpan(s.WeightOffset(l), fin * fout), z, batch, fin, fout,
                epilogue: _forwardEpilogues[l], parallelism: _parallelism);
        }
        return _activations[s.Layers].AsSpan(0, batch * s.OutputDimension);
    }

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> = dL/d(output) (batch × output dimension) of the
    /// last <see cref="Forward"/> and writes dL/d(parameters) into <paramref name="parameterGradient"/>
    /// (overwritten, same layout as <see cref="Mlp.Parameters"/>).
    /// </summary>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> parameterGradient)
    {
        var s = _net.Shape;
        int n = _batch;
        if (_forwardOnly) throw new InvalidOperationException("This pass was made forward-only: it keeps nothing to back-propagate through.");
        if (n == 0) throw new InvalidOperationException("Backward needs a Forward first.");
        if (parameterGradient.Length != s.ParameterCount) throw new ArgumentException($"Parameter gradient must have {s.ParameterCount} values, got {parameterGradient.Length}.");
        var p = _net.Parameters;
        float[] g = _gradA, next = _gradB;
        outputGradient[..(n * s.OutputDimension)].CopyTo(g);
        for (int l = s.Layers - 1; l >= 0; l--)
        {
            int fin = s.InputsOf(l), fout = s.OutputsOf(l), w = s.WeightOffset(l);
            // dW = aᵀ g, db = Σ_rows g
            Kernels.MatMul(_activations[l], g, parameterGradient.Slice(w, fin * fout), fin, n, fout, Transposed.A, parallelism: _parallelism);
            Kernels.ColumnSums(g, parameterGradient.Slice(w + fin * fout, fout), n, fout);
            if (l == 0) break;
            // dL/da = g Wᵀ, then through the activation (epilogue): dL/dz = dL/da ⊙ act'(z)
            Kernels.MatMul(g, p.AsSpan(w, fin * fout), next.AsSpan(0, n * fin), n, fout, fin, Transposed.B,
                epilogue: _backwardEpilogues[l], parallelism: _parallelism);
            (g, next) = (next, g);
        }
    }
}
