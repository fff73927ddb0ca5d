using System.Numerics.Tensors;

namespace BoltzDrift.Engine;

/// <summary>
/// The forward epilogue of a layer: z = (product) + bias, then for a hidden layer a = act(z) in place and act'(z)
/// into <paramref name="derivatives"/> (same layout as the output) for back-propagation, unless that is empty
/// (a forward-only pass).
/// </summary>
internal sealed class BiasActivationEpilogue(float[] parameters, int biasOffset, ActivationKind? activation, float[] derivatives) : IRowEpilogue
{
    public void Apply(Span<float> rows, int firstRow, int rowCount, int columns)
    {
        Kernels.AddRowVector(rows, parameters.AsSpan(biasOffset, columns), rowCount, columns);
        if (activation is not { } kind) return;
        if (derivatives.Length == 0) Activation.Apply(kind, rows);
        else Activation.Forward(kind, rows, rows, derivatives.AsSpan(firstRow * columns, rowCount * columns));
    }
}

/// <summary>
/// The backward epilogue of a hidden layer: dL/dz = dL/da ⊙ act'(z), with act'(z) as the forward epilogue kept it.
/// </summary>
internal sealed class DerivativeEpilogue(float[] derivatives) : IRowEpilogue
{
    public void Apply(Span<float> rows, int firstRow, int rowCount, int columns) =>
        TensorPrimitives.Multiply(rows, derivatives.AsSpan(firstRow * columns, rowCount * columns), rows);
}
