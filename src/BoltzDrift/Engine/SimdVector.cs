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
}

internal readonly struct Simd256(Vector256<float> v) : ISimdFloat<Simd256>
{
    private readonly Vector256<float> _v = v;
    public static int Count => Vector256<float>.Count;
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;
    public static Simd256 Zero => new(Vector256<float>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Broadcast(float value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Load(ref float source, nuint offset) => new(Vector256.LoadUnsafe(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Simd256 value, ref float destination, nuint offset) => value._v.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 MultiplyAdd(Simd256 a, Simd256 b, Simd256 addend) => new(Vector256.FusedMultiplyAdd(a._v, b._v, addend._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Add(Simd256 a, Simd256 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Simd256 value) => Vector256.Sum(value._v);
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
