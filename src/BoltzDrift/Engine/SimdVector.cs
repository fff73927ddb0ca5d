using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BoltzDrift.Engine;

/// <summary>
/// The few SIMD operations the kernels need, over one register width. The kernels are written once,
/// generic over this interface, and instantiated for 512-, 256- and 128-bit registers; the JIT
/// specialises each instantiation, so the wrappers cost nothing. (The runtime's own ISimdVector is
/// not public, hence this small interface.)
/// </summary>
internal interface ISimdFloat<TSelf> where TSelf : struct, ISimdFloat<TSelf>
{
    static abstract int Count { get; }
    static abstract bool IsAccelerated { get; }
    static abstract TSelf Zero { get; }
    static abstract TSelf Broadcast(float value);
    static abstract TSelf Load(ref float source, nuint offset);
    static abstract void Store(TSelf value, ref float destination, nuint offset);
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf addend);
    static abstract TSelf Add(TSelf a, TSelf b);
    static abstract float Sum(TSelf value);
    static abstract TSelf Subtract(TSelf a, TSelf b);
    static abstract TSelf Multiply(TSelf a, TSelf b);
    static abstract TSelf Divide(TSelf a, TSelf b);
    static abstract TSelf Sqrt(TSelf value);
    /// <summary>Rounds to the nearest integer, ties to even.</summary>
    static abstract TSelf Round(TSelf value);
    /// <summary>All bits set in the lanes where a &lt; b (false for NaN), clear elsewhere.</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);
    /// <summary>Lane-wise mask ? a : b.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);
    /// <summary>The smallest lane (for lanes free of NaN).</summary>
    static abstract float Min(TSelf value);
    /// <summary>
    /// value · 2^n for integral n where the result is a normal float (the exponent field is added to). Lanes where n
    /// is not a representable integer (±∞, NaN, beyond ±2³¹) get whatever the platform's conversion gives: callers
    /// replace them.
    /// </summary>
    static abstract TSelf ScaleByPowerOfTwo(TSelf value, TSelf n);
    /// <summary>For a positive normal x = m · 2^e with m in [1, 2): returns e and writes m.</summary>
    static abstract TSelf Exponent(TSelf x, out TSelf mantissa);
    /// <summary>Loads 2 · Count values and splits them: returns values 0, 2, 4, ... and writes 1, 3, 5, ... (x and y of planar points).</summary>
    static abstract TSelf LoadDeinterleaved(ref float source, nuint offset, out TSelf odd);
}

