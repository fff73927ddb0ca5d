using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BoltzDrift.Engine;

namespace BoltzDrift.Energies;

/// <summary>
/// The float32 SIMD kernel behind <see cref="GaussianMixtureEnergy"/>'s batched energies, eight points per
/// 256-bit register. Each block of points is split into one register per coordinate (a shuffle for the
/// common d = 2, a small transpose otherwise); the K logits, their maximum, the K exponentials and one
/// logarithm (the engine's float32 polynomials, <see cref="SimdMath"/>) are then computed lane-wise.
/// </summary>
internal static class GaussianMixtureKernel
{
    private const int Width = 8; // Vector256<float>.Count

    /// <summary>Whether <see cref="EvaluateBlocks"/> runs in hardware; otherwise callers use scalar code.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Energies -log Σ_k exp(logCoefficients_k - halfPrecision |x - μ_k|²) of the leading whole blocks of
    /// eight points; returns how many points it did (the caller finishes the rest).
    /// </summary>
    public static int EvaluateBlocks(ReadOnlySpan<float> points, Span<float> energies, int dimension,
        ReadOnlySpan<float> means, ReadOnlySpan<float> logCoefficients, float halfPrecision)
    {
        int blocks = energies.Length / Width;
        Span<Vector256<float>> logits = logCoefficients.Length <= 128
            ? stackalloc Vector256<float>[logCoefficients.Length]
            : new Vector256<float>[logCoefficients.Length];
        if (dimension == 2)
            EvaluatePlanarBlocks(points, energies, blocks, means, logCoefficients, halfPrecision, logits);
        else
            EvaluateGeneralBlocks(points, energies, blocks, dimension, means, logCoefficients, halfPrecision, logits);
        return blocks * Width;
    }

    /// <summary>d = 2, the common case: de-interleaving is two shuffles and the distance loop unrolls.</summary>
    private static void EvaluatePlanarBlocks(ReadOnlySpan<float> points, Span<float> energies, int blocks,
        ReadOnlySpan<float> means, ReadOnlySpan<float> logCoefficients, float halfPrecision, Span<Vector256<float>> logits)
    {
        var half = Vector256.Create(halfPrecision);
        var evenThenOdd = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        ref float source = ref MemoryMarshal.GetReference(points);
        for (int block = 0; block < blocks; block++)
        {
            int first = block * Width;
            // (x0 y0 x1 y1 x2 y2 x3 y3) becomes (x0 x1 x2 x3 y0 y1 y2 y3), likewise for points 4-7;
            // the lower halves then hold the x's, the upper halves the y's.
            var low = Vector256.Shuffle(Vector256.LoadUnsafe(ref source, (nuint)(2 * first)), evenThenOdd);
            var high = Vector256.Shuffle(Vector256.LoadUnsafe(ref source, (nuint)(2 * first + Width)), evenThenOdd);
            var x = Vector256.Create(low.GetLower(), high.GetLower());
            var y = Vector256.Create(low.GetUpper(), high.GetUpper());
            for (int c = 0; c < logits.Length; c++)
            {
                var dx = x - Vector256.Create(means[2 * c]);
                var dy = y - Vector256.Create(means[2 * c + 1]);
                logits[c] = Vector256.Create(logCoefficients[c]) - Vector256.MultiplyAddEstimate(dx, dx, dy * dy) * half;
            }
            NegativeLogSumExp(logits).StoreUnsafe(ref MemoryMarshal.GetReference(energies), (nuint)first);
        }
    }

    /// <summary>Any d: each block is transposed through a small scratch buffer.</summary>
    private static void EvaluateGeneralBlocks(ReadOnlySpan<float> points, Span<float> energies, int blocks, int d,
        ReadOnlySpan<float> means, ReadOnlySpan<float> logCoefficients, float halfPrecision, Span<Vector256<float>> logits)
    {
        var half = Vector256.Create(halfPrecision);
        Span<Vector256<float>> coordinates = d <= 64 ? stackalloc Vector256<float>[d] : new Vector256<float>[d];
        Span<float> scratch = d <= 64 ? stackalloc float[d * Width] : new float[d * Width];
        for (int block = 0; block < blocks; block++)
        {
            int first = block * Width;
            var rows = points.Slice(first * d, Width * d);
            for (int i = 0; i < Width; i++)
                for (int j = 0; j < d; j++)
                    scratch[j * Width + i] = rows[i * d + j];
            for (int j = 0; j < d; j++) coordinates[j] = Vector256.Create<float>(scratch.Slice(j * Width, Width));

            for (int c = 0; c < logits.Length; c++)
            {
                var squared = Vector256<float>.Zero;
                for (int j = 0; j < d; j++)
                {
                    var difference = coordinates[j] - Vector256.Create(means[c * d + j]);
                    squared = Vector256.MultiplyAddEstimate(difference, difference, squared);
                }
                logits[c] = Vector256.Create(logCoefficients[c]) - squared * half;
            }
            NegativeLogSumExp(logits).StoreUnsafe(ref MemoryMarshal.GetReference(energies), (nuint)first);
        }
    }

    /// <summary>
    /// -log Σ_k exp(logits_k), lane-wise, with the maximum subtracted. The maximum is seeded with the first
    /// logit so that a NaN point (all logits NaN) keeps a NaN maximum; where every logit is -∞ (a point
    /// infinitely far from every mode) the energy is +∞ rather than the NaN of -∞ - (-∞).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> NegativeLogSumExp(ReadOnlySpan<Vector256<float>> logits)
    {
        var max = logits[0];
        for (int c = 1; c < logits.Length; c++) max = Vector256.Max(max, logits[c]);
        var sum = Vector256<float>.Zero;
        for (int c = 0; c < logits.Length; c++) sum += SimdMath.Exp(new Simd256(logits[c] - max)).Vector;
        var energy = -(max + SimdMath.Log(new Simd256(sum)).Vector); // sum ≥ 1 (NaN lanes: NaN max)
        return Vector256.ConditionalSelect(Vector256.Equals(max, Vector256.Create(float.NegativeInfinity)),
            Vector256.Create(float.PositiveInfinity), energy);
    }
}
