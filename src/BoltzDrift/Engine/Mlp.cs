using BoltzDrift.Numerics;

namespace BoltzDrift.Engine;

/// <summary>The shape of a generator network: noise in, <see cref="HiddenLayers"/> × <see cref="Width"/> hidden units, a point out.</summary>
public sealed record MlpShape(int NoiseDimension, int OutputDimension, int Width, int HiddenLayers, ActivationKind Activation = ActivationKind.SiLU)
{
    /// <summary>Throws with a clear message when a size is not positive.</summary>
    public void Validate()
    {
        if (NoiseDimension < 1) throw new ArgumentException($"Noise dimension must be at least 1, got {NoiseDimension}.");
        if (OutputDimension < 1) throw new ArgumentException($"Output dimension must be at least 1, got {OutputDimension}.");
        if (Width < 1) throw new ArgumentException($"Network width must be at least 1, got {Width}.");
        if (HiddenLayers < 0) throw new ArgumentException($"Hidden layer count cannot be negative, got {HiddenLayers}.");
    }

    /// <summary>Number of weight layers (hidden layers + the output layer).</summary>
    public int Layers => HiddenLayers + 1;

    /// <summary>Input size of weight layer <paramref name="l"/>.</summary>
    public int InputsOf(int l) => l == 0 ? NoiseDimension : Width;

    /// <summary>Output size of weight layer <paramref name="l"/>.</summary>
    public int OutputsOf(int l) => l == HiddenLayers ? OutputDimension : Width;

    /// <summary>Offset of layer <paramref name="l"/>'s weights (inputs×outputs, row-major) in the flat parameter vector; its biases follow them.</summary>
    public int WeightOffset(int l)
    {
        int offset = 0;
        for (int i = 0; i < l; i++) offset += (InputsOf(i) + 1) * OutputsOf(i);
        return offset;
    }

    /// <summary>Total number of parameters.</summary>
    public int ParameterCount => WeightOffset(Layers);
}

/// <summary>
/// A multilayer perceptron whose parameters live in one flat float32 vector, so the optimiser, weight
/// averaging and checkpoints treat them as a single array. Passes over a batch go through
/// <see cref="MlpPass"/>, which owns the buffers.
/// </summary>
public sealed class Mlp
{
    public Mlp(MlpShape shape, float[] parameters)
    {
        shape.Validate();
        if (parameters.Length != shape.ParameterCount)
            throw new ArgumentException($"Network of shape {shape} has {shape.ParameterCount} parameters, got {parameters.Length}.");
        Shape = shape;
        Parameters = parameters;
    }

    public MlpShape Shape { get; }

    /// <summary>All weights and biases, layer after layer (weights inputs×outputs row-major, then biases).</summary>
    public float[] Parameters { get; }

    /// <summary>
    /// A freshly initialised network: weights N(0, gain²/fan_in) (variance-preserving for the
    /// activation), biases zero; the output layer's weights are scaled by <paramref name="outputScale"/>,
    /// which sets how widely the untrained generator spreads its samples.
    /// </summary>
    public static Mlp Initialize(MlpShape shape, ulong seed, float outputScale = 1)
    {
        shape.Validate();
        var p = new float[shape.ParameterCount];
        var rng = new Rng(seed, stream: 0x4D4C50);
        float gain = shape.Activation == ActivationKind.Tanh ? 1f : MathF.Sqrt(2f);
        for (int l = 0; l < shape.Layers; l++)
        {
            int fanIn = shape.InputsOf(l), fanOut = shape.OutputsOf(l);
            float std = (l == shape.HiddenLayers ? outputScale : gain) / MathF.Sqrt(fanIn);
            var w = p.AsSpan(shape.WeightOffset(l), fanIn * fanOut);
            for (int i = 0; i < w.Length; i++) w[i] = std * (float)rng.NextGaussian();
        }
        return new Mlp(shape, p);
    }
}
