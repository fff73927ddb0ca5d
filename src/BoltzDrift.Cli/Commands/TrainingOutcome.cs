using System.Text.Json.Nodes;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

/// <summary>What a finished training run left: the target it trained on, the state, its last step's figures, the time it took and its health.</summary>
internal sealed record TrainingOutcome(RunDirectory Run, Target Target, TrainingConfig Config, TrainingState State, StepReport? LastStep, TimeSpan Elapsed, RunHealth Health)
{
    /// <summary>The run's summary as the <c>training</c> part of <c>--json</c> output.</summary>
    public JsonObject ToJson() => new()
    {
        ["run"] = Run.Path,
        ["model"] = Run.ModelFile,
        ["target"] = Config.Target,
        ["steps"] = State.Step,
        ["seconds"] = Elapsed.TotalSeconds,
        ["final_loss"] = LastStep?.Loss,
        ["final_drift_rms"] = LastStep?.DriftRms,
        ["final_ess"] = LastStep is { EffectiveSampleSize: var ess } && !double.IsNaN(ess) ? ess : null,
        ["nonfinite_energy_fraction"] = Health.NonFiniteEnergyFraction,
        ["samples_nonfinite_energy_fraction"] = Health.SamplesWithNonFiniteEnergyFraction,
    };

    /// <summary>The run's energy health in one line of the summary.</summary>
    public string HealthLine => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"non-finite energies: {Health.NonFiniteEnergies:N0} of {Health.EnergyEvaluations:N0} evaluations ({100 * (Health.NonFiniteEnergyFraction ?? 0):F2}%); "
        + $"samples where the energy is not finite: {100 * (Health.SamplesWithNonFiniteEnergyFraction ?? 0):F2}% of {Health.SamplesChecked:N0}");
}
