namespace BoltzDrift.Energies.Generic;

/// <summary>
/// An energy function that can give its part on a block of coordinates, so that <see cref="GenericEnergy{TFunction}"/>
/// answers <see cref="Energy.BlockEnergy"/> for it (energy expressions do, from their terms).
/// </summary>
public interface IBlockSeparableFunction
{
    /// <summary>See <see cref="Energy.BlockEnergy"/>.</summary>
    Energy? BlockEnergy(IReadOnlyList<int> block);
}
