namespace BoltzDrift.Energies.Generic;

/// <summary>
/// An <see cref="IEnergyFunction"/> that also evaluates whole float32 batches itself, faster than point by
/// point; <see cref="GenericEnergy{TFunction}"/> then routes its batched path here. The energies must be
/// those of <c>Evaluate&lt;Real&lt;double&gt;&gt;</c> rounded to float, up to documented last-bit differences.
/// </summary>
internal interface IBatchedEnergyFunction
{
    /// <summary>Energies of the rows of <paramref name="points"/> ([n, d], row-major), one per row; thread-safe.</summary>
    void EvaluateBatch(ReadOnlySpan<float> points, Span<float> energies);
}
