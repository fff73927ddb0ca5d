using System.Diagnostics;
using System.Runtime.Intrinsics;
using BoltzDrift.Engine;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// The machine's FP32 peak, measured rather than looked up: every thread runs independent chains of fused
/// multiply-adds on the widest accelerated registers, enough chains to hide the FMA latency on every pipe, so the
/// rate is vector width × FMA pipes × 2 × clock × cores as this machine actually delivers it (turbo, sharing and all).
/// </summary>
public static class PeakFlops
{
    private const int Chains = 16;

    /// <summary>Register width in bits used for the measurement.</summary>
    public static int VectorBits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>
    /// Best of many short runs (about a quarter of a millisecond each), in GFLOP/s, with <paramref name="threads"/>
    /// threads at once: on a shared machine a long run is always interrupted, a short one often is not.
    /// </summary>
    public static double Measure(int threads, int repeats = 400)
    {
        double best = 0;
        for (int r = 0; r < repeats; r++)
        {
            const long iterations = 100_000;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Sink = Chain(iterations));
            double flops = threads * iterations * Chains * 2.0 * (VectorBits / 32);
            best = Math.Max(best, flops / clock.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    /// <summary>Keeps the result observable so the loop is not removed.</summary>
    public static float Sink;

    private static float Chain(long iterations) => VectorBits switch
    {
        512 => Run<Simd512>(iterations),
        256 => Run<Simd256>(iterations),
        _ => Run<Simd128>(iterations),
    };

    private static float Run<TV>(long iterations) where TV : struct, ISimdFloat<TV>
    {
        // x ← x/2 + 1 converges to 2: the values stay normal (no overflow or denormal assists).
        TV half = TV.Broadcast(0.5f), one = TV.Broadcast(1f), x0 = one, x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
        TV x8 = x0, x9 = x0, x10 = x0, x11 = x0, x12 = x0, x13 = x0, x14 = x0, x15 = x0;
        for (long i = 0; i < iterations; i++)
        {
            x0 = TV.MultiplyAdd(x0, half, one); x1 = TV.MultiplyAdd(x1, half, one); x2 = TV.MultiplyAdd(x2, half, one); x3 = TV.MultiplyAdd(x3, half, one);
            x4 = TV.MultiplyAdd(x4, half, one); x5 = TV.MultiplyAdd(x5, half, one); x6 = TV.MultiplyAdd(x6, half, one); x7 = TV.MultiplyAdd(x7, half, one);
            x8 = TV.MultiplyAdd(x8, half, one); x9 = TV.MultiplyAdd(x9, half, one); x10 = TV.MultiplyAdd(x10, half, one); x11 = TV.MultiplyAdd(x11, half, one);
            x12 = TV.MultiplyAdd(x12, half, one); x13 = TV.MultiplyAdd(x13, half, one); x14 = TV.MultiplyAdd(x14, half, one); x15 = TV.MultiplyAdd(x15, half, one);
        }
        TV sum = TV.Add(TV.Add(TV.Add(TV.Add(x0, x1), TV.Add(x2, x3)), TV.Add(TV.Add(x4, x5), TV.Add(x6, x7))),
                        TV.Add(TV.Add(TV.Add(x8, x9), TV.Add(x10, x11)), TV.Add(TV.Add(x12, x13), TV.Add(x14, x15))));
        Span<float> lanes = stackalloc float[TV.Count];
        TV.Store(sum, ref lanes[0], 0);
        return lanes[0];
    }
}
