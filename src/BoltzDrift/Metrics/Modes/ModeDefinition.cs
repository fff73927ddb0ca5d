using BoltzDrift.Energies;

namespace BoltzDrift.Metrics.Modes;

/// <summary>The modes of a target: how to assign a point to one, and their exact weights.</summary>
/// <param name="Assign">Point → mode index (or -1).</param>
/// <param name="ExactWeights">Exact probability of each mode under the target; their count is K.</param>
/// <param name="Description">How the modes are defined, for reports.</param>
public sealed record ModeDefinition(ModeAssigner Assign, double[] ExactWeights, string Description)
{
    /// <summary>
    /// The modes of a target where it defines them (<see cref="Target.Modes"/>: mixture components by
    /// highest weighted density, wells by sign, rings by radius, ...), with their exact weights; null otherwise.
    /// </summary>
    public static ModeDefinition? ForTarget(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Modes is { } modes
            ? new ModeDefinition(point => modes.Assign(point), modes.Weights(), $"{modes.Count} modes of {target.Name}")
            : null;
    }
}
