using BoltzDrift.Energies;

namespace BoltzDrift.Training.Pilot;

/// <summary>
/// The automatic configuration of a run: the pilot measures the energy (<see cref="EnergyPilot"/>), the rules
/// derive settings from it (<see cref="SettingsRules"/>), and the importance-sampling effective sample size is
/// probed at the derived bandwidths to set the proposal counts. The same path for every energy.
/// </summary>
public static class AutoSettings
{
    /// <summary>
    /// The derived configuration for <paramref name="target"/> on top of <paramref name="general"/> (null: the
    /// general defaults, named after the target). An energy the pilot finds invariant under translations of its
    /// particles gets the centre-of-mass projection (<see cref="TrainingConfig.CentredParticles"/>).
    /// </summary>
    public static TrainingConfig For(Target target, ulong seed = 0, TrainingConfig? general = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        general ??= new TrainingConfig { Target = target.Name };
        var (pilot, findings) = EnergyPilot.Measure(target.Energy, seed);
        var bandwidths = SettingsRules.Bandwidths(findings);
        var ess = pilot.EffectiveSampleSizes(bandwidths, SettingsRules.Blocks(findings));
        var counts = pilot.Counts;
        findings = findings with
        {
            EffectiveSampleSizes = ess,
            EnergyEvaluations = counts.Energy,
            GradientEvaluations = counts.Gradient + counts.Hessian,
        };
        var config = SettingsRules.Apply(general, findings);
        return config with
        {
            CentredParticles = findings.TranslationInvariantSpatialDimension is int spatial ? new(target.Dimension / spatial, spatial) : null,
        };
    }
}
