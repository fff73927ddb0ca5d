using System.Numerics;
using System.Runtime.CompilerServices;

namespace BoltzDrift.Numerics;

/// <summary>
/// A small, fast, reproducible random number generator (xoshiro256**, seeded through SplitMix64).
/// Unlike <see cref="System.Random"/>, its stream is fixed by this code, so results do not change with
/// the runtime version. <see cref="Fork"/> derives independent streams for threads or purposes.
/// </summary>
public struct Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a generator from a seed and an optional stream number.</summary>
    public Rng(ulong seed, ulong stream = 0)
    {
        ulong sm = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        _s0 = SplitMix(ref sm); _s1 = SplitMix(ref sm); _s2 = SplitMix(ref sm); _s3 = SplitMix(ref sm);
        _spare = 0; _hasSpare = false;
    }

    /// <summary>An independent generator for sub-stream <paramref name="stream"/>, drawn from this one.</summary>
    public Rng Fork(ulong stream) => new(NextUInt64(), stream);

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    /// <summary>Standard normal variate (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare) { _hasSpare = false; return _spare; }
        double u, v, r;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            r = u * u + v * v;
        } while (r >= 1 || r == 0);
        double f = Math.Sqrt(-2 * Math.Log(r) / r);
        _spare = v * f; _hasSpare = true;
        return u * f;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal variates.</summary>
    public void FillGaussian(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = (float)NextGaussian();
    }

    /// <inheritdoc cref="FillGaussian(Span{float})"/>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextGaussian();
    }
}
