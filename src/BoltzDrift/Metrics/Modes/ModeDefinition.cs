using BoltzDrift.Energies;

namespace BoltzDrift.Metrics.Modes;

/// <summary>The modes of a target: how to assign a point to one, and their exact weights.</summary>
/// <param name="Assign">Point → mode index (or -1).</param>
/// <param name="ExactWeights">Exact probability of each mode under the target; their count is K.</param>
/// <param name="Description">How the modes are defined, for reports.</param>
public sealed record ModeDefinition(ModeAssigner Assign, double[] ExactWeights, string Description)
{
    /// <summary>
    /// The modes of a target where they are known: the components of a Gaussian mixture (highest
    /// weighted density, exact weights = mixture weights), or the two wells of the double well (sign of
    /// x1, exact weights 1 - 0.844307 and 0.844307). Null otherwise.
    /// </summary>
    public static ModeDefinition? ForTarget(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Energy switch
        {
            GaussianMixtureEnergy mixture => new ModeDefinition(
                ModeAssigners.HighestDensity(mixture), mixture.Weights.ToArray(),
                $"{mixture.ComponentCount} mixture components, highest weighted density"),
            DoubleWellEnergy => new ModeDefinition(
                ModeAssigners.SignPattern(0), [1 - DoubleWellEnergy.RightWellProbability, DoubleWellEnergy.RightWellProbability],
                "two wells, sign of x1"),
            _ => null,
        };
    }
}
