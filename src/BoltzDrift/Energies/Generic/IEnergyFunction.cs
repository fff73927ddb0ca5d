namespace BoltzDrift.Energies.Generic;

/// <summary>
/// An energy written once over any <see cref="IScalar{TSelf}"/> number type. Evaluated with
/// <see cref="Real{TFloat}"/> it gives energies, with <see cref="Dual"/> exact gradients and with
/// <see cref="HyperDual"/> exact Hessians; <see cref="GenericEnergy{TFunction}"/> turns it into an
/// <see cref="Energy"/>. Implementations must be thread-safe: training evaluates points in parallel.
/// </summary>
public interface IEnergyFunction
{
    /// <summary>Dimension d of the points the function takes.</summary>
    int Dimension { get; }

    /// <summary>E(x) for a point of <see cref="Dimension"/> coordinates.</summary>
    T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>;
}