internal readonly struct Simd512(Vector512<float> v) : ISimdFloat<Simd512>
{
    private readonly Vector512<float> _v = v;
    public static int Count => Vector512<float>.Count;
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;
    public static Simd512 Zero => new(Vector512<float>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Broadcast(float value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Load(ref float source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Simd512 value, ref float destination, nuint offset) => value._v.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 MultiplyAdd(Simd512 a, Simd512 b, Simd512 addend) => new(Vector512.FusedMultiplyAdd(a._v, b._v, addend._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Add(Simd512 a, Simd512 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Simd512 value) => Vector512.Sum(value._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Subtract(Simd512 a, Simd512 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Multiply(Simd512 a, Simd512 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Divide(Simd512 a, Simd512 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Sqrt(Simd512 value) => new(Vector512.Sqrt(value._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Round(Simd512 value) => new(Vector512.Round(value._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 LessThan(Simd512 a, Simd512 b) => new(Vector512.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Select(Simd512 mask, Simd512 a, Simd512 b) => new(Vector512.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Min(Simd512 value) => Lanes.Min(value._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 ScaleByPowerOfTwo(Simd512 value, Simd512 n) =>
        new((value._v.AsInt32() + Vector512.ShiftLeft(Vector512.ConvertToInt32Native(n._v), 23)).AsSingle());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 LoadDeinterleaved(ref float source, nuint offset, out Simd512 odd)
    {
        var low = Simd256.LoadDeinterleaved(ref source, offset, out var lowOdd);
        var high = Simd256.LoadDeinterleaved(ref source, offset + 16, out var highOdd);
        odd = new(Vector512.Create(lowOdd.Vector, highOdd.Vector));
        return new(Vector512.Create(low.Vector, high.Vector));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Exponent(Simd512 x, out Simd512 mantissa)
    {
        var bits = x._v.AsInt32();
        mantissa = new(((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle());
        return new(Vector512.ConvertToSingle(Vector512.ShiftRightLogical(bits, 23) - Vector512.Create(127)));
    }
}

internal readonly struct Simd256(Vector256<float> v) : ISimdFloat<Simd256>
{
    private readonly Vector256<float> _v = v;
    /// <summary>The register, for kernels written directly on <see cref="Vector256{T}"/>.</summary>
    public Vector256<float> Vector => _v;
    public static int Count => Vector256<float>.Count;
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;
    public static Simd256 Zero => new(Vector256<float>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Broadcast(float value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Load(ref float source, nuint offset) => new(Vector256.LoadUnsafe(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Simd256 value, ref float destination, nuint offset) => value._v.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 MultiplyAdd(Simd256 a, Simd256 b, Simd256 addend) => new(Vector256.FusedMultiplyAdd(a._v, b._v, addend._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Add(Simd256 a, Simd256 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Simd256 value) => Vector256.Sum(value._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Subtract(Simd256 a, Simd256 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Multiply(Simd256 a, Simd256 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Divide(Simd256 a, Simd256 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Sqrt(Simd256 value) => new(Vector256.Sqrt(value._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Round(Simd256 value) => new(Vector256.Round(value._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 LessThan(Simd256 a, Simd256 b) => new(Vector256.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Select(Simd256 mask, Simd256 a, Simd256 b) => new(Vector256.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Min(Simd256 value) => Lanes.Min(value._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 ScaleByPowerOfTwo(Simd256 value, Simd256 n) =>
        new((value._v.AsInt32() + Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n._v), 23)).AsSingle());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 LoadDeinterleaved(ref float source, nuint offset, out Simd256 odd)
    {
        // (x0 y0 x1 y1 x2 y2 x3 y3) becomes (x0 x1 x2 x3 y0 y1 y2 y3), likewise the next four points; the lower
        // halves then hold the x's, the upper halves the y's.
        var evenThenOdd = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        var low = Vector256.Shuffle(Vector256.LoadUnsafe(ref source, offset), evenThenOdd);
        var high = Vector256.Shuffle(Vector256.LoadUnsafe(ref source, offset + 8), evenThenOdd);
        odd = new(Vector256.Create(low.GetUpper(), high.GetUpper()));
        return new(Vector256.Create(low.GetLower(), high.GetLower()));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Exponent(Simd256 x, out Simd256 mantissa)
    {
        var bits = x._v.AsInt32();
        mantissa = new(((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle());
        return new(Vector256.ConvertToSingle(Vector256.ShiftRightLogical(bits, 23) - Vector256.Create(127)));
    }
}

internal readonly struct Simd128(Vector128<float> v) : ISimdFloat<Simd128>
{
    private readonly Vector128<float> _v = v;
    public static int Count => Vector128<float>.Count;
    public static bool IsAccelerated => Vector128.IsHardwareAccelerated;
    public static Simd128 Zero => new(Vector128<float>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Broadcast(float value) => new(Vector128.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Load(ref float source, nuint offset) => new(Vector128.LoadUnsafe(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Simd128 value, ref float destination, nuint offset) => value._v.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 MultiplyAdd(Simd128 a, Simd128 b, Simd128 addend) => new(Vector128.FusedMultiplyAdd(a._v, b._v, addend._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Add(Simd128 a, Simd128 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Simd128 value) => Vector128.Sum(value._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Subtract(Simd128 a, Simd128 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Multiply(Simd128 a, Simd128 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Divide(Simd128 a, Simd128 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Sqrt(Simd128 value) => new(Vector128.Sqrt(value._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Round(Simd128 value) => new(Vector128.Round(value._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 LessThan(Simd128 a, Simd128 b) => new(Vector128.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Select(Simd128 mask, Simd128 a, Simd128 b) => new(Vector128.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Min(Simd128 value) => Lanes.Min(value._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 ScaleByPowerOfTwo(Simd128 value, Simd128 n) =>
        new((value._v.AsInt32() + Vector128.ShiftLeft(Vector128.ConvertToInt32Native(n._v), 23)).AsSingle());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 LoadDeinterleaved(ref float source, nuint offset, out Simd128 odd)
    {
        var evenThenOdd = Vector128.Create(0, 2, 1, 3);
        var low = Vector128.Shuffle(Vector128.LoadUnsafe(ref source, offset), evenThenOdd);
        var high = Vector128.Shuffle(Vector128.LoadUnsafe(ref source, offset + 4), evenThenOdd);
        odd = new(Vector128.Create(low.GetUpper(), high.GetUpper()));
        return new(Vector128.Create(low.GetLower(), high.GetLower()));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Exponent(Simd128 x, out Simd128 mantissa)
    {
        var bits = x._v.AsInt32();
        mantissa = new(((bits & Vector128.Create(0x007FFFFF)) | Vector128.Create(0x3F800000)).AsSingle());
        return new(Vector128.ConvertToSingle(Vector128.ShiftRightLogical(bits, 23) - Vector128.Create(127)));
    }
}

/// <summary>Horizontal minimum, halving the register until one lane is left.</summary>
internal static class Lanes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Min(Vector512<float> v) => Min(Vector256.Min(v.GetLower(), v.GetUpper()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Min(Vector256<float> v) => Min(Vector128.Min(v.GetLower(), v.GetUpper()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(Vector128<float> v)
    {
        v = Vector128.Min(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        return Math.Min(v.ToScalar(), v.GetElement(1));
    }
}

/// <summary>Which register width the kernels use on this machine.</summary>
public enum SimdWidth
{
    /// <summary>Pick the widest accelerated width.</summary>
    Auto = 0,
    Bits128 = 128,
    Bits256 = 256,
    Bits512 = 512,
}
