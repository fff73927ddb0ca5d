using System.Text.Json.Nodes;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

/// <summary>What a finished training run left: the target it trained on, the state, its last step's figures and the time it took.</summary>
internal sealed record TrainingOutcome(RunDirectory Run, Target Target, TrainingConfig Config, TrainingState State, StepReport? LastStep, TimeSpan Elapsed)
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
    };
}
