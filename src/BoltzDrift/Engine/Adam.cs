using System.Numerics;
using System.Numerics.Tensors;

namespace BoltzDrift.Engine;

/// <summary>Settings of the Adam optimiser.</summary>
public sealed record AdamOptions(float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-8f, float? MaxGradientNorm = null);

/// <summary>
/// Adam (Kingma and Ba) over a flat parameter vector, with bias correction and optional clipping of
/// the global gradient norm. The learning rate is passed per step, so any schedule can drive it.
/// Its state (moments and step count) is exposed for checkpoints.
/// </summary>
public sealed class Adam
{
    public Adam(int parameterCount, AdamOptions? options = null)
    {
        Options = options ?? new AdamOptions();
        FirstMoment = new float[parameterCount];
        SecondMoment = new float[parameterCount];
    }

    public AdamOptions Options { get; }
    public float[] FirstMoment { get; }
    public float[] SecondMoment { get; }
    /// <summary>Number of steps taken.</summary>
    public long Step { get; set; }

    /// <summary>
    /// One update θ ← θ - lr · m̂ / (√v̂ + ε). Returns the gradient's global norm before clipping.
    /// The gradient buffer is scaled in place when clipped.
    /// </summary>
    public float Update(Span<float> parameters, Span<float> gradient, float learningRate)
    {
        if (parameters.Length != FirstMoment.Length || gradient.Length != FirstMoment.Length)
            throw new ArgumentException($"Adam was built for {FirstMoment.Length} parameters.");
        double norm = GlobalNorm(gradient);
        if (Options.MaxGradientNorm is float max && norm > max)
            TensorPrimitives.Multiply(gradient, (float)(max / norm), gradient);
        Step++;
        var o = Options;
        float c1 = 1f / (1f - MathF.Pow(o.Beta1, Step)), c2 = 1f / (1f - MathF.Pow(o.Beta2, Step));
        var m = FirstMoment.AsSpan();
        var v = SecondMoment.AsSpan();
        // Vectors and the scalar tail apply the same operations in the same order: every lane rounds as the scalar would.
        int i = 0;
        var (b1, b2, a1, a2) = (new Vector<float>(o.Beta1), new Vector<float>(o.Beta2), new Vector<float>(1 - o.Beta1), new Vector<float>(1 - o.Beta2));
        var (vc1, vc2, lr, eps) = (new Vector<float>(c1), new Vector<float>(c2), new Vector<float>(learningRate), new Vector<float>(o.Epsilon));
        for (; i + Vector<float>.Count <= parameters.Length; i += Vector<float>.Count)
        {
            var g = new Vector<float>(gradient[i..]);
            var mi = b1 * new Vector<float>(m[i..]) + a1 * g;
            var vi = b2 * new Vector<float>(v[i..]) + a2 * g * g;
            mi.CopyTo(m[i..]);
            vi.CopyTo(v[i..]);
            (new Vector<float>(parameters[i..]) - lr * (mi * vc1) / (Vector.SquareRoot(vi * vc2) + eps)).CopyTo(parameters[i..]);
        }
        for (; i < parameters.Length; i++)
        {
            float g = gradient[i];
            m[i] = o.Beta1 * m[i] + (1 - o.Beta1) * g;
            v[i] = o.Beta2 * v[i] + (1 - o.Beta2) * g * g;
            parameters[i] -= learningRate * (m[i] * c1) / (MathF.Sqrt(v[i] * c2) + o.Epsilon);
        }
        return (float)norm;
    }

    /// <summary>
    /// The global norm, accumulated in double: in float32 the sum of squares overflows once the norm passes
    /// about 1.8e19, and clipping would then scale a finite gradient by max/∞ = 0 instead of down to max.
    /// </summary>
    private static double GlobalNorm(ReadOnlySpan<float> gradient)
    {
        var lanes = Vector<double>.Zero;
        int i = 0;
        for (; i + Vector<float>.Count <= gradient.Length; i += Vector<float>.Count)
        {
            Vector.Widen(new Vector<float>(gradient[i..]), out var low, out var high);
            lanes += low * low + high * high;
        }
        double sum = Vector.Sum(lanes);
        for (; i < gradient.Length; i++) sum += (double)gradient[i] * gradient[i];
        return Math.Sqrt(sum);
    }
}
