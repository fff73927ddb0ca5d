using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BoltzDrift.Engine;

namespace BoltzDrift.Energies;

/// <summary>
/// The float32 SIMD kernel behind <see cref="GaussianMixtureEnergy"/>'s batched energies, one point per register
/// lane, at the engine's register width (<see cref="Kernels.EffectiveWidth"/>: 16 points per 512-bit register).
/// Each block of points is split into one register per coordinate (a de-interleaving load for the common d = 2, a
/// small transpose otherwise); the K logits, their maximum, the K exponentials and one logarithm (the engine's
/// float32 polynomials, <see cref="SimdMath"/>) are then computed lane-wise.
/// </summary>
internal static class GaussianMixtureKernel
{
    /// <summary>Whether <see cref="EvaluateBlocks"/> runs in hardware; otherwise callers use scalar code.</summary>
    public static bool IsAccelerated => Vector128.IsHardwareAccelerated;

    /// <summary>
    /// Energies -log Σ_k exp(logCoefficients_k - halfPrecision |x - μ_k|²) of the leading whole blocks of
    /// one register's worth of points; returns how many points it did (the caller finishes the rest).
    /// </summary>
    public static int EvaluateBlocks(ReadOnlySpan<float> points, Span<float> energies, int dimension,
        ReadOnlySpan<float> means, ReadOnlySpan<float> logCoefficients, float halfPrecision) => Kernels.EffectiveWidth switch
    {
        SimdWidth.Bits512 => EvaluateBlocks<Simd512>(points, energies, dimension, means, logCoefficients, halfPrecision),
        SimdWidth.Bits256 => EvaluateBlocks<Simd256>(points, energies, dimension, means, logCoefficients, halfPrecision),
        _ => EvaluateBlocks<Simd128>(points, energies, dimension, means, logCoefficients, halfPrecision),
    };

    private static int EvaluateBlocks<T>(ReadOnlySpan<float> points, Span<float> energies, int d,
        ReadOnlySpan<float> means, ReadOnlySpan<float> logCoefficients, float halfPrecision) where T : unmanaged, ISimdFloat<T>
    {
        int width = T.Count, blocks = energies.Length / width;
        Span<T> logits = logCoefficients.Length <= 64 ? stackalloc T[logCoefficients.Length] : new T[logCoefficients.Length];
        Span<T> coordinates = d <= 64 ? stackalloc T[d] : new T[d];
        Span<float> scratch = d <= 64 ? stackalloc float[d * width] : new float[d * width];
        var half = T.Broadcast(halfPrecision);
        ref float source = ref MemoryMarshal.GetReference(points);
        for (int block = 0; block < blocks; block++)
        {
            int first = block * width;
            if (d == 2)
                coordinates[0] = T.LoadDeinterleaved(ref source, (nuint)(2 * first), out coordinates[1]);
            else
            {
                // Any other d: the block is transposed through a small scratch buffer.
                var rows = points.Slice(first * d, width * d);
                for (int i = 0; i < width; i++)
                    for (int j = 0; j < d; j++)
                        scratch[j * width + i] = rows[i * d + j];
                for (int j = 0; j < d; j++) coordinates[j] = T.Load(ref scratch[j * width], 0);
            }
            for (int c = 0; c < logits.Length; c++)
            {
                var squared = T.Zero;
                for (int j = 0; j < d; j++)
                {
                    var difference = T.Subtract(coordinates[j], T.Broadcast(means[c * d + j]));
                    squared = T.MultiplyAdd(difference, difference, squared);
                }
                logits[c] = T.Subtract(T.Broadcast(logCoefficients[c]), T.Multiply(squared, half));
            }
            T.Store(NegativeLogSumExp(logits), ref MemoryMarshal.GetReference(energies), (nuint)first);
        }
        return blocks * width;
    }

    /// <summary>
    /// -log Σ_k exp(logits_k), lane-wise, with the maximum subtracted. The maximum is seeded with the first
    /// logit and only replaced by a larger one, so that a NaN point (all logits NaN) keeps a NaN maximum; where every
    /// logit is -∞ (a point infinitely far from every mode) the energy is +∞ rather than the NaN of -∞ - (-∞).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T NegativeLogSumExp<T>(ReadOnlySpan<T> logits) where T : unmanaged, ISimdFloat<T>
    {
        var max = logits[0];
        for (int c = 1; c < logits.Length; c++) max = T.Select(T.LessThan(max, logits[c]), logits[c], max);
        var sum = T.Zero;
        for (int c = 0; c < logits.Length; c++) sum = T.Add(sum, SimdMath.Exp(T.Subtract(logits[c], max)));
        var energy = T.Subtract(T.Zero, T.Add(max, SimdMath.Log(sum))); // sum ≥ 1 (NaN lanes: NaN max)
        return T.Select(T.LessThan(max, T.Broadcast(float.MinValue)), T.Broadcast(float.PositiveInfinity), energy);
    }
}
