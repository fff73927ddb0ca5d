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
                for (int i = 0; i < d.Length; i++) d[i] += a[i] * (1f - d[i]);
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
}
