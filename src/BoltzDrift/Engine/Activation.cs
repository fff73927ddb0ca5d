using System.Numerics;
using System.Numerics.Tensors;

namespace BoltzDrift.Engine;

/// <summary>Hidden-layer nonlinearities of the generator.</summary>
public enum ActivationKind
{
    /// <summary>x·sigmoid(x): smooth, the default.</summary>
    SiLU,
    Tanh,
    ReLU,
}

/// <summary>Activations over whole spans, computing the value and its derivative in one pass.</summary>
public static class Activation
{
    /// <summary>
    /// a = act(z) and d = act'(z). The derivative is kept from the forward pass so that
    /// back-propagation is a single multiply, with no exponentials recomputed.
    /// </summary>
    public static void Forward(ActivationKind kind, ReadOnlySpan<float> z, Span<float> a, Span<float> d)
    {
        switch (kind)
        {
            case ActivationKind.SiLU:
                // s = sigmoid(z); a = z s; silu'(z) = s (1 + z (1 - s)) = s + a - a s.
                TensorPrimitives.Sigmoid(z, d);
                TensorPrimitives.Multiply(z, d, a);
                SiLUDerivativeFromSigmoid(a, d);
                break;
            case ActivationKind.Tanh:
                TensorPrimitives.Tanh(z, a);
                TensorPrimitives.Multiply(a, a, d);
                TensorPrimitives.Subtract(1f, d, d);
                break;
            case ActivationKind.ReLU:
                TensorPrimitives.Max(z, 0f, a);
                for (int i = 0; i < z.Length; i++) d[i] = z[i] > 0 ? 1f : 0f;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>
    /// values ← act(values), bitwise the value <see cref="Forward"/> computes, without the derivative (inference).
    /// </summary>
    public static void Apply(ActivationKind kind, Span<float> values)
    {
        switch (kind)
        {
            case ActivationKind.SiLU:
                var sigmoid = (t_scratch is { } buffer && buffer.Length >= values.Length ? buffer : t_scratch = new float[values.Length]).AsSpan(0, values.Length);
                TensorPrimitives.Sigmoid(values, sigmoid);
                TensorPrimitives.Multiply(values, sigmoid, values);
                break;
            case ActivationKind.Tanh:
                TensorPrimitives.Tanh(values, values);
                break;
            case ActivationKind.ReLU:
                TensorPrimitives.Max(values, 0f, values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Per-thread room for SiLU's sigmoid in <see cref="Apply"/>.</summary>
    [ThreadStatic] private static float[]? t_scratch;

    /// <summary>d ← d + a (1 - d), turning d = sigmoid(z) into silu'(z) given a = silu(z); vectorised, as it runs on every hidden value.</summary>
    private static void SiLUDerivativeFromSigmoid(ReadOnlySpan<float> a, Span<float> d)
    {
        int i = 0;
        var one = Vector<float>.One;
        for (; i + Vector<float>.Count <= d.Length; i += Vector<float>.Count)
        {
            var s = new Vector<float>(d[i..]);
            Vector.FusedMultiplyAdd(new Vector<float>(a[i..]), one - s, s).CopyTo(d[i..]);
        }
        for (; i < d.Length; i++) d[i] = MathF.FusedMultiplyAdd(a[i], 1f - d[i], d[i]);
    }
}
