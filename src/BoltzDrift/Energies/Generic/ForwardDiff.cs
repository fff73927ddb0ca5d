using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BoltzDrift.Energies.Generic;

/// <summary>
/// Exact derivatives of an <see cref="IEnergyFunction"/> by forward-mode automatic differentiation.
/// The gradient takes ⌈d/4⌉ evaluations with <see cref="Dual"/> numbers, each seeding four coordinates;
/// the Hessian takes one <see cref="HyperDual"/> evaluation per pair of coordinate chunks,
/// ⌈d/4⌉(⌈d/4⌉+1)/2 in all (15 for d = 39). Seed buffers live on the stack up to 16 KiB and are rented
/// beyond, so nothing is allocated per call. All methods are thread-safe if the function is.
/// </summary>
public static class ForwardDiff
{
    private const int MaxStackBytes = 16 * 1024;
    private const int Lanes = Dual.Lanes;

    /// <summary>E(x) in double precision.</summary>
    public static double Value<TFunction>(TFunction function, ReadOnlySpan<double> point) where TFunction : IEnergyFunction
    {
        CheckPoint(function, point);
        // Real<double> is a one-field wrapper, so the doubles can be read in place.
        return function.Evaluate(MemoryMarshal.Cast<double, Real<double>>(point)).Value;
    }

    /// <summary>Writes ∇E(x) into the first d entries of <paramref name="gradient"/> and returns E(x).</summary>
    public static double Gradient<TFunction>(TFunction function, ReadOnlySpan<double> point, Span<double> gradient)
        where TFunction : IEnergyFunction
    {
        int d = CheckPoint(function, point);
        CheckOutput(gradient.Length, d, nameof(gradient));
        Dual[]? rented = null;
        Span<Dual> seeds = d * Unsafe.SizeOf<Dual>() <= MaxStackBytes
            ? stackalloc Dual[d]
            : (rented = ArrayPool<Dual>.Shared.Rent(d)).AsSpan(0, d);
        try
        {
            double value = double.NaN;
            Span<double> partials = stackalloc double[Lanes];
            for (int start = 0; start < d; start += Lanes)
            {
                for (int j = 0; j < d; j++) seeds[j] = new Dual(point[j], Dual.Unit(j - start));
                Dual result = function.Evaluate<Dual>(seeds);
                value = result.Value;
                result.CopyTangent(partials);
                partials[..Math.Min(Lanes, d - start)].CopyTo(gradient[start..]);
            }
            return value;
        }
        finally
        {
            if (rented is not null) ArrayPool<Dual>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes the Hessian of E at x, d×d row-major, into <paramref name="hessian"/> and returns E(x).
    /// The result is exactly symmetric: off-diagonal blocks are computed once and mirrored, diagonal blocks
    /// are averaged with their transpose (they can differ in the last bit through division).
    /// </summary>
    public static double Hessian<TFunction>(TFunction function, ReadOnlySpan<double> point, Span<double> hessian)
        where TFunction : IEnergyFunction
    {
        int d = CheckPoint(function, point);
        CheckOutput(hessian.Length, d * d, nameof(hessian));
        HyperDual[]? rented = null;
        Span<HyperDual> seeds = d * Unsafe.SizeOf<HyperDual>() <= MaxStackBytes
            ? stackalloc HyperDual[d]
            : (rented = ArrayPool<HyperDual>.Shared.Rent(d)).AsSpan(0, d);
        try
        {
            double value = double.NaN;
            Span<double> block = stackalloc double[Lanes * Lanes];
            for (int rowStart = 0; rowStart < d; rowStart += Lanes)
            {
                for (int columnStart = rowStart; columnStart < d; columnStart += Lanes)
                {
                    for (int k = 0; k < d; k++)
                        seeds[k] = HyperDual.Seeded(point[k], Dual.Unit(k - rowStart), Dual.Unit(k - columnStart));
                    HyperDual result = function.Evaluate<HyperDual>(seeds);
                    value = result.Value;
                    result.CopyCross(block);
                    StoreBlock(block, rowStart, columnStart, d, hessian);
                }
            }
            return value;
        }
        finally
        {
            if (rented is not null) ArrayPool<HyperDual>.Shared.Return(rented);
        }
    }

    private static void StoreBlock(ReadOnlySpan<double> block, int rowStart, int columnStart, int d, Span<double> hessian)
    {
        int rows = Math.Min(Lanes, d - rowStart), columns = Math.Min(Lanes, d - columnStart);
        bool diagonal = rowStart == columnStart;
        for (int p = 0; p < rows; p++)
        {
            for (int q = diagonal ? p : 0; q < columns; q++)
            {
                double h = block[p * Lanes + q];
                if (diagonal) h = 0.5 * (h + block[q * Lanes + p]);
                hessian[(rowStart + p) * d + columnStart + q] = h;
                hessian[(columnStart + q) * d + rowStart + p] = h;
            }
        }
    }

    private static int CheckPoint<TFunction>(TFunction function, ReadOnlySpan<double> point) where TFunction : IEnergyFunction
    {
        int d = function.Dimension;
        if (point.Length != d)
            throw new ArgumentException($"Expected a point of dimension {d}, got {point.Length} values.", nameof(point));
        return d;
    }

    private static void CheckOutput(int length, int needed, string name)
    {
        if (length < needed)
            throw new ArgumentException($"The output needs {needed} values, got room for {length}.", name);
    }
}
