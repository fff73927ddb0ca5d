using BoltzDrift.Engine;
using BoltzDrift.Numerics;

namespace BoltzDrift.Benchmarks;

/// <summary>One matrix product as training or sampling runs it: C[M×N] = op(A)[M×K] op(B)[K×N].</summary>
public sealed record GemmShape(string Product, int Batch, int Width, int M, int K, int N, Transposed Transposed) : IFlopCount
{
    public double Flops => 2.0 * M * K * N;

    /// <summary>
    /// The three products of a width × width hidden layer over a batch: forward z = a·W, backward dL/da = g·Wt and
    /// dL/dW = at·g (t: transposed); for batch 1,024 and 4,096 (training and sampling batches) and widths 128 and 256.
    /// </summary>
    public static IEnumerable<GemmShape> Training()
    {
        foreach (int batch in new[] { 1024, 4096 })
            foreach (int width in new[] { 128, 256 })
            {
                yield return new("a·W", batch, width, batch, width, width, Transposed.None);
                yield return new("g·Wt", batch, width, batch, width, width, Transposed.B);
                yield return new("at·g", batch, width, width, batch, width, Transposed.A);
            }
    }

    /// <summary>Short enough that BenchmarkDotNet's tables do not truncate it.</summary>
    public override string ToString() => $"{Product} {Batch}x{Width}";
}

/// <summary>Random operands for one <see cref="GemmShape"/>, and the two implementations that multiply them.</summary>
public sealed class GemmOperands
{
    private readonly GemmShape _shape;
    private readonly float[] _a, _b, _c;
    private readonly Parallelism _parallelism;

    public GemmOperands(GemmShape shape, int threads)
    {
        _shape = shape;
        var rng = new Rng(1);
        _a = new float[shape.M * shape.K];
        _b = new float[shape.K * shape.N];
        _c = new float[shape.M * shape.N];
        rng.FillGaussian(_a);
        rng.FillGaussian(_b);
        _parallelism = new Parallelism(threads);
        OpenBlas.SetThreads(threads);
    }

    public void Managed() =>
        Kernels.MatMul(_a, _b, _c, _shape.M, _shape.K, _shape.N, _shape.Transposed, parallelism: _parallelism);

    public void OpenBlasSgemm() =>
        OpenBlas.Sgemm(_a, _b, _c, _shape.M, _shape.K, _shape.N,
            _shape.Transposed.HasFlag(Transposed.A), _shape.Transposed.HasFlag(Transposed.B));
}
